namespace LayerEntropy.Tensors;

/// <summary>
/// Lowers a convolution to GEMM. For one NCHW image, the column matrix is (C·kh·kw) × (outH·outW), row-major, with
/// <code>
/// cols[((c·kh + i)·kw + j)·(outH·outW) + oy·outW + ox] = image[c, oy·strideH − padH + i, ox·strideW − padW + j]
/// </code>
/// and 0 where that position falls in the padding. Then, with weights stored O×(C·kh·kw) (PyTorch's O×C×kh×kw):
/// forward is y = W·cols (O × outH·outW, i.e. the NCHW output), the input gradient is
/// <see cref="Accumulate"/>(Wᵀ·dy), and the weight gradient is dy·colsᵀ summed over the batch.
/// </summary>
internal static class Im2Col
{
    /// <summary>Output length of one spatial axis.</summary>
    public static int OutputSize(int size, int kernel, int stride, int padding) => (size + 2 * padding - kernel) / stride + 1;

    /// <summary><see cref="Expand(in ConvGeometry, ReadOnlySpan{float}, Span{float})"/> with the same stride and padding on both axes.</summary>
    public static void Expand(ReadOnlySpan<float> image, int channels, int height, int width, int kh, int kw, int stride, int padding, Span<float> cols)
        => Expand(new ConvGeometry(channels, height, width, kh, kw, stride, stride, padding, padding), image, cols);

    /// <summary><see cref="Accumulate(in ConvGeometry, ReadOnlySpan{float}, Span{float})"/> with the same stride and padding on both axes.</summary>
    public static void Accumulate(ReadOnlySpan<float> cols, int channels, int height, int width, int kh, int kw, int stride, int padding, Span<float> image)
        => Accumulate(new ConvGeometry(channels, height, width, kh, kw, stride, stride, padding, padding), cols, image);

    /// <summary>Fills <paramref name="cols"/> (<see cref="ConvGeometry.ColumnRows"/> × <see cref="ConvGeometry.ColumnCount"/>) from one image.</summary>
    public static void Expand(in ConvGeometry g, ReadOnlySpan<float> image, Span<float> cols)
    {
        Check(g, image.Length, cols.Length);
        int outH = g.OutHeight, outW = g.OutWidth, plane = g.Height * g.Width;
        for (int c = 0; c < g.Channels; c++)
            for (int i = 0; i < g.KernelHeight; i++)
                for (int j = 0; j < g.KernelWidth; j++)
                {
                    Span<float> row = cols.Slice(((c * g.KernelHeight + i) * g.KernelWidth + j) * outH * outW, outH * outW);
                    (int lo, int hi) = ValidRange(j - g.PadWidth, g.StrideWidth, g.Width, outW);
                    for (int oy = 0; oy < outH; oy++)
                    {
                        Span<float> dst = row.Slice(oy * outW, outW);
                        int iy = oy * g.StrideHeight - g.PadHeight + i;
                        if ((uint)iy >= (uint)g.Height)
                        {
                            dst.Clear();
                            continue;
                        }
                        dst[..lo].Clear();
                        dst[hi..].Clear();
                        ReadOnlySpan<float> src = image.Slice(c * plane + iy * g.Width, g.Width);
                        int ix = lo * g.StrideWidth + j - g.PadWidth;
                        if (g.StrideWidth == 1)
                            src.Slice(ix, hi - lo).CopyTo(dst[lo..hi]);
                        else
                            for (int ox = lo; ox < hi; ox++, ix += g.StrideWidth) dst[ox] = src[ix];
                    }
                }
    }

    /// <summary>
    /// The adjoint of <see cref="Expand"/>: adds every column entry onto the image position it was read from
    /// (overlapping windows accumulate; padding positions are dropped). <paramref name="image"/> is added to, not overwritten.
    /// </summary>
    public static void Accumulate(in ConvGeometry g, ReadOnlySpan<float> cols, Span<float> image)
    {
        Check(g, image.Length, cols.Length);
        int outH = g.OutHeight, outW = g.OutWidth, plane = g.Height * g.Width;
        for (int c = 0; c < g.Channels; c++)
            for (int i = 0; i < g.KernelHeight; i++)
                for (int j = 0; j < g.KernelWidth; j++)
                {
                    ReadOnlySpan<float> row = cols.Slice(((c * g.KernelHeight + i) * g.KernelWidth + j) * outH * outW, outH * outW);
                    (int lo, int hi) = ValidRange(j - g.PadWidth, g.StrideWidth, g.Width, outW);
                    for (int oy = 0; oy < outH; oy++)
                    {
                        int iy = oy * g.StrideHeight - g.PadHeight + i;
                        if ((uint)iy >= (uint)g.Height) continue;
                        ReadOnlySpan<float> src = row.Slice(oy * outW, outW);
                        Span<float> dst = image.Slice(c * plane + iy * g.Width, g.Width);
                        int ix = lo * g.StrideWidth + j - g.PadWidth;
                        if (g.StrideWidth == 1 && hi > lo)
                            System.Numerics.Tensors.TensorPrimitives.Add(dst.Slice(ix, hi - lo), src[lo..hi], dst.Slice(ix, hi - lo));
                        else
                            for (int ox = lo; ox < hi; ox++, ix += g.StrideWidth) dst[ix] += src[ox];
                    }
                }
    }

    /// <summary>The output columns [lo, hi) whose input column ox·stride + offset lies inside [0, width).</summary>
    private static (int Lo, int Hi) ValidRange(int offset, int stride, int width, int outW)
    {
        int lo = offset >= 0 ? 0 : (-offset + stride - 1) / stride;
        int hi = width - 1 - offset < 0 ? 0 : (width - 1 - offset) / stride + 1;
        lo = Math.Min(lo, outW);
        hi = Math.Clamp(hi, lo, outW);
        return (lo, hi);
    }

    private static void Check(in ConvGeometry g, int imageLength, int colsLength)
    {
        g.Validate();
        if (imageLength < g.ImageLength) throw new ArgumentException($"image has {imageLength} values, geometry needs {g.ImageLength}");
        if (colsLength < (long)g.ColumnRows * g.ColumnCount)
            throw new ArgumentException($"columns have {colsLength} values, geometry needs {(long)g.ColumnRows * g.ColumnCount}");
    }
}
