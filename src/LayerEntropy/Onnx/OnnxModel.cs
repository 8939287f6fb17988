using LayerEntropy.Nn;

namespace LayerEntropy.Onnx;

/// <summary>A model `layerentropy train` wrote, read back as layers of the training engine, with the file's metadata_props (e.g. spec, dataset, class names).</summary>
public sealed record OnnxModel(Sequential Model, IReadOnlyDictionary<string, string> Metadata);
