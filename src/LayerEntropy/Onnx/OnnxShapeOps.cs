using LayerEntropy.Onnx.Proto;

namespace LayerEntropy.Onnx;

/// <summary>
/// Evaluates the small shape computations that PyTorch writes for <c>x.view(x.size(0), -1)</c>:
/// Shape → Gather → Unsqueeze → Concat → Reshape. Results are INT64 tensors in which the batch size, unknown
/// while reading, is the marker <see cref="Batch"/>; Reshape then reads [Batch, −1] as a flatten.
/// </summary>
internal static class OnnxShapeOps
{
    public const long Batch = long.MinValue;

    public static bool Handles(string opType) => opType is "Shape" or "Gather" or "Unsqueeze" or "Concat";

    /// <param name="shape">Per-sample shape of <paramref name="current"/>, the chain's latest value (the only one Shape may read).</param>
    public static TensorProto Evaluate(OnnxNode node, string current, int[] shape) => node.OpType switch
    {
        "Shape" => Shape(node, current, shape),
        "Gather" => Gather(node),
        "Unsqueeze" => Unsqueeze(node),
        "Concat" => Concat(node),
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    private static TensorProto Shape(OnnxNode node, string current, int[] shape)
    {
        node.Allow("start", "end");
        if (node.Proto.Input.Count != 1 || node.Proto.Input[0] != current)
            throw node.Fail($"reads '{node.Proto.Input.FirstOrDefault()}' where the chain has '{current}'; the graph is not a single chain");
        long[] full = [Batch, .. shape.Select(d => (long)d)];
        int start = Clamp(node.Int("start", 0), full.Length), end = Clamp(node.Int("end", full.Length), full.Length);
        return Make(node, full[start..Math.Max(start, end)], [Math.Max(0, end - start)]);
    }

    private static TensorProto Gather(OnnxNode node)
    {
        node.Allow("axis");
        if (node.Int("axis", 0) != 0) throw node.Fail("is supported only on shapes (axis 0)");
        long[] data = Vector(node, 0);
        var indices = node.Tensor(1);
        long[] picked = [.. node.Longs(1).Select(i => i >= -data.Length && i < data.Length ? data[i < 0 ? i + data.Length : i] : throw node.Fail($"index {i} is out of range"))];
        return Make(node, picked, [.. indices.Dims]);
    }

    private static TensorProto Unsqueeze(OnnxNode node)
    {
        // Opset 13 moved the axes from an attribute to an input.
        node.Allow("axes");
        var input = node.Tensor(0);
        long[] axes = node.HasInput(1) ? node.Longs(1) : node.Ints("axes");
        int rank = input.Dims.Count + axes.Length;
        var normalized = axes.Select(a => a < 0 ? a + rank : a).ToHashSet();
        if (normalized.Count != axes.Length || normalized.Any(a => a < 0 || a >= rank)) throw node.Fail($"axes [{string.Join(",", axes)}] are not valid");
        var dims = new List<long>();
        for (int i = 0, j = 0; i < rank; i++) dims.Add(normalized.Contains(i) ? 1 : input.Dims[j++]);
        return Make(node, node.Longs(0), dims);
    }

    private static TensorProto Concat(OnnxNode node)
    {
        node.Allow("axis");
        if (node.Int("axis", 0) is not (0 or -1)) throw node.Fail("is supported only on shapes (axis 0)");
        long[] values = [.. Enumerable.Range(0, node.Proto.Input.Count).SelectMany(i => Vector(node, i))];
        return Make(node, values, [values.Length]);
    }

    private static long[] Vector(OnnxNode node, int index)
    {
        if (node.Tensor(index).Dims.Count != 1) throw node.Fail("is supported only on shapes (1-D integer tensors)");
        return node.Longs(index);
    }

    private static int Clamp(long axis, int rank) => (int)Math.Clamp(axis < 0 ? axis + rank : axis, 0, rank);

    private static TensorProto Make(OnnxNode node, long[] values, IEnumerable<long> dims)
    {
        var t = new TensorProto { Name = node.Output, DataType = (int)TensorProto.Types.DataType.Int64 };
        t.Dims.Add(dims);
        t.Int64Data.Add(values);
        return t;
    }
}
