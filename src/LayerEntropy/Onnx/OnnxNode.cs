using LayerEntropy.Onnx.Proto;
using static LayerEntropy.Onnx.Proto.AttributeProto.Types;

namespace LayerEntropy.Onnx;

/// <summary>
/// One node of a graph being read, with typed access to its attributes and constant inputs. Every lookup that
/// fails raises a <see cref="LayerEntropyException"/> naming the file, the node and what is wrong.
/// </summary>
internal sealed class OnnxNode(NodeProto proto, string path, IReadOnlyDictionary<string, TensorProto> tensors, ISet<string> computed)
{
    public NodeProto Proto => proto;
    public string OpType => proto.OpType;
    public string Output => proto.Output.Count > 0 ? proto.Output[0] : "";

    /// <summary>The node's name, or its output's name when it has none: what the layer is called.</summary>
    public string Name => proto.Name.Length > 0 ? proto.Name : Output;

    public LayerEntropyException Fail(string problem) => LayerEntropyException.ForFile(path, $"node '{Name}' ({OpType}): {problem}");

    /// <summary>Rejects attributes outside <paramref name="names"/>, so a setting we would silently ignore cannot change the maths.</summary>
    public void Allow(params string[] names)
    {
        foreach (var a in proto.Attribute)
            if (!names.Contains(a.Name)) throw Fail($"attribute '{a.Name}' is not supported");
    }

    public long Int(string name, long fallback) => Find(name, AttributeType.Int) is { } a ? a.I : fallback;

    public float Float(string name, float fallback) => Find(name, AttributeType.Float) is { } a ? a.F : fallback;

    public string Text(string name, string fallback) => Find(name, AttributeType.String) is { } a ? a.S.ToStringUtf8() : fallback;

    public long[] Ints(string name, params long[] fallback) => Find(name, AttributeType.Ints) is { } a ? [.. a.Ints] : fallback;

    /// <summary>Whether optional input <paramref name="index"/> is given (ONNX marks a skipped one with an empty name).</summary>
    public bool HasInput(int index) => index < proto.Input.Count && proto.Input[index].Length > 0;

    /// <summary>Input <paramref name="index"/>, which must be an initializer or a Constant's output.</summary>
    public TensorProto Tensor(int index)
    {
        if (!HasInput(index)) throw Fail($"input {index} is missing");
        string name = proto.Input[index];
        if (tensors.TryGetValue(name, out var t)) return t;
        if (computed.Contains(name)) throw Fail($"input '{name}' is computed by another node; the graph is not a single chain");
        throw Fail($"missing initializer '{name}'");
    }

    public float[] Floats(int index) => OnnxTensors.ToFloats(Tensor(index), path);

    /// <summary>The dims of input <paramref name="index"/>, which must have <paramref name="rank"/> axes.</summary>
    public int[] Dims(int index, int rank)
    {
        var t = Tensor(index);
        var dims = OnnxTensors.Shape(t);
        if (dims is null || dims.Length != rank)
            throw Fail($"'{t.Name}' has shape [{string.Join(",", t.Dims)}], expected {rank} axes");
        return dims;
    }

    private AttributeProto? Find(string name, AttributeType type)
    {
        var a = proto.Attribute.FirstOrDefault(x => x.Name == name);
        // Some older exporters leave the type unset; the value field then speaks for itself.
        if (a is not null && a.Type != type && a.Type != AttributeType.Undefined)
            throw Fail($"attribute '{name}' has type {a.Type}, expected {type}");
        return a;
    }
}
