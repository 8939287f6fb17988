using LayerEntropy.Tensors;

namespace LayerEntropy.Onnx;

/// <summary>
/// Evaluates, when the model is read, a node whose inputs are all known then: initializers, Constant outputs, earlier
/// folded values, or the shape of a computed value (fixed but for the batch size, the marker <see cref="Batch"/>).
/// This folds the shape computations of exporters, e.g. PyTorch's Shape → Gather → Unsqueeze → Concat for
/// <c>x.view(x.size(0), -1)</c>, and casts or transposes of constants.
/// </summary>
internal static class OnnxFolding
{
    public const long Batch = long.MinValue;

    public static readonly IReadOnlyList<string> Operators =
        ["Shape", "Gather", "Unsqueeze", "Squeeze", "Concat", "Reshape", "Flatten", "Cast", "Identity", "Dropout", "Transpose", "Slice", "Add", "Sub", "Mul", "Div"];

    /// <param name="shapes">Per-sample shapes of the computed values so far (what Shape may read).</param>
    public static OnnxConstant Evaluate(OnnxNode node, IReadOnlyDictionary<string, int[]> shapes, int opset) => node.OpType switch
    {
        "Shape" => Shape(node, shapes),
        "Gather" => Gather(node),
        "Unsqueeze" => Unsqueeze(node),
        "Squeeze" => Squeeze(node),
        "Concat" => Concat(node),
        "Reshape" => Reshape(node),
        "Flatten" => Flatten(node),
        "Cast" => Cast(node),
        "Identity" or "Dropout" => Pass(node),
        "Transpose" => Transpose(node),
        "Slice" => Slice(node, opset),
        "Add" or "Sub" or "Mul" or "Div" => Arithmetic(node),
        _ => throw node.Fail($"all its inputs are constant, but {node.OpType} is not evaluated when the model is read (only {string.Join(", ", Operators)})"),
    };

    private static OnnxConstant Shape(OnnxNode node, IReadOnlyDictionary<string, int[]> shapes)
    {
        node.Allow("start", "end");
        string input = node.Proto.Input[0];
        long[] full = shapes.TryGetValue(input, out var shape) ? [Batch, .. shape.Select(d => (long)d)] : node.Constant(0).Dims;
        int start = Clamp(node.Int("start", 0), full.Length), end = Clamp(node.Int("end", full.Length), full.Length);
        return OnnxConstant.Of([Math.Max(0, end - start)], full[start..Math.Max(start, end)]);
    }

    private static OnnxConstant Gather(OnnxNode node)
    {
        node.Allow("axis");
        var data = node.Constant(0);
        long[] indices = node.Longs(1);
        int axis = Axis(node, node.Int("axis", 0), data.Rank);
        int outer = data.Size(0, axis), n = (int)data.Dims[axis], inner = data.Size(axis + 1, data.Rank);
        var picked = new List<int>();
        for (int o = 0; o < outer; o++)
            foreach (long i in indices)
            {
                if (i < -n || i >= n) throw node.Fail($"index {i} is out of range for an axis of {n}");
                int at = (o * n + (int)(i < 0 ? i + n : i)) * inner;
                for (int k = 0; k < inner; k++) picked.Add(at + k);
            }
        return data.Pick([.. data.Dims[..axis], .. node.Tensor(1).Dims, .. data.Dims[(axis + 1)..]], picked);
    }

    /// <summary>The axes of Squeeze or Unsqueeze: an attribute before opset 13, an input from it.</summary>
    public static long[]? Axes(OnnxNode node)
    {
        node.Allow("axes");
        return node.HasInput(1) ? node.Longs(1) : node.Proto.Attribute.Any(a => a.Name == "axes") ? node.Ints("axes") : null;
    }

    private static OnnxConstant Unsqueeze(OnnxNode node)
    {
        var input = node.Constant(0);
        return input with { Dims = Unsqueezed(node, input.Dims, Axes(node) ?? throw node.Fail("has no axes")) };
    }

    /// <summary>The dims after inserting 1s at <paramref name="axes"/> (axes of the result).</summary>
    public static long[] Unsqueezed(OnnxNode node, long[] dims, long[] axes)
    {
        int rank = dims.Length + axes.Length;
        var at = axes.Select(a => Axis(node, a, rank)).ToHashSet();
        if (at.Count != axes.Length) throw node.Fail($"axes [{string.Join(",", axes)}] repeat an axis");
        var result = new List<long>();
        for (int i = 0, j = 0; i < rank; i++) result.Add(at.Contains(i) ? 1 : dims[j++]);
        return [.. result];
    }

    private static OnnxConstant Squeeze(OnnxNode node)
    {
        var input = node.Constant(0);
        return input with { Dims = Squeezed(node, input.Dims, Axes(node)) };
    }

    /// <summary>The dims without the axes of size 1 at <paramref name="axes"/> (all of them when null).</summary>
    public static long[] Squeezed(OnnxNode node, long[] dims, long[]? axes)
    {
        var at = (axes ?? [.. Enumerable.Range(0, dims.Length).Where(i => dims[i] == 1).Select(i => (long)i)]).Select(a => Axis(node, a, dims.Length)).ToHashSet();
        if (at.Any(a => dims[a] != 1)) throw node.Fail($"axes [{string.Join(",", axes ?? [])}] include an axis whose size is not 1");
        return [.. dims.Where((_, i) => !at.Contains(i))];
    }

    private static OnnxConstant Concat(OnnxNode node)
    {
        node.Allow("axis");
        var parts = Enumerable.Range(0, node.Proto.Input.Count).Select(node.Constant).ToArray();
        int rank = parts[0].Rank, axis = Axis(node, node.Int("axis", 0), rank);
        if (parts.Any(p => p.Rank != rank || p.IsFloat != parts[0].IsFloat || p.Dims.Where((d, i) => i != axis && d != parts[0].Dims[i]).Any()))
            throw node.Fail("joins tensors whose types or other axes differ");
        int outer = parts[0].Size(0, axis);
        var floats = new List<float>();
        var longs = new List<long>();
        for (int o = 0; o < outer; o++)
            foreach (var p in parts)
            {
                int block = p.Size(axis, rank);
                if (p.Floats is { } f) floats.AddRange(f.AsSpan(o * block, block));
                else longs.AddRange(p.Longs.AsSpan(o * block, block));
            }
        long[] dims = [.. parts[0].Dims];
        dims[axis] = parts.Sum(p => p.Dims[axis]);
        return parts[0].IsFloat ? OnnxConstant.Of(dims, floats.ToArray()) : OnnxConstant.Of(dims, longs.ToArray());
    }

    private static OnnxConstant Reshape(OnnxNode node)
    {
        node.Allow("allowzero");
        var input = node.Constant(0);
        long[] to = node.Longs(1);
        bool allowZero = node.Int("allowzero", 0) != 0;
        for (int i = 0; i < to.Length; i++)
            if (to[i] == 0 && !allowZero) to[i] = i < input.Rank ? input.Dims[i] : throw node.Fail($"target [{string.Join(",", to)}] copies an axis the input lacks");
        int unknown = Array.IndexOf(to, -1L);
        long known = to.Where(d => d != -1).Aggregate(1L, (a, d) => a * d);
        if (unknown >= 0 && known > 0) to[unknown] = input.Count / known;
        if (to.Any(d => d < 0) || to.Aggregate(1L, (a, d) => a * d) != input.Count)
            throw node.Fail($"cannot reshape [{string.Join(",", input.Dims)}] to [{string.Join(",", node.Longs(1))}]");
        return input with { Dims = to };
    }

    private static OnnxConstant Flatten(OnnxNode node)
    {
        node.Allow("axis");
        var input = node.Constant(0);
        int axis = FlattenAxis(node, node.Int("axis", 1), input.Rank);
        return input with { Dims = [input.Size(0, axis), input.Size(axis, input.Rank)] };
    }

    private static OnnxConstant Cast(OnnxNode node)
    {
        node.Allow("to", "saturate");
        var input = node.Constant(0);
        var to = (Proto.TensorProto.Types.DataType)node.Int("to", 0);
        if (to is Proto.TensorProto.Types.DataType.Float or Proto.TensorProto.Types.DataType.Double)
        {
            if (input.Longs is { } l && l.Contains(Batch)) throw node.Fail("casts the batch size, which is not known when the model is read");
            return OnnxConstant.Of(input.Dims, input.Floats ?? [.. input.Longs!.Select(v => (float)v)]);
        }
        if (to is Proto.TensorProto.Types.DataType.Int64 or Proto.TensorProto.Types.DataType.Int32 or Proto.TensorProto.Types.DataType.Int16
            or Proto.TensorProto.Types.DataType.Int8 or Proto.TensorProto.Types.DataType.Uint8)
            return OnnxConstant.Of(input.Dims, input.Longs ?? [.. input.Floats!.Select(v => (long)v)]);
        if (to is Proto.TensorProto.Types.DataType.Bool)
            return OnnxConstant.Of(input.Dims, input.Longs?.Select(v => v != 0 ? 1L : 0L).ToArray() ?? [.. input.Floats!.Select(v => v != 0 ? 1L : 0L)]);
        throw node.Fail($"cast to {to} is not supported");
    }

    private static OnnxConstant Pass(OnnxNode node)
    {
        node.Allow("ratio", "seed", "is_test");
        return node.Constant(0);
    }

    private static OnnxConstant Transpose(OnnxNode node)
    {
        node.Allow("perm");
        var input = node.Constant(0);
        long[] perm = node.Ints("perm", [.. Enumerable.Range(0, input.Rank).Reverse().Select(i => (long)i)]);
        if (!perm.Order().SequenceEqual(Enumerable.Range(0, input.Rank).Select(i => (long)i))) throw node.Fail($"perm [{string.Join(",", perm)}] is not a permutation of the axes");
        int[] p = [.. perm.Select(v => (int)v)], shape = [.. input.Dims.Select(d => (int)d)];
        // The flat positions in permuted order, then the values picked from them.
        int[] positions = [.. Enumerable.Range(0, input.Count)], order = new int[input.Count];
        if (input.Count > 0) Permutation.Apply<int>(positions, shape, p, order);
        return input.Pick([.. p.Select(k => input.Dims[k])], order);
    }

    private static OnnxConstant Slice(OnnxNode node, int opset)
    {
        node.Allow("starts", "ends", "axes");
        var input = node.Constant(0);
        if (input.Rank != 1) throw node.Fail("is evaluated only on 1-D constants (shapes)");
        bool inputs = opset >= 10;
        long[] starts = inputs ? node.Longs(1) : node.Ints("starts"), ends = inputs ? node.Longs(2) : node.Ints("ends");
        long[] axes = inputs ? (node.HasInput(3) ? node.Longs(3) : [0]) : node.Ints("axes", 0);
        long step = inputs && node.HasInput(4) ? node.Longs(4).Single() : 1;
        if (starts.Length != 1 || ends.Length != 1 || axes.Length != 1 || Axis(node, axes[0], 1) != 0 || step == 0)
            throw node.Fail("is evaluated only as one slice of a 1-D constant");
        long n = input.Count;
        long Fix(long v, long lo, long hi) => Math.Clamp(v < 0 ? v + n : v, lo, hi);
        long start = step > 0 ? Fix(starts[0], 0, n) : Fix(starts[0], -1, n - 1), end = step > 0 ? Fix(ends[0], 0, n) : Fix(ends[0], -1, n - 1);
        var picked = new List<int>();
        for (long i = start; step > 0 ? i < end : i > end; i += step) picked.Add((int)i);
        return input.Pick([picked.Count], picked);
    }

    private static OnnxConstant Arithmetic(OnnxNode node)
    {
        node.Allow();
        OnnxConstant a = node.Constant(0), b = node.Constant(1);
        if (a.IsFloat != b.IsFloat) throw node.Fail("mixes floating-point and integer operands");
        int rank = Math.Max(a.Rank, b.Rank);
        var dims = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            long da = i < rank - a.Rank ? 1 : a.Dims[i - rank + a.Rank], db = i < rank - b.Rank ? 1 : b.Dims[i - rank + b.Rank];
            if (da != db && da != 1 && db != 1) throw node.Fail($"shapes [{string.Join(",", a.Dims)}] and [{string.Join(",", b.Dims)}] do not broadcast");
            dims[i] = (int)Math.Max(da, db);
        }
        int[] Shape(OnnxConstant c) => [.. c.Dims.Select(d => (int)d)];
        char op = node.OpType switch { "Add" => '+', "Sub" => '-', "Mul" => '*', _ => '/' };
        if (a.Floats is { } fa)
        {
            float[] x = Broadcasting.Expand(fa, Shape(a), dims)!, y = Broadcasting.Expand(b.Floats!, Shape(b), dims)!, d = new float[x.Length];
            if (x.Length > 0) Elementwise.Arithmetic(op, x, y, false, d);
            return OnnxConstant.Of([.. dims.Select(v => (long)v)], d);
        }
        long[] p = Broadcasting.Expand(a.Longs!, Shape(a), dims)!, q = Broadcasting.Expand(b.Longs!, Shape(b), dims)!;
        if (p.Contains(Batch) || q.Contains(Batch)) throw node.Fail("computes with the batch size, which is not known when the model is read");
        if (op == '/' && q.Contains(0)) throw node.Fail("divides by zero");
        return OnnxConstant.Of([.. dims.Select(v => (long)v)], [.. p.Zip(q, (u, v) => op switch { '+' => u + v, '-' => u - v, '*' => u * v, _ => u / v })]);
    }

    /// <summary>Axis <paramref name="axis"/> of <paramref name="rank"/>, negative ones counted from the end.</summary>
    public static int Axis(OnnxNode node, long axis, int rank)
    {
        if (axis < -rank || axis >= rank) throw node.Fail($"axis {axis} is outside the {rank} axes");
        return (int)(axis < 0 ? axis + rank : axis);
    }

    /// <summary>Flatten's axis, in [−rank, rank]: the axes before it make the first output axis; a negative one counts from rank.</summary>
    public static int FlattenAxis(OnnxNode node, long axis, int rank)
    {
        if (axis < -rank || axis > rank) throw node.Fail($"axis {axis} is outside the {rank} axes");
        return (int)(axis < 0 ? axis + rank : axis);
    }

    private static int Clamp(long axis, int rank) => (int)Math.Clamp(axis < 0 ? axis + rank : axis, 0, rank);
}
