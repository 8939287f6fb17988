namespace LayerEntropy.Tensors;

/// <summary>Copies NCHW planes into larger zeroed planes, with separate padding on each side (ONNX's asymmetric pads).</summary>
internal static class ZeroPadding
{
    /// <summary>
    /// y[p, top + i, left + j] = x[p, i, j] for each of <paramref name="planes"/> h×w planes; y's planes are
    /// (h + top + bottom)×(w + left + right) and everything else in them is zero.
    /// </summary>
    public static void Pad(ReadOnlySpan<float> x, int planes, int h, int w, int top, int left, int bottom, int right, Span<float> y)
    {
        int ph = h + top + bottom, pw = w + left + right;
        if (x.Length < (long)planes * h * w || y.Length < (long)planes * ph * pw) throw new ArgumentException("padding operands are smaller than the shape needs");
        y[..(planes * ph * pw)].Clear();
        for (int p = 0; p < planes; p++)
            for (int i = 0; i < h; i++)
                x.Slice((p * h + i) * w, w).CopyTo(y.Slice((p * ph + top + i) * pw + left, w));
    }
}
