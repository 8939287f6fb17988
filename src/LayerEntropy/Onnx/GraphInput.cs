using LayerEntropy.Onnx.Proto;

namespace LayerEntropy.Onnx;

/// <summary>
/// The graph's input: its name and its dims after the batch axis, each a size or null where the file leaves it to
/// be chosen at run time (a symbolic or unknown dim), with the dims' names for messages.
/// </summary>
internal sealed record GraphInput(string Name, IReadOnlyList<int?> Dims, IReadOnlyList<string> DimNames)
{
    /// <summary>The dims as "[N, 3, height, width]": sizes, or the names a file gives its free dims.</summary>
    public string Describe() => $"[{string.Join(", ", DimNames.Prepend("N"))}]";

    public bool IsFixed => Dims.All(d => d is not null);

    public static GraphInput Read(string path, ValueInfoProto input)
    {
        var type = input.Type?.TensorType ?? throw LayerEntropyException.ForFile(path, $"input '{input.Name}' is not a tensor");
        if (type.ElemType != (int)TensorProto.Types.DataType.Float)
            throw LayerEntropyException.ForFile(path, $"input '{input.Name}' has element type {(TensorProto.Types.DataType)type.ElemType}; only FLOAT inputs can be fed");
        var dims = type.Shape?.Dim;
        if (dims is null || dims.Count < 2)
            throw LayerEntropyException.ForFile(path, $"input '{input.Name}' has {(dims is null ? "no shape" : $"{dims.Count} axis")}; a model analysed here takes a batch axis and at least one more");
        var sizes = new List<int?>();
        var names = new List<string>();
        for (int i = 1; i < dims.Count; i++)
        {
            var d = dims[i];
            bool known = d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue && d.DimValue > 0 && d.DimValue <= int.MaxValue;
            sizes.Add(known ? (int)d.DimValue : null);
            names.Add(known ? d.DimValue.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam && d.DimParam.Length > 0 ? d.DimParam : "?");
        }
        var batch = dims[0];
        if (batch.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue && batch.DimValue > 1)
            throw LayerEntropyException.ForFile(path, $"input '{input.Name}' has a fixed batch of {batch.DimValue}; export the model with a dynamic batch axis (torch.onnx.export(..., dynamic_axes={{'{input.Name}': {{0: 'N'}}}}))");
        return new GraphInput(input.Name, sizes, names)
        {
            BatchOfOne = batch.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue && batch.DimValue == 1,
        };
    }

    /// <summary>The file fixes the batch at 1: the model is run one input at a time.</summary>
    public bool BatchOfOne { get; init; }
}
