using System.Text.Json;

namespace LayerEntropy.Tests.Import;

/// <summary>
/// Architectures of torchvision (resnet18, mobilenet_v2, squeezenet1_0, densenet121, vgg11, alexnet), a
/// TransformerEncoder classifier with GELU and an LSTM classifier, with random weights, exported by torch.onnx at
/// opsets 11, 13 and 17, with the activations PyTorch's forward hooks saw (tests/fixtures/make_zoo_models.py).
/// .ci/run writes them once and names the folder in LAYERENTROPY_ZOO_FIXTURES; otherwise the script runs here.
/// </summary>
public sealed class ZooFixtures : IDisposable
{
    public const string Variable = "LAYERENTROPY_ZOO_FIXTURES";
    private readonly TempDir? made;

    public ZooFixtures()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given && System.IO.File.Exists(Path.Combine(given, "zoo.json")))
            Folder = given;
        else
        {
            made = new TempDir();
            Folder = made.Path;
            DebianPython.Run(Path.Combine("fixtures", "make_zoo_models.py"), [Folder],
                "install Debian's python3-torch, python3-torchvision, python3-onnx and python3-numpy", TimeSpan.FromMinutes(15));
        }
        using var index = JsonDocument.Parse(System.IO.File.ReadAllText(File("zoo.json")));
        foreach (var m in index.RootElement.GetProperty("models").EnumerateArray())
            foreach (var o in m.GetProperty("opsets").EnumerateObject())
                Models[(m.GetProperty("name").GetString()!, int.Parse(o.Name, System.Globalization.CultureInfo.InvariantCulture))] = new ZooModel(
                    File(o.Value.GetProperty("model").GetString()!), File(o.Value.GetProperty("expected").GetString()!),
                    File(m.GetProperty("input").GetString()!), File(m.GetProperty("labels").GetString()!), File(m.GetProperty("logits").GetString()!),
                    m.GetProperty("reference_inputs").GetInt32());
        Mlp784 = File(index.RootElement.GetProperty("mlp784").GetString()!);
        MnistBytes = File(index.RootElement.GetProperty("mnist_u8").GetString()!);
        MnistLabels = File(index.RootElement.GetProperty("mnist_labels").GetString()!);
    }

    public string Folder { get; }

    public Dictionary<(string Name, int Opset), ZooModel> Models { get; } = [];

    /// <summary>A PyTorch MLP that takes (N, 784), exported at opset 13.</summary>
    public string Mlp784 { get; }

    /// <summary>MNIST's 10,000 test images as uint8 [10000, 28, 28], and their labels, written by numpy from the idx files.</summary>
    public string MnistBytes { get; }
    public string MnistLabels { get; }

    public string File(string name) => Path.Combine(Folder, name);

    public void Dispose() => made?.Dispose();
}

/// <summary>One exported model: its file, the hooks' values by ONNX value name, its inputs and labels, PyTorch's outputs.</summary>
public sealed record ZooModel(string Model, string Expected, string Inputs, string Labels, string Logits, int ReferenceInputs);
