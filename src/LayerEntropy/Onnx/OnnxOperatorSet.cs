using LayerEntropy.Onnx.Proto;

namespace LayerEntropy.Onnx;

/// <summary>The operators the importer knows, and the one check that names every other operator a graph uses.</summary>
internal static class OnnxOperatorSet
{
    /// <summary>Operators that become layers or pass the chain value on.</summary>
    public static readonly IReadOnlyList<string> Layers =
        ["Conv", "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "Pad", "Gemm", "MatMul", "Add", "Sub", "Mul", "Div",
         "Relu", "LeakyRelu", "Sigmoid", "Tanh", "Clip", "Softmax", "LogSoftmax", "BatchNormalization", "Dropout", "Identity",
         "Flatten", "Reshape", "Transpose", "Squeeze", "Unsqueeze", "Cast", "Constant"];

    /// <summary>Everything accepted: <see cref="Layers"/>, and the operators evaluated on constants when the model is read.</summary>
    public static readonly IReadOnlyList<string> All = [.. Layers, .. OnnxFolding.Operators.Except(Layers)];

    /// <summary>What <see cref="OnnxModelFile.SupportedOperators"/> lists.</summary>
    public static readonly IReadOnlyList<string> Described =
        [.. Layers, $"{string.Join(", ", OnnxFolding.Operators.Except(Layers))} (on constants and shapes)"];

    /// <summary>Refuses a graph with any operator outside <see cref="All"/> or the default domain, listing each with its nodes in one message.</summary>
    public static void Check(string path, GraphProto graph)
    {
        var unsupported = graph.Node
            .Where(n => n.Domain is not ("" or "ai.onnx") || !All.Contains(n.OpType))
            .GroupBy(n => n.Domain is "" or "ai.onnx" ? n.OpType : $"{n.Domain}.{n.OpType}")
            .Select(g => $"{g.Key} (node {string.Join(", ", g.Select(n => $"'{(n.Name.Length > 0 ? n.Name : n.Output.FirstOrDefault())}'"))})")
            .ToList();
        if (unsupported.Count > 0)
            throw LayerEntropyException.ForFile(path, $"operators not supported: {string.Join(", ", unsupported)}; supported: {string.Join(", ", Described)}");
    }
}
