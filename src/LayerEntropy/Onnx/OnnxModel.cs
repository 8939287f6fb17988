using LayerEntropy.Nn;

namespace LayerEntropy.Onnx;

/// <summary>A model read from an ONNX file, with the file's metadata_props (e.g. spec, dataset, class names).</summary>
public sealed record OnnxModel(Sequential Model, IReadOnlyDictionary<string, string> Metadata);
