namespace LayerEntropy.Tests.Import;

/// <summary>
/// The PyTorch models of tests/fixtures/make_torch_models.py, exported with torch.onnx, with the inputs, outputs and
/// hidden activations PyTorch computed. .ci/run writes them once and names the folder in LAYERENTROPY_TORCH_FIXTURES;
/// otherwise the script runs here (Debian's python3-torch and python3-onnx), into a folder of this test run.
/// </summary>
public sealed class TorchFixtures : IDisposable
{
    public const string Variable = "LAYERENTROPY_TORCH_FIXTURES";
    private readonly TempDir? made;

    public TorchFixtures()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given && System.IO.File.Exists(Path.Combine(given, "cnn.taps.json")))
        {
            Folder = given;
            return;
        }
        made = new TempDir();
        Folder = made.Path;
        DebianPython.Run(Path.Combine("fixtures", "make_torch_models.py"), [Folder],
            "install Debian's python3-torch, python3-onnx and python3-numpy (apt-get install python3-torch python3-onnx python3-numpy)");
    }

    public string Folder { get; }

    public string File(string name) => Path.Combine(Folder, name);

    public void Dispose() => made?.Dispose();
}
