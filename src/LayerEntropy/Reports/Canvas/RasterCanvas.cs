namespace LayerEntropy.Reports;

/// <summary>
/// Draws the figure into an <see cref="RgbaImage"/> (<see cref="ToPng"/> writes it), antialiased. The image has
/// ⌈width × scale⌉ × ⌈height × scale⌉ pixels and starts opaque white; figure units are multiplied by
/// <see cref="Scale"/>, so the default of 2 gives a sharp figure on high-density screens and in print.
/// Integer-aligned rectangles cover whole pixels exactly; other edges blend by the fraction of each pixel covered.
/// </summary>
internal sealed class RasterCanvas : ICanvas
{
    public RasterCanvas(double width, double height, double scale = 2)
    {
        CanvasArguments.Size(width, height);
        if (!double.IsFinite(scale) || scale <= 0) throw new ArgumentOutOfRangeException(nameof(scale), scale, "must be positive");
        Width = width;
        Height = height;
        Scale = scale;
        // A hair of tolerance so that, say, 100.00000000000001 pixels does not grow a blank column.
        Image = new RgbaImage(PixelCount(width * scale), PixelCount(height * scale));
        Array.Fill(Image.Pixels, (byte)255);
    }

    public double Width { get; }
    public double Height { get; }

    /// <summary>Pixels per figure unit.</summary>
    public double Scale { get; }

    /// <summary>The pixels drawn so far.</summary>
    public RgbaImage Image { get; }

    public byte[] ToPng() => Image.ToPng();

    /// <summary>Each pixel takes the fraction of its area inside the rectangle: exact, with no sampling.</summary>
    public void FillRect(double x, double y, double width, double height, Rgba fill)
    {
        CanvasArguments.Finite(x, y, width, height);
        if (width <= 0 || height <= 0) return;
        double x0 = x * Scale, y0 = y * Scale, x1 = (x + width) * Scale, y1 = (y + height) * Scale;
        int left = Math.Max(0, (int)Math.Floor(x0)), right = Math.Min(Image.Width, (int)Math.Ceiling(x1));
        int top = Math.Max(0, (int)Math.Floor(y0)), bottom = Math.Min(Image.Height, (int)Math.Ceiling(y1));
        for (int py = top; py < bottom; py++)
        {
            double rowCover = Math.Min(py + 1, y1) - Math.Max(py, y0);
            for (int px = left; px < right; px++)
                PixelBlend.Over(Image, px, py, fill, rowCover * (Math.Min(px + 1, x1) - Math.Max(px, x0)));
        }
    }

    public void Line(double x1, double y1, double x2, double y2, Rgba stroke, double strokeWidth = 1, bool dashed = false)
    {
        CanvasArguments.Finite(x1, y1, x2, y2);
        Polyline([new Point(x1, y1), new Point(x2, y2)], stroke, strokeWidth, dashed);
    }

    public void Polyline(IReadOnlyList<Point> points, Rgba stroke, double strokeWidth = 1, bool dashed = false)
    {
        CanvasArguments.Finite(points);
        if (points.Count < 2) throw new ArgumentException("a polyline needs at least two points", nameof(points));
        CanvasArguments.Finite(strokeWidth);
        if (strokeWidth <= 0) return;
        ScanlineFill.Fill(Image, StrokeOutline.Polyline(ToPixels(points), strokeWidth * Scale, dashed), stroke);
    }

    public void FillPolygon(IReadOnlyList<Point> points, Rgba fill)
    {
        CanvasArguments.Finite(points);
        if (points.Count < 3) return;
        ScanlineFill.Fill(Image, [ToPixels(points)], fill);
    }

    public void Circle(double cx, double cy, double radius, Rgba fill)
    {
        CanvasArguments.Finite(cx, cy, radius);
        if (radius <= 0) return;
        ScanlineFill.Fill(Image, [StrokeOutline.Disc(new Point(cx * Scale, cy * Scale), radius * Scale)], fill);
    }

    public void Text(double x, double y, string text, double size, Rgba color, TextAnchor anchor = TextAnchor.Start, bool bold = false, bool vertical = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        CanvasArguments.Finite(x, y, size);
        if (size <= 0 || text.Length == 0) return;
        TextRaster.Draw(Image, GlyphFont.DejaVuSans, x * Scale, y * Scale, text, size * Scale, color, anchor, bold, vertical);
    }

    public double MeasureText(string text, double size, bool bold = false) => GlyphFont.DejaVuSans.Measure(text, size, bold);

    /// <summary>
    /// Nearest neighbour: each pixel whose centre lies in the rectangle takes the image pixel under that centre, so
    /// an integer enlargement gives exact blocks. Implemented explicitly because the <see cref="Image"/> property
    /// takes the name; charts draw through <see cref="ICanvas"/> anyway.
    /// </summary>
    void ICanvas.Image(double x, double y, double width, double height, RgbaImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        CanvasArguments.Finite(x, y, width, height);
        if (width <= 0 || height <= 0) return;
        double x0 = x * Scale, y0 = y * Scale, w = width * Scale, h = height * Scale;
        // Pixel p's centre p + 0.5 lies in [x0, x0 + w) exactly when p lies in [⌈x0 − 0.5⌉, ⌈x0 + w − 0.5⌉).
        int left = Math.Max(0, (int)Math.Ceiling(x0 - 0.5)), right = Math.Min(Image.Width, (int)Math.Ceiling(x0 + w - 0.5));
        int top = Math.Max(0, (int)Math.Ceiling(y0 - 0.5)), bottom = Math.Min(Image.Height, (int)Math.Ceiling(y0 + h - 0.5));
        for (int py = top; py < bottom; py++)
        {
            int sy = Math.Clamp((int)Math.Floor((py + 0.5 - y0) / h * image.Height), 0, image.Height - 1);
            for (int px = left; px < right; px++)
            {
                int sx = Math.Clamp((int)Math.Floor((px + 0.5 - x0) / w * image.Width), 0, image.Width - 1);
                PixelBlend.Over(Image, px, py, image[sx, sy], 1);
            }
        }
    }

    /// <summary>Groups only structure SVG output; pixels have nowhere to keep them.</summary>
    public void BeginGroup(string role, string? title = null) => ArgumentNullException.ThrowIfNull(role);

    public void EndGroup()
    {
    }

    private static int PixelCount(double pixels) => Math.Max(1, (int)Math.Ceiling(pixels - 1e-9));

    private Point[] ToPixels(IReadOnlyList<Point> points)
    {
        var pixels = new Point[points.Count];
        for (int i = 0; i < points.Count; i++) pixels[i] = new Point(points[i].X * Scale, points[i].Y * Scale);
        return pixels;
    }
}
