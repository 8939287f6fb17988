namespace LayerEntropy.Tensors;

/// <summary>im2col / col2im for one C×H×W image; cols is (C·kh·kw) × (outH·outW), row (c·kh + i)·kw + j.</summary>
internal static class Im2Col
{
    public static int OutputSize(int size, int kernel, int stride, int padding) => (size + 2 * padding - kernel) / stride + 1;

    public static void Expand(ReadOnlySpan<float> image, int channels, int height, int width, int kh, int kw, int stride, int padding, Span<float> cols)
    {
        int oh = OutputSize(height, kh, stride, padding), ow = OutputSize(width, kw, stride, padding);
        int row = 0;
        for (int c = 0; c < channels; c++)
            for (int i = 0; i < kh; i++)
                for (int j = 0; j < kw; j++, row++)
                {
                    var dst = cols.Slice(row * oh * ow, oh * ow);
                    for (int y = 0; y < oh; y++)
                    {
                        int iy = y * stride - padding + i;
                        for (int x = 0; x < ow; x++)
                        {
                            int ix = x * stride - padding + j;
                            dst[y * ow + x] = (uint)iy < (uint)height && (uint)ix < (uint)width ? image[(c * height + iy) * width + ix] : 0f;
                        }
                    }
                }
    }

    public static void Accumulate(ReadOnlySpan<float> cols, int channels, int height, int width, int kh, int kw, int stride, int padding, Span<float> image)
    {
        int oh = OutputSize(height, kh, stride, padding), ow = OutputSize(width, kw, stride, padding);
        int row = 0;
        for (int c = 0; c < channels; c++)
            for (int i = 0; i < kh; i++)
                for (int j = 0; j < kw; j++, row++)
                {
                    var src = cols.Slice(row * oh * ow, oh * ow);
                    for (int y = 0; y < oh; y++)
                    {
                        int iy = y * stride - padding + i;
                        if ((uint)iy >= (uint)height) continue;
                        for (int x = 0; x < ow; x++)
                        {
                            int ix = x * stride - padding + j;
                            if ((uint)ix < (uint)width) image[(c * height + iy) * width + ix] += src[y * ow + x];
                        }
                    }
                }
    }
}
