using LayerEntropy.Nn;

namespace LayerEntropy.Onnx;

/// <summary>
/// Flatten, Reshape, Squeeze, Unsqueeze and Transpose of the chain value, which must keep the batch axis first. A result
/// of one axis per sample is a <see cref="Nn.Flatten"/> (what our own files hold), others a <see cref="Nn.Reshape"/>
/// or a <see cref="Permute"/>; a change that leaves the shape as it is gives no layer (null).
/// </summary>
internal static class OnnxShapeLayers
{
    /// <summary>Flatten to [N, features]: axis 1, or a later axis when every per-sample axis before it has size 1 (so the batch axis stays itself).</summary>
    public static Layer Flatten(OnnxNode node, int[] shape)
    {
        node.Allow("axis");
        long axis = node.Int("axis", 1);
        int rank = shape.Length + 1;
        int at = OnnxFolding.FlattenAxis(node, axis, rank);
        if (at == 0 || Product(shape[..(at - 1)]) != 1)
            throw node.Fail($"axis {axis} folds other axes into the batch axis; only axes that keep it are supported");
        return new Nn.Flatten();
    }

    /// <summary>
    /// Reshape to a constant target whose first entry keeps the batch axis: 0 (copy), the batch size from Shape, the
    /// fixed batch size of the graph input, or −1 with the rest fixed. Later entries may be 0 (copy) and one −1.
    /// </summary>
    public static Layer? Reshape(OnnxNode node, int[] shape, long inputBatch)
    {
        node.Allow("allowzero");
        long[] to = node.Longs(1);
        string target = $"[{string.Join(",", to.Select(v => v == OnnxFolding.Batch ? "N" : v.ToString()))}]";
        bool allowZero = node.Int("allowzero", 0) != 0;
        long features = Product(shape);
        if (to.Length < 2) throw node.Fail($"reshape to {target} leaves no per-sample axes");
        long[] rest = to[1..];
        for (int i = 0; i < rest.Length; i++)
        {
            if (rest[i] == 0 && !allowZero) rest[i] = i < shape.Length ? shape[i] : throw node.Fail($"reshape to {target} copies an axis the input lacks");
            if (rest[i] == OnnxFolding.Batch || rest[i] < -1 || rest[i] == 0) throw node.Fail($"reshape to {target} is not supported (the batch axis must stay first, the rest positive, 0 or one -1)");
        }
        bool batchKept = to[0] == OnnxFolding.Batch || (to[0] == 0 && !allowZero) || (inputBatch > 0 && to[0] == inputBatch)
            || (to[0] == -1 && !rest.Contains(-1) && Product(rest) == features);
        if (!batchKept) throw node.Fail($"reshape to {target} does not keep the batch axis first (its first entry must be 0, -1 or the batch size)");
        int unknown = Array.IndexOf(rest, -1L);
        if (Array.LastIndexOf(rest, -1L) != unknown) throw node.Fail($"reshape to {target} has more than one -1");
        if (unknown >= 0)
        {
            long known = rest.Where(d => d != -1).Aggregate(1L, (a, d) => a * d);
            if (features % known != 0) throw node.Fail($"reshape to {target} does not divide the chain's {features} values per sample");
            rest[unknown] = features / known;
        }
        if (Product(rest) != features) throw node.Fail($"reshape to {target} does not hold the chain's [{string.Join(",", shape)}] per sample");
        return Layer(shape, [.. rest.Select(d => (int)d)]);
    }

    public static Layer? Squeeze(OnnxNode node, int[] shape)
    {
        long[]? axes = OnnxFolding.Axes(node);
        long[] full = [1, .. shape.Select(d => (long)d)];
        if (axes is not null && axes.Any(a => OnnxFolding.Axis(node, a, full.Length) == 0)) throw node.Fail("squeezes the batch axis");
        long[] squeezed = OnnxFolding.Squeezed(node, full[1..], axes?.Select(a => (long)OnnxFolding.Axis(node, a, full.Length) - 1).ToArray());
        if (squeezed.Length == 0) throw node.Fail("would leave each sample with no axes");
        return Layer(shape, [.. squeezed.Select(d => (int)d)]);
    }

    public static Layer? Unsqueeze(OnnxNode node, int[] shape)
    {
        long[] axes = OnnxFolding.Axes(node) ?? throw node.Fail("has no axes");
        int rank = shape.Length + 1 + axes.Length;
        if (axes.Any(a => OnnxFolding.Axis(node, a, rank) == 0)) throw node.Fail("inserts an axis before the batch axis");
        long[] dims = OnnxFolding.Unsqueezed(node, [1, .. shape.Select(d => (long)d)], axes);
        return Layer(shape, [.. dims[1..].Select(d => (int)d)]);
    }

    public static Layer? Transpose(OnnxNode node, int[] shape)
    {
        node.Allow("perm");
        int rank = shape.Length + 1;
        long[] perm = node.Ints("perm", [.. Enumerable.Range(0, rank).Reverse().Select(i => (long)i)]);
        if (!perm.Order().SequenceEqual(Enumerable.Range(0, rank).Select(i => (long)i))) throw node.Fail($"perm [{string.Join(",", perm)}] is not a permutation of the {rank} axes");
        if (perm[0] != 0) throw node.Fail($"perm [{string.Join(",", perm)}] moves the batch axis; only permutations that keep it first are supported");
        if (perm.Select((p, i) => p == i).All(x => x)) return null;
        return new Permute([.. perm[1..].Select(p => (int)p - 1)]);
    }

    private static Layer? Layer(int[] shape, int[] target) =>
        target.AsSpan().SequenceEqual(shape) ? null : target.Length == 1 ? new Nn.Flatten() : new Nn.Reshape(target);

    private static long Product(IEnumerable<long> dims) => dims.Aggregate(1L, (a, d) => a * d);

    private static int Product(int[] dims) => (int)dims.Aggregate(1L, (a, d) => a * d);
}
