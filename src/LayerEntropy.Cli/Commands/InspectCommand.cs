using System.CommandLine;
using LayerEntropy.Nn;
using LayerEntropy.Onnx;

namespace LayerEntropy.Cli.Commands;

/// <summary>
/// `layerentropy inspect model.onnx`: the graph as read (each node's op type and output shape, the layer it became),
/// the layers with shapes and parameter counts, the fully connected layers found, and the outputs that can be tapped.
/// </summary>
internal static class InspectCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var path = new Argument<string>("model") { Description = "An ONNX model file" };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON" };
        var command = new Command("inspect", "Show a model's layers, shapes, parameter counts and tappable outputs") { path, json };
        command.SetAction(parse => Execute(parse.GetValue(path)!, parse.GetValue(json), output));
        return command;
    }

    public static int Execute(string path, bool json, TextWriter output)
    {
        var file = OnnxModelFile.Load(path);
        var model = file.Model;
        var shapes = model.LayerOutputShapes();
        var rows = model.Layers.Select((l, i) => new
        {
            l.Name, l.Kind, OutputShape = shapes[i], Parameters = l.Parameters.Sum(p => (long)p.Value.Length),
            Units = shapes[i].Aggregate(1L, (a, b) => a * b),
        }).ToArray();
        var graph = file.Graph.Select(n => new
        {
            n.Name, n.OpType, Output = n.OutputShape is { } s ? $"[N,{string.Join(",", s)}]" : n.ConstantDims is { } d ? $"constant [{string.Join(",", d)}]" : "-",
            n.Layer,
        }).ToArray();
        var fc = FullyConnected(model);
        if (json)
        {
            output.WriteLine(JsonOutput.Serialize(new
            {
                File = path, model.InputShape, Parameters = model.ParameterCount, Graph = graph, Layers = rows, FullyConnected = fc,
                Tappable = rows.Select(r => r.Name), DefaultTaps = model.DefaultTaps(), Metadata = file.Metadata,
            }));
            return 0;
        }
        output.WriteLine($"{path}: input [batch, {string.Join(", ", model.InputShape)}], {model.ParameterCount:N0} parameters");
        foreach (var (k, v) in file.Metadata.Where(kv => kv.Value.Length > 0)) output.WriteLine($"  {k}: {v}");
        output.WriteLine();
        // Columns as wide as their longest entry: exporters name nodes by module path (/features/1/Conv).
        int name = Math.Max(18, Math.Max(graph.Length == 0 ? 0 : graph.Max(n => n.Name.Length), rows.Max(r => r.Name.Length)));
        int op = Math.Max(10, graph.Length == 0 ? 0 : graph.Max(n => n.OpType.Length));
        int shape = Math.Max(16, graph.Length == 0 ? 0 : graph.Max(n => n.Output.Length));
        if (graph.Length > 0)
        {
            output.WriteLine($"  {Pad("node", name)} {Pad("op", op)} {Pad("output", shape)} layer");
            foreach (var n in graph) output.WriteLine($"  {Pad(n.Name, name)} {Pad(n.OpType, op)} {Pad(n.Output, shape)} {n.Layer ?? "-"}");
            output.WriteLine();
        }
        output.WriteLine($"  {Pad("layer (tap name)", name)} {"kind",-10} {"output",-16} {"units",8} {"parameters",12}");
        foreach (var r in rows)
            output.WriteLine($"  {Pad(r.Name, name)} {r.Kind,-10} {"[" + string.Join("x", r.OutputShape) + "]",-16} {r.Units,8:N0} {r.Parameters,12:N0}");
        output.WriteLine();
        output.WriteLine($"Fully connected layers: {string.Join(", ", fc.Select(f => $"{f.Name} ({f.Inputs}->{f.Units}{(f.Classifier ? ", classifier" : "")})"))}");
        output.WriteLine($"Tappable outputs (names for analyze --taps): {string.Join(", ", rows.Select(r => r.Name))}");
        output.WriteLine($"Every layer's output can be tapped by its name. Default taps (hidden FC layers after activation): {string.Join(", ", model.DefaultTaps())}");
        return 0;
    }

    /// <summary>The Linear layers (from Gemm, MatMul, or a Conv whose kernel covers its input); the last is the classifier.</summary>
    private static FcLayer[] FullyConnected(Sequential model)
    {
        var linears = model.Layers.OfType<Linear>().ToArray();
        return [.. linears.Select((l, i) => new FcLayer(l.Name, l.InFeatures, l.OutFeatures, i == linears.Length - 1))];
    }

    private static string Pad(string text, int width) => text.PadRight(width);

    private sealed record FcLayer(string Name, int Inputs, int Units, bool Classifier);
}
