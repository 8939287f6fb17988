namespace LayerEntropy.Tensors;

/// <summary>Reorders the axes of every sample of a batch (ONNX Transpose with the batch axis kept first).</summary>
internal static class Permutation
{
    /// <summary>
    /// y[n][i₀…] = x[n][j…] where output axis k is input axis <paramref name="perm"/>[k], for samples of
    /// <paramref name="shape"/> (the input's per-sample shape).
    /// </summary>
    public static void Apply<T>(ReadOnlySpan<T> x, ReadOnlySpan<int> shape, ReadOnlySpan<int> perm, Span<T> y)
    {
        int rank = shape.Length, item = Tensor.CheckedLength(shape);
        if (perm.Length != rank || item == 0 || x.Length % item != 0 || y.Length < x.Length) throw new ArgumentException("permutation operands do not match");
        // Input stride of each output axis, and the output's sizes.
        Span<int> inStride = stackalloc int[rank], stride = stackalloc int[rank], size = stackalloc int[rank];
        for (int k = rank - 1, s = 1; k >= 0; k--) { inStride[k] = s; s *= shape[k]; }
        for (int k = 0; k < rank; k++) { stride[k] = inStride[perm[k]]; size[k] = shape[perm[k]]; }
        for (int at = 0; at < x.Length; at += item)
        {
            StridedGather.Copy(x.Slice(at, item), size, stride, y.Slice(at, item));
        }
    }
}
