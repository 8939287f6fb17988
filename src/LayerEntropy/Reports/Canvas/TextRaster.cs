namespace LayerEntropy.Reports;

/// <summary>
/// Draws a line of text from <see cref="GlyphFont"/>'s bitmaps at any size. Each destination pixel takes the mean
/// coverage of the glyph area it maps back to (a box filter, exact through the glyph's summed-area table), which
/// shrinks the reference bitmaps without aliasing; enlarged text turns blocky, but charts shrink far more often.
/// </summary>
internal static class TextRaster
{
    /// <summary>
    /// Text in pixel coordinates: (x, y) is the anchor on the baseline and <paramref name="pixelsPerEm"/> the font
    /// size in pixels. Vertical text is turned 90° counter-clockwise about the anchor.
    /// </summary>
    public static void Draw(RgbaImage image, GlyphFont font, double x, double y, string text, double pixelsPerEm, Rgba colour, TextAnchor anchor, bool bold, bool vertical)
    {
        double s = pixelsPerEm / font.PixelsPerEm; // pixels per reference pixel
        double width = font.Measure(text, pixelsPerEm, bold);
        double start = anchor switch { TextAnchor.Middle => -width / 2, TextAnchor.End => -width, _ => 0 };

        // Along the text, u runs with the reading direction and v points down from the baseline; unrotated,
        // pixel = anchor + (u, v); vertical, pixel = anchor + (v, -u).
        var placed = new List<(Glyph Glyph, double U0, double V0, int X0, int Y0, int X1, int Y1)>();
        int boxX0 = int.MaxValue, boxY0 = int.MaxValue, boxX1 = int.MinValue, boxY1 = int.MinValue;
        foreach (var (glyph, pen) in font.Layout(text, bold))
        {
            if (glyph.Width == 0 || glyph.Height == 0) continue;
            double u0 = start + pen * pixelsPerEm + glyph.Left * s, v0 = glyph.Top * s;
            double u1 = u0 + glyph.Width * s, v1 = v0 + glyph.Height * s;
            var (left, top, right, bottom) = vertical ? (x + v0, y - u1, x + v1, y - u0) : (x + u0, y + v0, x + u1, y + v1);
            int x0 = Math.Max(0, (int)Math.Floor(left)), y0 = Math.Max(0, (int)Math.Floor(top));
            int x1 = Math.Min(image.Width, (int)Math.Ceiling(right)), y1 = Math.Min(image.Height, (int)Math.Ceiling(bottom));
            if (x1 <= x0 || y1 <= y0) continue;
            placed.Add((glyph, u0, v0, x0, y0, x1, y1));
            (boxX0, boxY0, boxX1, boxY1) = (Math.Min(boxX0, x0), Math.Min(boxY0, y0), Math.Max(boxX1, x1), Math.Max(boxY1, y1));
        }
        if (placed.Count == 0) return;

        // Coverage is summed over glyphs before blending, so where neighbours' bitmaps touch the pixel blends once.
        int boxWidth = boxX1 - boxX0;
        var coverage = new double[boxWidth * (boxY1 - boxY0)];
        double perUnit = s * s / 255; // integral over a footprint of 1/s² reference pixels → mean coverage in 0..1
        foreach (var (glyph, u0, v0, x0, y0, x1, y1) in placed)
            for (int py = y0; py < y1; py++)
                for (int px = x0; px < x1; px++)
                {
                    var (ua, ub, va, vb) = vertical ? (y - py - 1, y - py, px - x, px + 1 - x) : (px - x, px + 1 - x, py - y, py + 1 - y);
                    double integral = glyph.Integrate((ua - u0) / s, (va - v0) / s, (ub - u0) / s, (vb - v0) / s);
                    coverage[(py - boxY0) * boxWidth + px - boxX0] += integral * perUnit;
                }

        for (int py = boxY0; py < boxY1; py++)
            for (int px = boxX0; px < boxX1; px++)
            {
                double c = coverage[(py - boxY0) * boxWidth + px - boxX0];
                if (c > 0) PixelBlend.Over(image, px, py, colour, c);
            }
    }
}
