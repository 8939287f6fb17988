using System.Text.Json;
using LayerEntropy.Tests.Onnx;
using static LayerEntropy.Tests.Onnx.OnnxGraphBuilder;

namespace LayerEntropy.Tests.Cli;

/// <summary>`inspect` on an imported graph: every node with its op and output, the FC layers found, and the tap names.</summary>
public class InspectCommandTests
{
    /// <summary>
    /// Input normalisation, a Conv whose 4×4 kernel covers its 3×4×4 input (an FC layer), BatchNormalization, ReLU, a
    /// Reshape whose target comes from a Constant node, the classifier and a Softmax.
    /// </summary>
    private static string ImportedModel(TempDir dir)
    {
        string path = dir.File("imported.onnx");
        var random = new Random(3);
        float[] Values(int n) => [.. Enumerable.Range(0, n).Select(_ => random.NextSingle() + 0.5f)];
        new OnnxGraphBuilder("x", 3, 4, 4)
            .Floats("mean", Values(3), 3, 1, 1).Floats("w6", Values(8 * 48), 8, 3, 4, 4).Floats("b6", Values(8), 8)
            .Floats("gamma", Values(8), 8).Floats("beta", Values(8), 8).Floats("mu", Values(8), 8).Floats("var", Values(8), 8)
            .Floats("wl", Values(8 * 3), 3, 8).Floats("bl", Values(3), 3)
            .Node("Sub", "norm", ["x", "mean"], "normed")
            .Node("Conv", "fc6", ["normed", "w6", "b6"], "c6", Attr("kernel_shape", 4, 4))
            .Node("BatchNormalization", "bn6", ["c6", "gamma", "beta", "mu", "var"], "n6")
            .Node("Relu", "fc6_relu", ["n6"], "r6")
            .Node("Constant", "target", [], "shape", Attr("value", Longs("", 0, -1)))
            .Node("Reshape", "flatten", ["r6", "shape"], "flat")
            .Node("Gemm", "logits", ["flat", "wl", "bl"], "z", Attr("transB", 1L))
            .Node("Softmax", "probs", ["z"], "p")
            .Save(path, "p");
        return path;
    }

    [Fact]
    public void Inspect_shows_the_operators_the_FC_layers_the_default_taps_and_every_tappable_value()
    {
        using var dir = new TempDir();
        string path = ImportedModel(dir);

        var r = CliRunner.InProcess("inspect", path);

        Assert.True(r.ExitCode == 0, r.Error);
        var lines = r.Output.Split('\n').Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToArray();
        Assert.Contains("analysed on ONNX Runtime (a graph layerentropy train did not write)", lines);
        Assert.Contains("Operators: BatchNormalization 1, Constant 1, Conv 1, Gemm 1, Relu 1, Reshape 1, Softmax 1, Sub 1", lines);
        Assert.Contains("fc6 (Conv, 48 -> 8), activation fc6_relu (Relu)", lines);
        Assert.Contains("logits (Gemm, 8 -> 3), no activation, classifier", lines);
        Assert.Contains("Default taps (hidden FC layers after their activation): fc6_relu", lines);
        // Every value computed from the input, with its shape for one input, in graph order.
        Assert.Contains("norm Sub [N,3,4,4] 48 normed", lines);
        Assert.Contains("fc6 Conv [N,8,1,1] 8 c6", lines);
        Assert.Contains("bn6 BatchNormalization [N,8,1,1] 8 n6", lines);
        Assert.Contains("flatten Reshape [N,8] 8 flat", lines);
        Assert.Contains("probs Softmax [N,3] 3 p", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("target ", StringComparison.Ordinal));
    }

    [Fact]
    public void Inspect_json_lists_the_operators_the_FC_layers_and_the_tappable_values()
    {
        using var dir = new TempDir();
        string path = ImportedModel(dir);

        var r = CliRunner.InProcess("inspect", path, "--json");

        Assert.True(r.ExitCode == 0, r.Error);
        using var json = JsonDocument.Parse(r.Output);
        Assert.Equal(8, json.RootElement.GetProperty("operators").GetArrayLength());
        var values = json.RootElement.GetProperty("tappable");
        Assert.Equal(["norm", "fc6", "bn6", "fc6_relu", "flatten", "logits", "probs"], values.EnumerateArray().Select(n => n.GetProperty("name").GetString()));
        Assert.Equal("[N,8,1,1]", values[1].GetProperty("shape").GetString());
        var fc = json.RootElement.GetProperty("fully_connected");
        Assert.Equal(["fc6", "logits"], fc.EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        Assert.True(fc[1].GetProperty("classifier").GetBoolean());
        Assert.Equal(["fc6_relu"], json.RootElement.GetProperty("default_taps").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public void A_graph_with_free_input_dims_is_inspected_with_the_shape_given()
    {
        using var dir = new TempDir();
        string path = dir.File("free.onnx");
        new OnnxGraphBuilder("x", 3, 0, 0).Node("Relu", "act", ["x"], "y").Save(path, "y");

        var without = CliRunner.InProcess("inspect", path);
        Assert.True(without.ExitCode == 0, without.Error);
        Assert.Contains("give --input-shape", without.Output);
        var with = CliRunner.InProcess("inspect", path, "--input-shape", "3,5,7");
        Assert.True(with.ExitCode == 0, with.Error);
        Assert.Contains("[N,3,5,7]", with.Output);
        CliRunner.AssertOneLineError(CliRunner.InProcess("inspect", path, "--input-shape", "2,5,7"), path, "--input-shape 2,5,7 does not fit the model's input [N, 3, d2, d3]");
    }
}
