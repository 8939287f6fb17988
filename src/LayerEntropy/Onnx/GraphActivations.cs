namespace LayerEntropy.Onnx;

/// <summary>
/// Where a graph applies activation functions: the activation operators, and the patterns exporters write for the
/// ones ONNX had no operator for (GELU as x·½(1 + erf(x/√2)), SiLU as x·σ(x), hard-swish as x·hardσ(x)). Each is known
/// by the value it outputs and a kind ("Relu", "Gelu", …).
/// </summary>
internal sealed class GraphActivations
{
    /// <summary>Single-input operators that act on each unit alone and decide whether it fires.</summary>
    public static readonly IReadOnlySet<string> Operators = new HashSet<string>(StringComparer.Ordinal)
    {
        "Relu", "LeakyRelu", "PRelu", "Sigmoid", "HardSigmoid", "Tanh", "Clip", "Elu", "Selu", "Celu", "Softplus", "Softsign",
        "HardSwish", "Gelu", "Mish", "ThresholdedRelu",
    };

    /// <summary>Operators that pass each unit on unchanged in kind: looked past between an FC layer and its activation.</summary>
    private static readonly IReadOnlySet<string> PassThrough = new HashSet<string>(StringComparer.Ordinal)
    {
        "BatchNormalization", "Dropout", "Identity", "Reshape", "Flatten", "Squeeze", "Unsqueeze", "Transpose", "Cast",
    };

    private readonly OnnxGraph graph;

    public GraphActivations(OnnxGraph graph)
    {
        this.graph = graph;
        foreach (var node in graph.Nodes)
        {
            if (node.Domain.Length > 0 || node.Inputs.Count == 0 || graph.IsConstant(node.InputAt(0))) continue;
            if (At(node, node.InputAt(0)) is { } found && !All.ContainsKey(found.Value)) All[found.Value] = found.Kind;
        }
    }

    /// <summary>Every activation's output value and kind, in the order of the graph.</summary>
    public Dictionary<string, string> All { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The activation applied to <paramref name="linear"/> (an FC layer's output): the first one reached through
    /// operators that keep units apart (BatchNormalization, Dropout, reshapes, arithmetic with a constant); null when
    /// the value meets anything else first.
    /// </summary>
    public (string Value, string Kind)? After(string linear)
    {
        string value = linear;
        for (int step = 0; step < 8; step++)
        {
            var consumers = graph.ConsumersOf(value);
            foreach (var c in consumers)
                if (At(c, value) is { } found) return found;
            if (consumers.Count != 1 || !KeepsUnitsApart(consumers[0], value) || consumers[0].Output.Length == 0) return null;
            value = consumers[0].Output;
        }
        return null;
    }

    /// <summary>The activation that node <paramref name="node"/> starts on <paramref name="x"/>, with where it ends.</summary>
    private (string Value, string Kind)? At(GraphNode node, string x)
    {
        if (node.InputAt(0) != x || node.Domain.Length > 0) return null;
        if (node.OpType is "Sigmoid" or "HardSigmoid" && Single(node.Output) is { OpType: "Mul" } mul && mul.Inputs.Contains(x))
            return (mul.Output, node.OpType == "Sigmoid" ? "SiLU" : "HardSwish");
        if (Operators.Contains(node.OpType)) return (node.Output, node.OpType);
        if (node.OpType == "Erf") return GeluEnd(node, x);
        if (node.OpType is "Div" or "Mul" && graph.IsConstant(node.InputAt(1)) && Single(node.Output) is { OpType: "Erf" } erf) return GeluEnd(erf, x);
        return null;
    }

    /// <summary>GELU's end: after Erf, the Add of 1 and the Muls by x and ½ (in either order).</summary>
    private (string Value, string Kind)? GeluEnd(GraphNode erf, string x)
    {
        var current = erf;
        bool timesX = false;
        for (int step = 0; step < 3 && Single(current.Output) is { OpType: "Add" or "Mul" } next; step++)
        {
            timesX |= next.OpType == "Mul" && (next.Inputs.Contains(x) || next.Inputs.Any(i => graph.ProducerOf(i) is { OpType: "Mul" } m && m.Inputs.Contains(x)));
            current = next;
        }
        return timesX ? (current.Output, "Gelu") : null;
    }

    private bool KeepsUnitsApart(GraphNode node, string value) =>
        node.InputAt(0) == value && PassThrough.Contains(node.OpType)
        || node.OpType is "Add" or "Sub" or "Mul" or "Div" && node.Inputs.Count == 2 && node.Inputs.Contains(value)
            && graph.IsConstant(node.Inputs[0] == value ? node.Inputs[1] : node.Inputs[0]);

    /// <summary>The only node reading <paramref name="value"/>, or null.</summary>
    private GraphNode? Single(string value) => graph.ConsumersOf(value) is [var only] ? only : null;
}
