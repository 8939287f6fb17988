using System.Text;

namespace LayerEntropy.Reports;

/// <summary>
/// Writes the figure as an SVG 1.1 document (<see cref="ToSvg"/>) that also works inline in HTML5: no DOCTYPE,
/// no XML declaration. The background is transparent unless the chart fills it.
/// </summary>
internal sealed class SvgCanvas : ICanvas
{
    private const string FontFamily = "DejaVu Sans, Verdana, Arial, sans-serif";

    private readonly StringBuilder body = new();
    private int openGroups;

    public SvgCanvas(double width, double height)
    {
        CanvasArguments.Size(width, height);
        Width = width;
        Height = height;
    }

    public double Width { get; }
    public double Height { get; }

    public void FillRect(double x, double y, double width, double height, Rgba fill)
    {
        CanvasArguments.Finite(x, y, width, height);
        if (width <= 0 || height <= 0) return;
        body.Append($"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(width)}\" height=\"{N(height)}\"{SvgFormat.Paint("fill", fill)}/>\n");
    }

    public void Line(double x1, double y1, double x2, double y2, Rgba stroke, double strokeWidth = 1, bool dashed = false)
    {
        CanvasArguments.Finite(x1, y1, x2, y2);
        CanvasArguments.Finite(strokeWidth);
        if (strokeWidth <= 0) return;
        body.Append($"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\"{Stroke(stroke, strokeWidth, dashed)}/>\n");
    }

    public void Polyline(IReadOnlyList<Point> points, Rgba stroke, double strokeWidth = 1, bool dashed = false)
    {
        CanvasArguments.Finite(points);
        if (points.Count < 2) throw new ArgumentException("a polyline needs at least two points", nameof(points));
        CanvasArguments.Finite(strokeWidth);
        if (strokeWidth <= 0) return;
        // Bevel joins, as the raster canvas draws them; SVG's default miter would spike at sharp turns.
        body.Append($"<polyline points=\"{PointList(points)}\" fill=\"none\"{Stroke(stroke, strokeWidth, dashed)} stroke-linejoin=\"bevel\"/>\n");
    }

    public void FillPolygon(IReadOnlyList<Point> points, Rgba fill)
    {
        CanvasArguments.Finite(points);
        if (points.Count < 3) return;
        body.Append($"<polygon points=\"{PointList(points)}\"{SvgFormat.Paint("fill", fill)} fill-rule=\"nonzero\"/>\n");
    }

    public void Circle(double cx, double cy, double radius, Rgba fill)
    {
        CanvasArguments.Finite(cx, cy, radius);
        if (radius <= 0) return;
        body.Append($"<circle cx=\"{N(cx)}\" cy=\"{N(cy)}\" r=\"{N(radius)}\"{SvgFormat.Paint("fill", fill)}/>\n");
    }

    public void Text(double x, double y, string text, double size, Rgba color, TextAnchor anchor = TextAnchor.Start, bool bold = false, bool vertical = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        CanvasArguments.Finite(x, y, size);
        string content = SvgFormat.Escape(text);
        if (content.Length == 0 || size <= 0) return;
        body.Append($"<text x=\"{N(x)}\" y=\"{N(y)}\" font-size=\"{N(size)}\"{SvgFormat.Paint("fill", color)}");
        if (anchor != TextAnchor.Start) body.Append(anchor == TextAnchor.Middle ? " text-anchor=\"middle\"" : " text-anchor=\"end\"");
        if (bold) body.Append(" font-weight=\"bold\"");
        // SVG's positive angles turn clockwise on screen (y points down), so -90 reads bottom to top.
        if (vertical) body.Append($" transform=\"rotate(-90 {N(x)} {N(y)})\"");
        body.Append('>').Append(content).Append("</text>\n");
    }

    public double MeasureText(string text, double size, bool bold = false) => GlyphFont.DejaVuSans.Measure(text, size, bold);

    /// <summary>
    /// Embeds the image as a PNG data URI. Smoothing is switched off twice over: the CSS property for current
    /// browsers and the SVG 1.1 attribute for older viewers. The link is xlink:href, SVG 1.1's spelling, which
    /// SVG 2 viewers still read.
    /// </summary>
    public void Image(double x, double y, double width, double height, RgbaImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        CanvasArguments.Finite(x, y, width, height);
        if (width <= 0 || height <= 0) return;
        string data = Convert.ToBase64String(image.ToPng());
        body.Append($"<image x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(width)}\" height=\"{N(height)}\" preserveAspectRatio=\"none\" ")
            .Append("image-rendering=\"optimizeSpeed\" style=\"image-rendering:pixelated\" ")
            .Append("xlink:href=\"data:image/png;base64,").Append(data).Append("\"/>\n");
    }

    public void BeginGroup(string role, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(role);
        body.Append($"<g class=\"{SvgFormat.Escape(role)}\">");
        if (title is not null) body.Append($"<title>{SvgFormat.Escape(title)}</title>");
        body.Append('\n');
        openGroups++;
    }

    public void EndGroup()
    {
        if (openGroups == 0) throw new InvalidOperationException("EndGroup without a matching BeginGroup");
        openGroups--;
        body.Append("</g>\n");
    }

    /// <summary>The document so far; every group must be closed.</summary>
    public string ToSvg()
    {
        if (openGroups != 0) throw new InvalidOperationException($"{openGroups} group(s) still open: every BeginGroup needs an EndGroup");
        return new StringBuilder()
            .Append("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\" ")
            .Append($"width=\"{N(Width)}\" height=\"{N(Height)}\" viewBox=\"0 0 {N(Width)} {N(Height)}\" font-family=\"{FontFamily}\">\n")
            .Append(body)
            .Append("</svg>\n")
            .ToString();
    }

    private static string N(double value) => SvgFormat.Number(value);

    private static string Stroke(Rgba stroke, double width, bool dashed)
    {
        string attributes = $"{SvgFormat.Paint("stroke", stroke)} stroke-width=\"{N(width)}\"";
        if (!dashed) return attributes;
        var (dash, gap) = CanvasArguments.DashPattern(width);
        return attributes + $" stroke-dasharray=\"{N(dash)} {N(gap)}\"";
    }

    private static string PointList(IReadOnlyList<Point> points)
    {
        var builder = new StringBuilder(points.Count * 12);
        for (int i = 0; i < points.Count; i++)
        {
            if (i > 0) builder.Append(' ');
            builder.Append(N(points[i].X)).Append(',').Append(N(points[i].Y));
        }
        return builder.ToString();
    }
}
