using LayerEntropy.Analysis;
using LayerEntropy.Data;
using LayerEntropy.Experiments;
using LayerEntropy.Nn;
using LayerEntropy.Onnx;
using LayerEntropy.Tensors;
using LayerEntropy.Tests.Onnx;
using LayerEntropy.Training;
using static LayerEntropy.Tests.Onnx.OnnxGraphBuilder;

namespace LayerEntropy.Tests.Experiments;

/// <summary>The reinit control of an imported graph with layers the trainer never builds (a dilated, unevenly padded convolution and a batch normalisation).</summary>
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
    private static void Write(string path, float[] cw, float[] cb, float[][] bn, float epsilon, float[][] fc)
    {
        new OnnxGraphBuilder("x", 1, 28, 28)
            .Floats("cw", cw, 3, 1, 3, 3).Floats("cb", cb, 3)
            .Floats("gamma", bn[0], 3).Floats("beta", bn[1], 3).Floats("mean", bn[2], 3).Floats("var", bn[3], 3)
            .Floats("w1", fc[0], 16, 507).Floats("b1", fc[1], 16).Floats("w2", fc[2], 12, 16).Floats("b2", fc[3], 12).Floats("w3", fc[4], 10, 12).Floats("b3", fc[5], 10)
            .Node("Conv", "conv", ["x", "cw", "cb"], "c", Attr("kernel_shape", 3, 3), Attr("dilations", 2, 2), Attr("strides", 2, 2), Attr("pads", 0, 0, 1, 1))
            .Node("BatchNormalization", "bn", ["c", "gamma", "beta", "mean", "var"], "n", Attr("epsilon", epsilon))
            .Node("Relu", "conv_relu", ["n"], "r")
            .Node("Flatten", "flatten", ["r"], "f", Attr("axis", 1L))
            .Node("Gemm", "dense1", ["f", "w1", "b1"], "h1", Attr("transB", 1L))
            .Node("Relu", "dense1_relu", ["h1"], "a1")
            .Node("Gemm", "dense2", ["a1", "w2", "b2"], "h2", Attr("transB", 1L))
            .Node("Relu", "dense2_relu", ["h2"], "a2")
            .Node("Gemm", "out", ["a2", "w3", "b3"], "logits", Attr("transB", 1L))
            .Save(path, "logits");
    }

    [Fact]
    public void ImportedLayersAreRedrawnAndTheControlIsAnalysedInMemory()
    {
        using var dir = new TempDir();
        string path = dir.File("imported.onnx");
        float[][] bn = [Random(3, 3, 0.5f).Select(v => v + 1.5f).ToArray(), Random(3, 4), Random(3, 5), Random(3, 6).Select(v => v + 2f).ToArray()];
        float[] cw = Random(27, 1);
        Write(path, cw, Random(3, 2), bn, 1e-3f, [Random(16 * 507, 7, 0.1f), Random(16, 8), Random(12 * 16, 9), Random(12, 10), Random(120, 11), Random(10, 12)]);

        var settings = new AnalyzeSettings { Model = path, DataDir = TestData.Root, Options = new AnalysisOptions { Bootstrap = 0, LimitPerClass = 30, Bins = 6 } };
        var control = ControlModels.Build(settings, ControlKinds.Reinit);
        Assert.False(control.Saved);
        Assert.Contains("the weights of its 4 linear and convolution layers redrawn", control.Description);
        Assert.Contains("BatchNorm layers (bn) start as the identity", control.Description);
        Assert.Contains("analysed in memory", control.Description);

        var conv = control.Network.Layers.OfType<PaddedConv2d>().Single();
        float[] drawn = conv.Weight.Value.Data;
        Assert.NotEqual(cw, drawn);
        Assert.All(drawn, w => Assert.InRange(Math.Abs(w), 0, 1 / 3f));
        var linears = control.Network.Layers.OfType<Linear>().ToArray();

        // The same graph written afresh with the drawn weights and a batch normalisation that is the identity
        // (γ 1, β 0, mean 0, variance 1, ε 0): the control must compute exactly what it computes.
        string reference = dir.File("reference.onnx");
        Write(reference, drawn, conv.Bias.Value.Data, [[1, 1, 1], [0, 0, 0], [0, 0, 0], [1, 1, 1]], 0f,
            [.. linears.SelectMany(l => new[] { l.Weight.Value.Data, l.Bias.Value.Data })]);
        var expected = OnnxModelFile.Load(reference).Model;
        var x = OnnxTestModels.RandomInput(expected, 5, 13);
        Assert.Equal(OnnxTestModels.Bits(OnnxTestModels.Run(expected, x).Data), OnnxTestModels.Bits(OnnxTestModels.Run(control.Network, x).Data));
        var test = new DatasetCatalog(TestData.Root).Load("mnist", DatasetSplit.Test);
        Assert.Equal(Trainer.Evaluate(expected, test).Accuracy, control.TestAccuracy);

        var result = ControlAnalysis.Run(settings, [control], dir.File("out"), reports: false);
        var profile = Assert.Single(result.Controls!);
        Assert.Equal(path, profile.Model);
        Assert.False(File.Exists(dir.File("out", "controls", "reinit", "model.onnx")));
        var written = AnalysisJson.Load(dir.File("out", "controls", "reinit", "analysis.json"));
        Assert.Equal(path, written.Manifest.Model);
        Assert.Null(written.Manifest.ModelSha256);
        var direct = Analyzer.Analyze(expected, test, new AnalysisRequest { Options = settings.Options });
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(direct.Findings, AnalysisJson.Options), System.Text.Json.JsonSerializer.Serialize(profile.Findings, AnalysisJson.Options));
        // The model itself was analysed with its own weights.
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(ModelAnalysis.Run(settings).Taps, AnalysisJson.Options),
            System.Text.Json.JsonSerializer.Serialize(result.Taps, AnalysisJson.Options));
    }
}
