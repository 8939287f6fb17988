namespace LayerEntropy.Tensors;

/// <summary>
/// Max and average pooling over NCHW planes with any kernel, stride and (asymmetric) padding. Max ignores padding;
/// average divides by the window's positions inside the image, or, with count_include_pad, inside the padded image.
/// </summary>
internal static class WindowPooling
{
    public static void Forward(ReadOnlySpan<float> x, int planes, in PoolWindow g, bool max, bool countIncludePad, Span<float> y)
    {
        int h = g.Height, w = g.Width, oh = g.OutHeight, ow = g.OutWidth;
        if (x.Length < (long)planes * h * w || y.Length < (long)planes * oh * ow) throw new ArgumentException("pooling operands are smaller than the shape needs");
        for (int p = 0; p < planes; p++)
        {
            var plane = x.Slice(p * h * w, h * w);
            for (int i = 0; i < oh; i++)
            {
                int top = i * g.StrideHeight - g.PadTop, y0 = Math.Max(top, 0), y1 = Math.Min(top + g.KernelHeight, h);
                int padded = Math.Min(top + g.KernelHeight, h + g.PadBottom) - top;
                for (int j = 0; j < ow; j++)
                {
                    int left = j * g.StrideWidth - g.PadLeft, x0 = Math.Max(left, 0), x1 = Math.Min(left + g.KernelWidth, w);
                    float best = float.NegativeInfinity;
                    double sum = 0;
                    for (int a = y0; a < y1; a++)
                        for (int b = x0; b < x1; b++)
                        {
                            float v = plane[a * w + b];
                            if (v > best || float.IsNaN(v)) best = float.IsNaN(best) ? best : v;
                            sum += v;
                        }
                    int count = countIncludePad ? padded * (Math.Min(left + g.KernelWidth, w + g.PadRight) - left) : Math.Max(0, y1 - y0) * Math.Max(0, x1 - x0);
                    y[(p * oh + i) * ow + j] = max ? best : (float)(sum / count);
                }
            }
        }
    }
}
