namespace LayerEntropy.Tensors;

/// <summary>
/// Copies a strided view of an array into dense row-major order: the one walk behind broadcasting, axis
/// permutations and Fortran-to-C reordering.
/// </summary>
internal static class StridedGather
{
    /// <summary>
    /// y[o] = x[Σₖ iₖ·stride[k]] where (i₀, i₁, …) is the row-major index of o over <paramref name="size"/>; y holds
    /// Π size values. An odometer over the index keeps the source offset in step instead of recomputing it.
    /// </summary>
    public static void Copy<T>(ReadOnlySpan<T> x, ReadOnlySpan<int> size, ReadOnlySpan<int> stride, Span<T> y)
    {
        int rank = size.Length;
        Span<int> index = stackalloc int[rank];
        for (int o = 0, from = 0; o < y.Length; o++)
        {
            y[o] = x[from];
            for (int k = rank - 1; k >= 0; k--)
            {
                from += stride[k];
                if (++index[k] < size[k]) break;
                from -= stride[k] * size[k];
                index[k] = 0;
            }
        }
    }
}
