namespace LayerEntropy.Reports;

/// <summary>
/// One character of <see cref="GlyphFont"/>: its advance in ems and its coverage bitmap at the font's reference size
/// (<see cref="GlyphFont.PixelsPerEm"/>), placed relative to the pen position on the baseline.
/// </summary>
internal sealed class Glyph
{
    public Glyph(char character, double advance, int left, int top, int width, int height, byte[] coverage)
    {
        if (coverage.Length != width * height) throw new ArgumentException($"glyph U+{(int)character:X4}: {coverage.Length} coverage bytes for {width}×{height}", nameof(coverage));
        Character = character;
        Advance = advance;
        Left = left;
        Top = top;
        Width = width;
        Height = height;
        Coverage = coverage;
        Integral = SummedArea(coverage, width, height);
    }

    public char Character { get; }

    /// <summary>How far the pen moves after this glyph, in ems.</summary>
    public double Advance { get; }

    /// <summary>Reference pixels from the pen to the bitmap's first column.</summary>
    public int Left { get; }

    /// <summary>Reference pixels from the baseline to the bitmap's first row; negative above the baseline.</summary>
    public int Top { get; }

    public int Width { get; }
    public int Height { get; }

    /// <summary>8-bit coverage, row by row from the top.</summary>
    public byte[] Coverage { get; }

    /// <summary>
    /// The summed-area table of <see cref="Coverage"/>, (Width + 1) × (Height + 1) corners: entry (x, y) is the
    /// coverage summed over the pixels left of x and above y.
    /// </summary>
    private int[] Integral { get; }

    /// <summary>
    /// The coverage integrated over the rectangle [x0, x1] × [y0, y1] of bitmap pixels (fractional bounds allowed,
    /// clamped to the bitmap), in units of 255 per whole pixel. Because the bitmap is constant over each pixel, the
    /// integral is bilinear in a corner's fractional position, so interpolating the summed-area table is exact:
    /// this is box-filter resampling at any scale, at constant cost per destination pixel.
    /// </summary>
    public double Integrate(double x0, double y0, double x1, double y1)
    {
        x0 = Math.Clamp(x0, 0, Width);
        x1 = Math.Clamp(x1, 0, Width);
        y0 = Math.Clamp(y0, 0, Height);
        y1 = Math.Clamp(y1, 0, Height);
        if (x1 <= x0 || y1 <= y0) return 0;
        return Corner(x1, y1) - Corner(x0, y1) - Corner(x1, y0) + Corner(x0, y0);
    }

    private double Corner(double x, double y)
    {
        int ix = Math.Min((int)x, Width - 1), iy = Math.Min((int)y, Height - 1);
        double fx = x - ix, fy = y - iy;
        int stride = Width + 1;
        int i = iy * stride + ix;
        double s00 = Integral[i], s10 = Integral[i + 1], s01 = Integral[i + stride], s11 = Integral[i + stride + 1];
        return s00 + fx * (s10 - s00) + fy * (s01 - s00) + fx * fy * (s11 - s10 - s01 + s00);
    }

    private static int[] SummedArea(byte[] coverage, int width, int height)
    {
        int stride = width + 1;
        var table = new int[stride * (height + 1)];
        for (int y = 0; y < height; y++)
        {
            int rowSum = 0;
            for (int x = 0; x < width; x++)
            {
                rowSum += coverage[y * width + x];
                table[(y + 1) * stride + x + 1] = table[y * stride + x + 1] + rowSum;
            }
        }
        return table;
    }
}
