using LayerEntropy.Tests.Cli;
using LayerEntropy.Tests.Data;
using LayerEntropy.Tests.Onnx;
using static LayerEntropy.Tests.Onnx.OnnxGraphBuilder;

namespace LayerEntropy.Tests.Import;

/// <summary>
/// `analyze` on a bad model or bad data of one's own: one line naming the file and the problem, exit code 2, no stack
/// trace, and the results of an earlier run in the same output folder left exactly as they were.
/// </summary>
public class ImportBadInputTests(TorchFixtures torch, PngFiles png) : IClassFixture<TorchFixtures>, IClassFixture<PngFiles>
{
    /// <summary>x (784) → Gemm 8 → Relu → Gemm 10, with <paramref name="change"/> applied to the builder before the nodes.</summary>
    private static string Mlp(TempDir dir, string name, Action<OnnxGraphBuilder>? change = null, string weights = "w1", string op = "Relu", long[]? input = null)
    {
        var b = new OnnxGraphBuilder("x", input ?? [784]);
        change?.Invoke(b);
        if (weights == "w1") b.Floats("w1", new float[8 * 784], 8, 784);
        b.Floats("b1", new float[8], 8).Floats("w2", new float[80], 10, 8).Floats("b2", new float[10], 10)
            .Node("Gemm", "fc1", ["x", weights, "b1"], "h", Attr("transB", 1L))
            .Node(op, "act", ["h"], "a")
            .Node("Gemm", "out", ["a", "w2", "b2"], "y", Attr("transB", 1L))
            .Save(dir.File(name), "y");
        return dir.File(name);
    }

    public static TheoryData<string, string> Models => new()
    {
        { "rejected", "ONNX Runtime cannot load the model" },
        { "outside", "tensor 'W' is stored in '../w.bin', outside the model's folder" },
        { "missing-external", "tensor 'W' is stored in 'w.bin', which does not exist beside the model" },
        { "two-inputs", "the graph has 2 inputs ('x', 'mask'); only models with one input" },
        { "free-dims", "cannot settle its free dims" },
        { "fixed-batch", "has a fixed batch of 4; export the model with a dynamic batch axis" },
        { "truncated", "not an ONNX model" },
        { "text", "not an ONNX model" },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void A_model_that_cannot_be_run_fails_cleanly(string kind, string problem)
    {
        using var dir = new TempDir();
        string model = kind switch
        {
            "rejected" => Mlp(dir, "rejected.onnx", op: "NoSuchOperator"),
            "outside" => Mlp(dir, "outside.onnx", b => b.External("W", "../w.bin", 8, 784), weights: "W"),
            "missing-external" => Mlp(dir, "missing.onnx", b => b.External("W", "w.bin", 8, 784), weights: "W"),
            "two-inputs" => Mlp(dir, "two.onnx", b => b.Input("mask", 784)),
            "free-dims" => Mlp(dir, "free.onnx", input: [0, 0, 0, 0]),
            "fixed-batch" => FixedBatch(dir),
            "truncated" => dir.Write("truncated.onnx", File.ReadAllBytes(torch.File("cnn.onnx"))[..5000]),
            _ => dir.Write("text.onnx", "this is not a model\n"u8.ToArray()),
        };
        AssertRefusedKeepingEarlierResults(dir, ["analyze", model, "--data", torch.File("inputs.npy"), "--labels", torch.File("labels.npy")], model, problem);
    }

    [Fact]
    public void A_model_that_fails_on_the_inputs_names_their_shape()
    {
        using var dir = new TempDir();
        // A Reshape to 10 values per input cannot take 784.
        string model = dir.File("reshape.onnx");
        new OnnxGraphBuilder("x", 0).Initializer(Longs("shape", -1, 10)).Node("Reshape", "r", ["x", "shape"], "y").Save(model, "y");
        AssertRefusedKeepingEarlierResults(dir, ["analyze", model, "--data", torch.File("inputs.npy"), "--labels", torch.File("labels.npy")], model,
            "ONNX Runtime failed on inputs of shape [1,784]");
    }

    [Theory]
    [InlineData("bad_interlaced", "damaged or truncated image")]
    [InlineData("bad_filter", "damaged or truncated image")]
    [InlineData("bad_no_plte", "damaged or truncated image")]
    public void A_damaged_PNG_fails_cleanly(string name, string problem)
    {
        using var dir = new TempDir();
        // A class folder of MNIST images as PNG, and one more class whose only image is the bad file.
        DebianPython.Run(Path.Combine("Import", "write_png_folder.py"),
            [torch.File("inputs_u8.npy"), torch.File("labels.npy"), dir.File("png"), "20"], "install Debian's python3-numpy and python3-pil");
        string bad = dir.Copy(png.Png(name), Path.Combine("png", "zz", name + ".png"));
        AssertRefusedKeepingEarlierResults(dir, ["analyze", torch.File("cnn.onnx"), "--data", dir.File("png")], bad, problem);
    }

    private static string FixedBatch(TempDir dir)
    {
        string path = Mlp(dir, "fixed.onnx");
        var model = LayerEntropy.Onnx.Proto.ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        model.Graph.Input[0].Type.TensorType.Shape.Dim[0] = new LayerEntropy.Onnx.Proto.TensorShapeProto.Types.Dimension { DimValue = 4 };
        File.WriteAllBytes(path, Google.Protobuf.MessageExtensions.ToByteArray(model));
        return path;
    }

    /// <summary>Runs a good analysis into out/ first, then <paramref name="args"/> into the same folder.</summary>
    private void AssertRefusedKeepingEarlierResults(TempDir dir, string[] args, string file, string problem)
    {
        var good = CliRunner.InProcess("analyze", torch.File("mlp.onnx"), "--data", torch.File("inputs.npy"), "--labels", torch.File("labels.npy"),
            "-o", dir.File("out"), "--bootstrap", "0", "--limit-per-class", "20");
        Assert.True(good.ExitCode == 0, good.Error);
        var before = new FolderSnapshot(dir.File("out"));

        var r = CliRunner.InProcess([.. args, "-o", dir.File("out")]);
        CliRunner.AssertOneLineError(r, file, problem);
        before.AssertUnchanged();
    }
}
