using Google.Protobuf;
using LayerEntropy.Analysis;
using LayerEntropy.Onnx;
using LayerEntropy.Onnx.Proto;
using LayerEntropy.Tests.Cli;
using static LayerEntropy.Tests.Onnx.OnnxGraphBuilder;

namespace LayerEntropy.Tests.Onnx;

/// <summary>
/// Large weights are left in the model file for ONNX Runtime to read (references into the file itself), and weights
/// that a model keeps in external data files beside it are read from there: either way the model computes what the
/// whole file held in memory computes.
/// </summary>
public class WeightReferencesTests
{
    private static float[] Values(int n, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => random.NextSingle() - 0.5f)];
    }

    /// <summary>x (784) → Gemm 64 (a 200 kB raw weight) → Relu → Gemm 10 (small, stored as float_data).</summary>
    private static OnnxGraphBuilder Mlp(Action<OnnxGraphBuilder>? weights = null)
    {
        var b = new OnnxGraphBuilder("x", 784);
        if (weights is null) b.Raw("w1", Values(64 * 784, 1), 64, 784);
        else weights(b);
        return b.Raw("b1", Values(64, 2), 64).Floats("w2", Values(640, 3), 10, 64).Floats("b2", Values(10, 4), 10)
            .Node("Gemm", "fc1", ["x", "w1", "b1"], "h", Attr("transB", 1L))
            .Node("Relu", "relu", ["h"], "a")
            .Node("Gemm", "out", ["a", "w2", "b2"], "y", Attr("transB", 1L));
    }

    private static float[] Run(string path, byte[] bytes, bool external)
    {
        using var session = RuntimeSession.Create(path, bytes, optimize: true, threads: 1, external);
        float[] x = Values(3 * 784, 9), y = [];
        session.Run("x", x, [3, 784], ["y"], (_, _, values) => y = values.ToArray());
        return y;
    }

    [Fact]
    public void Large_weights_become_references_into_the_file_and_compute_the_same_outputs()
    {
        using var dir = new TempDir();
        string path = dir.File("mlp.onnx");
        Mlp().Save(path, "y");

        byte[] referenced = WeightReferences.Encode(path)!;
        Assert.True(referenced.Length < 10_000, $"{referenced.Length} bytes: the weight was copied");
        var model = ModelProto.Parser.ParseFrom(referenced);
        var w1 = model.Graph.Initializer.Single(t => t.Name == "w1");
        Assert.Equal(TensorProto.Types.DataLocation.External, w1.DataLocation);
        Assert.Equal("mlp.onnx", w1.ExternalData.Single(e => e.Key == "location").Value);
        // The reference points at the weight's bytes in the file.
        long offset = long.Parse(w1.ExternalData.Single(e => e.Key == "offset").Value), length = long.Parse(w1.ExternalData.Single(e => e.Key == "length").Value);
        var original = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        Assert.Equal(original.Graph.Initializer.Single(t => t.Name == "w1").RawData.ToByteArray(), File.ReadAllBytes(path).AsSpan((int)offset, (int)length).ToArray());
        // Everything else is as it was: the small initializers inline, the nodes, the rest of the tensor.
        Assert.Equal(original.Graph.Node, model.Graph.Node);
        Assert.Equal(original.Graph.Initializer.Where(t => t.Name != "w1"), model.Graph.Initializer.Where(t => t.Name != "w1"));
        Assert.Equal(original.Graph.Initializer.Single(t => t.Name == "w1").Dims, w1.Dims);

        Assert.Equal(Run(path, File.ReadAllBytes(path), false), Run(path, referenced, true));
    }

    [Fact]
    public void A_model_without_large_raw_weights_is_left_whole()
    {
        using var dir = new TempDir();
        string path = dir.File("small.onnx");
        Mlp(b => b.Floats("w1", Values(64 * 784, 1), 64, 784)).Save(path, "y");
        Assert.Null(WeightReferences.Encode(path));
    }

    [Fact]
    public void Weights_in_an_external_data_file_beside_the_model_are_read_from_it()
    {
        using var dir = new TempDir();
        Mlp().Save(dir.File("inline.onnx"), "y");
        float[] w1 = Values(64 * 784, 1);
        File.WriteAllBytes(dir.File("w1.bin"), System.Runtime.InteropServices.MemoryMarshal.AsBytes(w1.AsSpan()).ToArray());
        Mlp(b => b.External("w1", "w1.bin", 64, 784)).Save(dir.File("external.onnx"), "y");

        string[] common = ["--dataset", "mnist", "--data-dir", TestData.Root, "--limit-per-class", "20", "--bootstrap", "0", "--no-report"];
        var inline = CliRunner.InProcess(["analyze", dir.File("inline.onnx"), .. common, "-o", dir.File("a")]);
        Assert.True(inline.ExitCode == 0, inline.Error);
        var external = CliRunner.InProcess(["analyze", dir.File("external.onnx"), .. common, "-o", dir.File("b")]);
        Assert.True(external.ExitCode == 0, external.Error);
        LayerEntropy.Tests.Import.AnalysisAssert.SameMeasures(AnalysisJson.Load(dir.File("a", "analysis.json")), AnalysisJson.Load(dir.File("b", "analysis.json")), tolerance: 0);
    }

    [Fact]
    public void A_file_cut_inside_a_weight_fails_in_one_line()
    {
        using var dir = new TempDir();
        string path = dir.File("mlp.onnx");
        Mlp().Save(path, "y");
        string cut = dir.Write("cut.onnx", File.ReadAllBytes(path)[..100_000]);
        var r = CliRunner.InProcess("inspect", cut);
        CliRunner.AssertOneLineError(r, cut, "not an ONNX model");
    }
}
