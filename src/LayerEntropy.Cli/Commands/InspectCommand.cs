using System.CommandLine;
using System.Globalization;
using LayerEntropy.Onnx;

namespace LayerEntropy.Cli.Commands;

/// <summary>
/// `layerentropy inspect model.onnx`: any ONNX graph as the analysis sees it: its input, an operator histogram, the
/// fully connected layers found (the classifier marked), the default taps and the rule that chose them, and every
/// value that can be tapped with its shape for one input. For a model `layerentropy train` wrote, also its layers and
/// parameter counts.
/// </summary>
internal static class InspectCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var path = new Argument<string>("model") { Description = "An ONNX model file" };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON" };
        var inputShape = new Option<string?>("--input-shape")
        {
            Description = "One input's shape, e.g. 3,224,224, for a graph that leaves dims of its input free (the tappable values are found by running it)",
        };
        var command = new Command("inspect", "Show a model's graph, its fully connected layers, default taps and every tappable value with its shape") { path, json, inputShape };
        command.SetAction(parse => Execute(parse.GetValue(path)!, parse.GetValue(json), parse.GetValue(inputShape), output));
        return command;
    }

    public static int Execute(string path, bool json, string? inputShape, TextWriter output)
    {
        var graph = OnnxGraph.Read(path);
        var ours = graph.Producer == OnnxWriter.Producer ? OnnxModelFile.Load(path) : null;
        var histogram = graph.Nodes.GroupBy(n => n.Domain.Length > 0 ? $"{n.Domain}.{n.OpType}" : n.OpType)
            .Select(g => new OperatorCount(g.Key, g.Count())).OrderByDescending(o => o.Count).ThenBy(o => o.Op, StringComparer.Ordinal).ToArray();
        int[]? shape = Shape(graph, inputShape);
        var imported = shape is null ? null : new ImportedModel(graph, shape, Tensors.Compute.Threads);
        var fc = imported?.Layers.FullyConnected.Select(f => new FcLayer(imported.Layers.Names.GetValueOrDefault(f.Linear) ?? f.Linear, f.Node.Label, f.Node.OpType,
            f.Inputs, f.Units, f.Activation is null ? null : imported.Layers.Names.GetValueOrDefault(f.Activation) ?? f.Activation, f.ActivationKind, f.Classifier)).ToArray();
        var (defaults, rule) = imported?.Layers.Default(false) ?? ([], "");
        var values = imported is null ? null : imported.Shapes.Select(v => new TappableValue(imported.Layers.Names.GetValueOrDefault(v.Key) ?? v.Key, v.Key,
                graph.ProducerOf(v.Key)?.OpType ?? "", v.Value.Describe(), v.Value.Units))
            .OrderBy(v => graph.ProducerOf(v.Value)?.Index ?? -1).ToArray();
        var layers = ours?.Model.Layers.Zip(ours.Model.LayerOutputShapes()).Select(p => new EngineLayer(p.First.Name, p.First.Kind,
            $"[{string.Join("x", p.Second)}]", p.First.Parameters.Sum(q => (long)q.Value.Length))).ToArray();
        if (json)
        {
            output.WriteLine(JsonOutput.Serialize(new
            {
                File = path, Runs = ours is null ? "onnxruntime" : "engine", Input = graph.Input.Describe(), InputName = graph.Input.Name, FedAs = shape,
                graph.Opset, graph.Producer, Operators = histogram, FullyConnected = fc, DefaultTaps = defaults.Select(t => t.Name), DefaultRule = rule,
                Tappable = values, Layers = layers, graph.Metadata,
            }));
            return 0;
        }
        output.WriteLine($"{path}: input '{graph.Input.Name}' {graph.Input.Describe()}, opset {graph.Opset}, {graph.Nodes.Count} nodes"
            + (graph.Producer.Length > 0 ? $", written by {graph.Producer}" : ""));
        output.WriteLine(ours is null
            ? "  analysed on ONNX Runtime (a graph layerentropy train did not write)"
            : $"  analysed on the training engine (written by layerentropy train): {ours.Model.ParameterCount:N0} parameters");
        foreach (var (k, v) in graph.Metadata.Where(kv => kv.Value.Length > 0)) output.WriteLine($"  {k}: {v}");
        output.WriteLine();
        output.WriteLine("Operators: " + string.Join(", ", histogram.Select(o => $"{o.Op} {o.Count}")));
        if (layers is not null)
        {
            output.WriteLine();
            int w = Math.Max(16, layers.Max(l => l.Name.Length));
            output.WriteLine($"  {"layer".PadRight(w)} {"kind",-10} {"output",-16} {"parameters",12}");
            foreach (var l in layers) output.WriteLine($"  {l.Name.PadRight(w)} {l.Kind,-10} {l.Output,-16} {l.Parameters,12:N0}");
        }
        if (imported is null)
        {
            output.WriteLine();
            output.WriteLine($"The input {graph.Input.Describe()} leaves dims free: give --input-shape (e.g. 3,224,224) to find the layers and the tappable values.");
            return 0;
        }
        output.WriteLine();
        output.WriteLine(fc!.Length == 0 ? "Fully connected layers: none" : "Fully connected layers (Gemm; MatMul with a constant weight; Conv covering its whole input):");
        foreach (var f in fc)
            output.WriteLine($"  {f.Name} ({f.Op}, {f.Inputs:N0} -> {f.Units:N0}){(f.Activation is null ? ", no activation" : $", activation {f.Activation} ({f.ActivationKind})")}{(f.Classifier ? ", classifier" : "")}");
        output.WriteLine();
        output.WriteLine($"Default taps ({rule}): {(defaults.Count == 0 ? "none" : string.Join(", ", defaults.Select(t => t.Name)))}");
        output.WriteLine();
        int name = Math.Max(12, values!.Length == 0 ? 0 : values.Max(v => v.Name.Length));
        int op = Math.Max(8, values.Length == 0 ? 0 : values.Max(v => v.Op.Length));
        int dims = Math.Max(14, values.Length == 0 ? 0 : values.Max(v => v.Shape.Length));
        output.WriteLine($"Tappable values ({values.Length}; names for analyze --taps: the name or the ONNX value):");
        output.WriteLine($"  {"name".PadRight(name)} {"op".PadRight(op)} {"shape".PadRight(dims)} {"units",10}  ONNX value");
        foreach (var v in values)
            output.WriteLine($"  {v.Name.PadRight(name)} {v.Op.PadRight(op)} {v.Shape.PadRight(dims)} {v.Units,10:N0}  {v.Value}");
        return 0;
    }

    /// <summary>The input shape to run the graph with: the file's, with free dims from --input-shape; null when some stay free.</summary>
    private static int[]? Shape(OnnxGraph graph, string? text)
    {
        if (text is null) return graph.Input.IsFixed ? [.. graph.Input.Dims.Select(d => d!.Value)] : null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var dims = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out dims[i]) || dims[i] < 1)
                throw new LayerEntropyException($"--input-shape must be positive sizes separated by commas, e.g. 3,224,224 (got '{text}')");
        if (dims.Length != graph.Input.Dims.Count || graph.Input.Dims.Where((d, i) => d is not null && d != dims[i]).Any())
            throw LayerEntropyException.ForFile(graph.Path, $"--input-shape {text} does not fit the model's input {graph.Input.Describe()}");
        return dims;
    }

    private sealed record OperatorCount(string Op, int Count);

    private sealed record FcLayer(string Name, string Node, string Op, long Inputs, long Units, string? Activation, string? ActivationKind, bool Classifier);

    private sealed record TappableValue(string Name, string Value, string Op, string Shape, long Units);

    private sealed record EngineLayer(string Name, string Kind, string Output, long Parameters);
}
