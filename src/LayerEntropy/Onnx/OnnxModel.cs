using LayerEntropy.Nn;

namespace LayerEntropy.Onnx;

/// <summary>A model read from an ONNX file, with the file's metadata_props (e.g. spec, dataset, class names).</summary>
public sealed record OnnxModel(Sequential Model, IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>The graph's nodes as they were read, in file order, each with the layer it became.</summary>
    internal IReadOnlyList<OnnxGraphNode> Graph { get; init; } = [];
}
