namespace LayerEntropy.Reports;

/// <summary>Porter–Duff "source over" on straight (not premultiplied) alpha, the compositing that SVG viewers use.</summary>
internal static class PixelBlend
{
    /// <summary>
    /// Blends <paramref name="colour"/> onto pixel (x, y), its alpha scaled by <paramref name="coverage"/> (0..1, the
    /// fraction of the pixel the shape covers). Full coverage of an opaque colour writes it exactly.
    /// </summary>
    public static void Over(RgbaImage image, int x, int y, Rgba colour, double coverage)
    {
        double alpha = colour.A / 255.0 * Math.Min(coverage, 1);
        if (alpha <= 0) return;
        int i = (y * image.Width + x) * 4;
        byte[] p = image.Pixels;
        if (alpha >= 1)
        {
            p[i] = colour.R;
            p[i + 1] = colour.G;
            p[i + 2] = colour.B;
            p[i + 3] = 255;
            return;
        }
        double below = p[i + 3] / 255.0 * (1 - alpha);
        double outAlpha = alpha + below;
        p[i] = Mix(colour.R, p[i], alpha, below, outAlpha);
        p[i + 1] = Mix(colour.G, p[i + 1], alpha, below, outAlpha);
        p[i + 2] = Mix(colour.B, p[i + 2], alpha, below, outAlpha);
        p[i + 3] = (byte)Math.Round(outAlpha * 255);
    }

    private static byte Mix(byte source, byte destination, double alpha, double below, double outAlpha) =>
        (byte)Math.Clamp(Math.Round((source * alpha + destination * below) / outAlpha), 0, 255);
}
