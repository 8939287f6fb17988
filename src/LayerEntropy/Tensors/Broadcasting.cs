namespace LayerEntropy.Tensors;

/// <summary>NumPy broadcasting of a constant to a larger shape (ONNX's multidirectional broadcasting, one side fixed).</summary>
internal static class Broadcasting
{
    /// <summary>
    /// The values of <paramref name="values"/> (of shape <paramref name="from"/>) repeated to <paramref name="to"/>, the
    /// shapes aligned on their last axes; null when <paramref name="from"/> does not broadcast to <paramref name="to"/>.
    /// </summary>
    public static T[]? Expand<T>(T[] values, ReadOnlySpan<int> from, ReadOnlySpan<int> to)
    {
        int rank = to.Length, offset = rank - from.Length;
        if (offset < 0) return null;
        Span<int> stride = stackalloc int[rank];
        for (int k = rank - 1, s = 1; k >= 0; k--)
        {
            int d = k < offset ? 1 : from[k - offset];
            if (d != 1 && d != to[k]) return null;
            stride[k] = d == 1 ? 0 : s;
            s *= d;
        }
        var result = new T[Tensor.CheckedLength(to)];
        StridedGather.Copy(values, to, stride, result);
        return result;
    }
}
