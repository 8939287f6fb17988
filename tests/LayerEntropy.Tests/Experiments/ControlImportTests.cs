using Google.Protobuf;
using LayerEntropy.Analysis;
using LayerEntropy.Experiments;
using LayerEntropy.Onnx.Proto;
using LayerEntropy.Tests.Onnx;
using static LayerEntropy.Tests.Onnx.OnnxGraphBuilder;

namespace LayerEntropy.Tests.Experiments;

/// <summary>
/// The reinit control of an imported graph (run by ONNX Runtime): a dilated, unevenly padded convolution with a batch
/// normalisation and an FC head, each weight drawn as PyTorch draws a new layer's and the normalisation reset.
/// </summary>
public sealed class ControlImportTests
{
    private static float[] Random(int n, int seed, float scale = 1)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => (random.NextSingle() * 2 - 1) * scale)];
    }

    /// <summary>
    /// x (1×28×28) → Conv 3@3×3, dilation 2, stride 2, pads 0,0,1,1 (3×13×13) → BatchNormalization → Relu → Flatten →
    /// Gemm 16 → Relu → Gemm 12 → Relu → Gemm 10, with the given weights.
    /// </summary>
    private static void Write(string path, float[] cw, float[] cb, float[][] bn, float[][] fc)
    {
        new OnnxGraphBuilder("x", 1, 28, 28)
            .Floats("cw", cw, 3, 1, 3, 3).Floats("cb", cb, 3)
            .Floats("gamma", bn[0], 3).Floats("beta", bn[1], 3).Floats("mean", bn[2], 3).Floats("var", bn[3], 3)
            .Floats("w1", fc[0], 16, 507).Floats("b1", fc[1], 16).Floats("w2", fc[2], 12, 16).Floats("b2", fc[3], 12).Floats("w3", fc[4], 10, 12).Floats("b3", fc[5], 10)
            .Node("Conv", "conv", ["x", "cw", "cb"], "c", Attr("kernel_shape", 3, 3), Attr("dilations", 2, 2), Attr("strides", 2, 2), Attr("pads", 0, 0, 1, 1))
            .Node("BatchNormalization", "bn", ["c", "gamma", "beta", "mean", "var"], "n", Attr("epsilon", 1e-5f))
            .Node("Relu", "conv_relu", ["n"], "r")
            .Node("Flatten", "flatten", ["r"], "f", Attr("axis", 1L))
            .Node("Gemm", "dense1", ["f", "w1", "b1"], "h1", Attr("transB", 1L))
            .Node("Relu", "dense1_relu", ["h1"], "a1")
            .Node("Gemm", "dense2", ["a1", "w2", "b2"], "h2", Attr("transB", 1L))
            .Node("Relu", "dense2_relu", ["h2"], "a2")
            .Node("Gemm", "out", ["a2", "w3", "b3"], "logits", Attr("transB", 1L))
            .Save(path, "logits");
    }

    private static float[] Weights(ModelProto model, NodeProto node, int input)
    {
        var t = model.Graph.Initializer.Single(i => i.Name == node.Input[input]);
        return [.. System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(t.RawData.Span)];
    }

    [Fact]
    public void Every_layer_is_drawn_as_PyTorch_draws_new_ones_and_the_control_is_analysed_with_those_weights()
    {
        using var dir = new TempDir();
        string path = dir.File("imported.onnx");
        float[][] bn = [Random(3, 3, 0.5f).Select(v => v + 1.5f).ToArray(), Random(3, 4), Random(3, 5), Random(3, 6).Select(v => v + 2f).ToArray()];
        float[] cw = Random(27, 1);
        float[][] fc = [Random(16 * 507, 7, 0.1f), Random(16, 8), Random(12 * 16, 9), Random(12, 10), Random(120, 11), Random(10, 12)];
        Write(path, cw, Random(3, 2), bn, fc);

        var settings = new AnalyzeSettings { Model = path, DataDir = TestData.Root, Options = new AnalysisOptions { Bootstrap = 0, LimitPerClass = 30, Bins = 6 } };
        var control = ControlModels.Build(settings, ControlKinds.Reinit);
        Assert.True(control.Saved);
        Assert.Null(control.Network);
        Assert.Contains("its 4 Conv, Gemm and MatMul layers drawn afresh", control.Description);
        Assert.Contains("its 1 BatchNormalization layer reset to the identity", control.Description);

        var drawn = ModelProto.Parser.ParseFrom(control.Files.Single().Bytes);
        var nodes = drawn.Graph.Node.ToDictionary(n => n.Name);
        // U(−b, b) with b = 1/√fan_in: 9 for the convolution (1 channel × 3×3), 507, 16 and 12 for the Gemms.
        foreach (var (name, fanIn, original) in new[] { ("conv", 9, cw), ("dense1", 507, fc[0]), ("dense2", 16, fc[2]), ("out", 12, fc[4]) })
        {
            float[] w = Weights(drawn, nodes[name], 1), b = Weights(drawn, nodes[name], 2);
            Assert.NotEqual(original, w);
            Assert.All(w.Concat(b), v => Assert.InRange(Math.Abs(v), 0, 1 / Math.Sqrt(fanIn)));
            Assert.True(w.Max() > 0.8 / Math.Sqrt(fanIn), $"{name}: draws do not span the bound");
        }
        Assert.Equal([1f, 1f, 1f], Weights(drawn, nodes["bn"], 1));
        Assert.Equal([0f, 0f, 0f], Weights(drawn, nodes["bn"], 2));
        Assert.Equal([0f, 0f, 0f], Weights(drawn, nodes["bn"], 3));
        Assert.Equal([1f, 1f, 1f], Weights(drawn, nodes["bn"], 4));
        Assert.Equal(control.Files.Single().Bytes, ControlModels.Build(settings, ControlKinds.Reinit).Files.Single().Bytes);
        Assert.NotEqual(control.Files.Single().Bytes, ControlModels.Build(settings, ControlKinds.Reinit, seed: 5).Files.Single().Bytes);

        // The same graph written afresh with the drawn weights: the control's analysis must be its analysis.
        string reference = dir.File("reference.onnx");
        Write(reference, Weights(drawn, nodes["conv"], 1), Weights(drawn, nodes["conv"], 2), [[1, 1, 1], [0, 0, 0], [0, 0, 0], [1, 1, 1]],
            [.. new[] { "dense1", "dense2", "out" }.SelectMany(n => new[] { Weights(drawn, nodes[n], 1), Weights(drawn, nodes[n], 2) })]);
        var expected = ModelAnalysis.Run(settings with { Model = reference });

        var result = ControlAnalysis.Run(settings, [control], dir.File("out"), reports: false);
        var profile = Assert.Single(result.Controls!);
        Assert.Equal("controls/reinit/model.onnx", profile.Model);
        Assert.True(File.Exists(dir.File("out", "controls", "reinit", "model.onnx")));
        var written = AnalysisJson.Load(dir.File("out", "controls", "reinit", "analysis.json"));
        Assert.Equal(Json(expected.Taps), Json(written.Taps));
        Assert.Equal(expected.Observed!.Value, profile.TestAccuracy);
        // The model itself was analysed with its own weights.
        Assert.Equal(Json(ModelAnalysis.Run(settings).Taps), Json(result.Taps));
        Assert.NotEqual(Json(expected.Taps), Json(result.Taps));
    }

    [Fact]
    public void The_shuffled_labels_control_of_an_imported_graph_says_in_one_line_what_it_needs()
    {
        using var dir = new TempDir();
        string path = dir.File("imported.onnx");
        Write(path, Random(27, 1), Random(3, 2), [[1, 1, 1], [0, 0, 0], [0, 0, 0], [1, 1, 1]],
            [Random(16 * 507, 7, 0.1f), Random(16, 8), Random(12 * 16, 9), Random(12, 10), Random(120, 11), Random(10, 12)]);
        var r = Cli.CliRunner.InProcess("analyze", path, "--data-dir", TestData.Root, "--control", "shuffled-labels", "-o", dir.File("out"));
        Cli.CliRunner.AssertOneLineError(r, path, "the shuffled-labels control needs a model trained by layerentropy train");
        Assert.False(Directory.Exists(dir.File("out")));
    }

    private static string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value, AnalysisJson.Options);
}
