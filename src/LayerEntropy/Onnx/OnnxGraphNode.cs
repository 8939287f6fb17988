namespace LayerEntropy.Onnx;

/// <summary>
/// One node of an imported graph as it was read: its op type, what it produced (a per-sample shape of the chain, or
/// the dims of a value folded when the model was read) and the layer it became, if any.
/// </summary>
/// <param name="OutputShape">Per-sample shape of the node's output on the chain; null for a folded value.</param>
/// <param name="ConstantDims">Dims of the folded value; null for a chain value.</param>
/// <param name="Layer">Name of the layer the node became or was merged into; null when it made none.</param>
internal sealed record OnnxGraphNode(string Name, string OpType, int[]? OutputShape, long[]? ConstantDims, string? Layer);
