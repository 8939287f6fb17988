using LayerEntropy.Onnx.Proto;
using static LayerEntropy.Onnx.Proto.AttributeProto.Types;

namespace LayerEntropy.Onnx;

/// <summary>
/// One node of an <see cref="OnnxGraph"/>: its name, operator, inputs and outputs, and its integer attributes (what
/// the FC layers are recognised by). Large tensors in attributes are not kept.
/// </summary>
internal sealed class GraphNode
{
    private readonly Dictionary<string, long[]> ints = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> texts = new(StringComparer.Ordinal);

    private GraphNode(NodeProto proto, int index)
    {
        Index = index;
        Name = proto.Name;
        OpType = proto.OpType;
        Domain = proto.Domain is "ai.onnx" ? "" : proto.Domain;
        Inputs = [.. proto.Input];
        Outputs = [.. proto.Output];
        foreach (var a in proto.Attribute)
        {
            if (a.Type == AttributeType.Int || (a.Type == AttributeType.Undefined && a.I != 0)) ints[a.Name] = [a.I];
            else if (a.Type == AttributeType.Ints || (a.Type == AttributeType.Undefined && a.Ints.Count > 0)) ints[a.Name] = [.. a.Ints];
            else if (a.Type == AttributeType.String) texts[a.Name] = a.S.ToStringUtf8();
            else if (a.Type == AttributeType.Tensor && a.T is { } t && t.DataLocation == TensorProto.Types.DataLocation.External) ConstantTensors.Add(t);
        }
    }

    /// <summary>Position in the file's node list.</summary>
    public int Index { get; }

    /// <summary>The node's name as the file gives it (exporters write the module path: /classifier/classifier.1/Relu); may be empty.</summary>
    public string Name { get; }

    public string OpType { get; }

    /// <summary>The operator's domain; empty for the default ONNX domain.</summary>
    public string Domain { get; }

    public IReadOnlyList<string> Inputs { get; }
    public IReadOnlyList<string> Outputs { get; }

    /// <summary>The first output's name ("" when none).</summary>
    public string Output => Outputs.Count > 0 ? Outputs[0] : "";

    /// <summary>What messages call the node: its name, or its first output's when it has none.</summary>
    public string Label => Name.Length > 0 ? Name : Output;

    /// <summary>Tensors held in attributes that live in external files (checked like initializers).</summary>
    internal List<TensorProto> ConstantTensors { get; } = [];

    public long Int(string name, long fallback) => ints.TryGetValue(name, out var v) && v.Length == 1 ? v[0] : fallback;

    public long[]? Ints(string name) => ints.GetValueOrDefault(name);

    public string Text(string name, string fallback) => texts.GetValueOrDefault(name) ?? fallback;

    /// <summary>Input <paramref name="index"/>, or "" when the node has no such input.</summary>
    public string InputAt(int index) => index < Inputs.Count ? Inputs[index] : "";

    public static GraphNode Read(NodeProto proto, int index) => new(proto, index);

    public override string ToString() => $"{Label} ({OpType})";
}
