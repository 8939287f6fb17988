using System.Numerics;
using System.Runtime.CompilerServices;

namespace LayerEntropy.Tensors;

/// <summary>
/// Lowers a convolution to GEMM. For one NCHW image, the column matrix is (C·kh·kw) × (outH·outW), row-major, with
/// <code>
/// cols[((c·kh + i)·kw + j)·(outH·outW) + oy·outW + ox] = image[c, oy·strideH − padH + i, ox·strideW − padW + j]
/// </code>
/// and 0 where that position falls in the padding. Then, with weights stored O×(C·kh·kw) (PyTorch's O×C×kh×kw):
/// forward is y = W·cols (O × outH·outW, i.e. the NCHW output), the input gradient is
/// <see cref="Accumulate(in ConvGeometry, ReadOnlySpan{float}, Span{float})"/>(Wᵀ·dy), and the weight gradient is dy·colsᵀ summed over the batch.
/// </summary>
internal static class Im2Col
{
    /// <summary>Output length of one spatial axis.</summary>
    public static int OutputSize(int size, int kernel, int stride, int padding) => (size + 2 * padding - kernel) / stride + 1;

    /// <summary>Fills <paramref name="cols"/> (<see cref="ConvGeometry.ColumnRows"/> × <see cref="ConvGeometry.ColumnCount"/>) from one image.</summary>
    public static unsafe void Expand(in ConvGeometry g, ReadOnlySpan<float> image, Span<float> cols)
    {
        Check(g, image.Length, cols.Length);
        fixed (float* pi = image, pc = cols) Expand(g, pi, pc);
    }

    /// <summary>
    /// The adjoint of <see cref="Expand(in ConvGeometry, ReadOnlySpan{float}, Span{float})"/>: adds every column entry
    /// onto the image position it was read from (overlapping windows accumulate; padding positions are dropped).
    /// <paramref name="image"/> is added to, not overwritten.
    /// </summary>
    public static unsafe void Accumulate(in ConvGeometry g, ReadOnlySpan<float> cols, Span<float> image)
    {
        Check(g, image.Length, cols.Length);
        fixed (float* pc = cols, pi = image) Accumulate(g, pc, pi);
    }

    /// <summary>As <see cref="Expand(in ConvGeometry, ReadOnlySpan{float}, Span{float})"/> on unchecked pointers (the geometry is assumed valid).</summary>
    public static unsafe void Expand(in ConvGeometry g, float* image, float* cols)
    {
        int outH = g.OutHeight, outW = g.OutWidth, plane = g.Height * g.Width, w = g.Width, sh = g.StrideHeight, sw = g.StrideWidth;
        float* row = cols;
        int* ranges = stackalloc int[2 * (g.KernelHeight + g.KernelWidth)];
        ValidRanges(g, ranges);
        int* cranges = ranges + 2 * g.KernelHeight;
        for (int c = 0; c < g.Channels; c++)
            for (int i = 0; i < g.KernelHeight; i++)
            {
                // Output rows [oyLo, oyHi) read image rows inside the image; the others read padding.
                int oyLo = ranges[2 * i], oyHi = ranges[2 * i + 1];
                for (int j = 0; j < g.KernelWidth; j++, row += outH * outW)
                {
                    int lo = cranges[2 * j], hi = cranges[2 * j + 1];
                    int rows = oyHi - oyLo, count = hi - lo;
                    if (rows <= 0 || count <= 0)
                    {
                        Clear(row, outH * outW);
                        continue;
                    }
                    Clear(row, oyLo * outW);
                    Clear(row + oyHi * outW, (outH - oyHi) * outW);
                    float* src = image + c * plane + (oyLo * sh - g.PadHeight + i) * w + lo * sw + j - g.PadWidth;
                    float* dst = row + oyLo * outW;
                    if (sw == 1 && sh == 1 && outW == w)
                    {
                        // Same-size rows: every output row sits at one fixed offset from its input row, so the valid
                        // part is one contiguous copy; the positions it wraps onto (outside [lo, hi)) are zeroed after.
                        // (Memmove aligns its stores: about twice as fast here as a loop of unaligned vectors.)
                        int length = (rows - 1) * w + count;
                        new ReadOnlySpan<float>(src, length).CopyTo(new Span<float>(dst + lo, length));
                        if (lo > 0)
                            for (int r = 0; r < rows; r++)
                                for (int k = 0; k < lo; k++) dst[r * outW + k] = 0;
                        if (hi < outW)
                            for (int r = 0; r < rows; r++)
                                for (int k = hi; k < outW; k++) dst[r * outW + k] = 0;
                    }
                    else if (sw == 1 && lo == 0 && hi == outW && count >= Vector<float>.Count && count <= 2 * Vector<float>.Count)
                    {
                        // Whole short rows (no padding): two vectors each, the second ending at the row's end.
                        int tail = count - Vector<float>.Count;
                        for (int r = 0; r < rows; r++, dst += outW, src += sh * w)
                        {
                            Vector.Store(Vector.Load(src), dst);
                            Vector.Store(Vector.Load(src + tail), dst + tail);
                        }
                    }
                    else if (sw == 1)
                    {
                        for (int r = 0; r < rows; r++, dst += outW, src += sh * w)
                        {
                            Clear(dst, lo);
                            Copy(src, dst + lo, count);
                            Clear(dst + hi, outW - hi);
                        }
                    }
                    else
                    {
                        for (int r = 0; r < rows; r++, dst += outW, src += sh * w)
                        {
                            Clear(dst, lo);
                            for (int ox = 0; ox < count; ox++) dst[lo + ox] = src[ox * sw];
                            Clear(dst + hi, outW - hi);
                        }
                    }
                }
            }
    }

    /// <summary>As <see cref="Accumulate(in ConvGeometry, ReadOnlySpan{float}, Span{float})"/> on unchecked pointers (the geometry is assumed valid).</summary>
    public static unsafe void Accumulate(in ConvGeometry g, float* cols, float* image)
    {
        int outH = g.OutHeight, outW = g.OutWidth, plane = g.Height * g.Width, w = g.Width, sh = g.StrideHeight, sw = g.StrideWidth;
        float* row = cols;
        int* ranges = stackalloc int[2 * (g.KernelHeight + g.KernelWidth)];
        ValidRanges(g, ranges);
        int* cranges = ranges + 2 * g.KernelHeight;
        for (int c = 0; c < g.Channels; c++)
            for (int i = 0; i < g.KernelHeight; i++)
            {
                int oyLo = ranges[2 * i], oyHi = ranges[2 * i + 1];
                for (int j = 0; j < g.KernelWidth; j++, row += outH * outW)
                {
                    int lo = cranges[2 * j], hi = cranges[2 * j + 1];
                    int rows = oyHi - oyLo, count = hi - lo;
                    if (rows <= 0 || count <= 0) continue;
                    float* src = row + oyLo * outW + lo;
                    float* dst = image + c * plane + (oyLo * sh - g.PadHeight + i) * w + lo * sw + j - g.PadWidth;
                    if (sw == 1)
                        for (int r = 0; r < rows; r++, src += outW, dst += sh * w) Add(src, dst, count);
                    else
                        for (int r = 0; r < rows; r++, src += outW, dst += sh * w)
                            for (int ox = 0; ox < count; ox++) dst[ox * sw] += src[ox];
                }
            }
    }

    // Rows here are short (a few to a few dozen values): plain loops beat a call into a general routine. Clear and
    // Copy end on one vector that may overlap the previous one (rewriting the same values) rather than a scalar tail.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Clear(float* p, int count)
    {
        int w = Vector<float>.Count;
        if (count < w)
        {
            for (int k = 0; k < count; k++) p[k] = 0;
            return;
        }
        for (int k = 0; k < count - w; k += w) Vector.Store(Vector<float>.Zero, p + k);
        Vector.Store(Vector<float>.Zero, p + count - w);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Copy(float* src, float* dst, int count)
    {
        int w = Vector<float>.Count;
        if (count < w)
        {
            for (int k = 0; k < count; k++) dst[k] = src[k];
            return;
        }
        for (int k = 0; k < count - w; k += w) Vector.Store(Vector.Load(src + k), dst + k);
        Vector.Store(Vector.Load(src + count - w), dst + count - w);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Add(float* src, float* dst, int count)
    {
        int k = 0, w = Vector<float>.Count;
        for (; k + w <= count; k += w) Vector.Store(Vector.Load(dst + k) + Vector.Load(src + k), dst + k);
        for (; k < count; k++) dst[k] += src[k];
    }

    /// <summary>The output columns [lo, hi) whose input column ox·stride + offset lies inside [0, width).</summary>
    /// <summary>
    /// The output rows each kernel row reads inside the image, then the output columns each kernel column does, as
    /// [lo, hi) pairs: they depend on the kernel offsets only, so they are computed once (they take divisions).
    /// </summary>
    private static unsafe void ValidRanges(in ConvGeometry g, int* ranges)
    {
        for (int i = 0; i < g.KernelHeight; i++)
            (ranges[2 * i], ranges[2 * i + 1]) = ValidRange(i - g.PadHeight, g.StrideHeight, g.Height, g.OutHeight);
        int* cranges = ranges + 2 * g.KernelHeight;
        for (int j = 0; j < g.KernelWidth; j++)
            (cranges[2 * j], cranges[2 * j + 1]) = ValidRange(j - g.PadWidth, g.StrideWidth, g.Width, g.OutWidth);
    }

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
