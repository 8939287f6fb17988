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
    public void Inspect_shows_the_graph_the_FC_layers_and_the_tap_names_of_an_imported_model()
    {
        using var dir = new TempDir();
        string path = ImportedModel(dir);

        var r = CliRunner.InProcess("inspect", path);

        Assert.True(r.ExitCode == 0, r.Error);
        var lines = r.Output.Split('\n').Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToArray();
        Assert.Contains("norm Sub [N,3,4,4] norm", lines);
        Assert.Contains("fc6 Conv [N,8,1,1] fc6", lines);
        Assert.Contains("bn6 BatchNormalization [N,8,1,1] bn6", lines);
        Assert.Contains("target Constant constant [2] -", lines);
        Assert.Contains("flatten Reshape [N,8] flatten", lines);
        Assert.Contains("probs Softmax [N,3] probs", lines);
        Assert.Contains("Fully connected layers: fc6 (48->8), logits (8->3, classifier)", lines);
        Assert.Contains("Tappable outputs (names for analyze --taps): norm, fc6, bn6, fc6_relu, flatten, logits, probs", lines);
        Assert.Contains("Every layer's output can be tapped by its name. Default taps (hidden FC layers after activation): fc6_relu", lines);
    }

    [Fact]
    public void Inspect_json_lists_the_graph_nodes_and_the_FC_layers()
    {
        using var dir = new TempDir();
        string path = ImportedModel(dir);

        var r = CliRunner.InProcess("inspect", path, "--json");

        Assert.True(r.ExitCode == 0, r.Error);
        using var json = JsonDocument.Parse(r.Output);
        var graph = json.RootElement.GetProperty("graph");
        Assert.Equal(["norm", "fc6", "bn6", "fc6_relu", "target", "flatten", "logits", "probs"], graph.EnumerateArray().Select(n => n.GetProperty("name").GetString()));
        Assert.Equal("Conv", graph[1].GetProperty("op_type").GetString());
        Assert.Equal("[N,8,1,1]", graph[1].GetProperty("output").GetString());
        var fc = json.RootElement.GetProperty("fully_connected");
        Assert.Equal(["fc6", "logits"], fc.EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        Assert.True(fc[1].GetProperty("classifier").GetBoolean());
        Assert.Equal(["fc6_relu"], json.RootElement.GetProperty("default_taps").EnumerateArray().Select(t => t.GetString()));
    }
}
