using System.Globalization;
using System.Text;

namespace LayerEntropy.Reports;

/// <summary>
/// Writes the figure as a one-page vector PDF (<see cref="ToPdf"/>): paths for the marks, images for heatmaps, and
/// text in the PDF standard fonts (Helvetica, its bold and oblique, and Symbol for Greek and mathematical signs),
/// which every reader has and need not be embedded, so the text stays searchable and copyable. One figure unit is
/// one CSS pixel, 0.75 pt. Text is laid out with DejaVu Sans's widths like on every canvas; each line is anchored
/// with its own font's width, so centred and right-aligned labels sit where the layout put them.
/// </summary>
internal sealed class PdfCanvas : ICanvas
{
    private const double PointsPerUnit = 0.75;

    private readonly StringBuilder content = new();
    private readonly List<RgbaImage> images = [];
    private readonly SortedSet<int> opacities = [];

    public PdfCanvas(double width, double height)
    {
        CanvasArguments.Size(width, height);
        Width = width;
        Height = height;
        // y down, in figure units, as the other canvases draw.
        content.Append($"{N(PointsPerUnit)} 0 0 {N(-PointsPerUnit)} 0 {N(height * PointsPerUnit)} cm 2 j\n");
    }

    public double Width { get; }
    public double Height { get; }

    public void FillRect(double x, double y, double width, double height, Rgba fill)
    {
        CanvasArguments.Finite(x, y, width, height);
        if (width <= 0 || height <= 0) return;
        Paint(fill, stroke: false, $"{N(x)} {N(y)} {N(width)} {N(height)} re f");
    }

    public void Line(double x1, double y1, double x2, double y2, Rgba stroke, double strokeWidth = 1, bool dashed = false) =>
        Polyline([new Point(x1, y1), new Point(x2, y2)], stroke, strokeWidth, dashed);

    public void Polyline(IReadOnlyList<Point> points, Rgba stroke, double strokeWidth = 1, bool dashed = false)
    {
        CanvasArguments.Finite(points);
        if (points.Count < 2) throw new ArgumentException("a polyline needs at least two points", nameof(points));
        CanvasArguments.Finite(strokeWidth);
        if (strokeWidth <= 0) return;
        var path = new StringBuilder($"{N(strokeWidth)} w ");
        if (dashed)
        {
            var (dash, gap) = CanvasArguments.DashPattern(strokeWidth);
            path.Append($"[{N(dash)} {N(gap)}] 0 d ");
        }
        Path(path, points);
        Paint(stroke, stroke: true, path.Append('S').ToString());
    }

    public void FillPolygon(IReadOnlyList<Point> points, Rgba fill)
    {
        CanvasArguments.Finite(points);
        if (points.Count < 3) return;
        Paint(fill, stroke: false, Path(new StringBuilder(), points).Append("h f").ToString());
    }

    public void Circle(double cx, double cy, double radius, Rgba fill)
    {
        CanvasArguments.Finite(cx, cy, radius);
        if (radius <= 0) return;
        // Four cubic Béziers, each within 0.03 % of its quarter circle.
        double k = 0.5523 * radius, r = radius;
        Paint(fill, stroke: false,
            $"{N(cx + r)} {N(cy)} m {N(cx + r)} {N(cy + k)} {N(cx + k)} {N(cy + r)} {N(cx)} {N(cy + r)} c "
            + $"{N(cx - k)} {N(cy + r)} {N(cx - r)} {N(cy + k)} {N(cx - r)} {N(cy)} c "
            + $"{N(cx - r)} {N(cy - k)} {N(cx - k)} {N(cy - r)} {N(cx)} {N(cy - r)} c "
            + $"{N(cx + k)} {N(cy - r)} {N(cx + r)} {N(cy - k)} {N(cx + r)} {N(cy)} c f");
    }

    public void Text(double x, double y, string text, double size, Rgba color, TextAnchor anchor = TextAnchor.Start, bool bold = false, bool vertical = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        CanvasArguments.Finite(x, y, size);
        if (text.Length == 0 || size <= 0) return;
        var runs = PdfText.Runs(text, bold);
        double width = runs.Sum(r => r.Width) * size / 1000;
        double shift = anchor switch { TextAnchor.Middle => width / 2, TextAnchor.End => width, _ => 0 };
        // Text space: x along the baseline, y up the glyphs; the page's y points down, so the matrix flips it back.
        string matrix = vertical ? $"0 -1 -1 0 {N(x)} {N(y + shift)}" : $"1 0 0 -1 {N(x - shift)} {N(y)}";
        var ops = new StringBuilder($"BT {matrix} Tm ");
        foreach (var run in runs) ops.Append($"/{run.Font} {N(size)} Tf <{Convert.ToHexString(run.Codes)}> Tj ");
        Paint(color, stroke: false, ops.Append("ET").ToString());
    }

    public double MeasureText(string text, double size, bool bold = false) => GlyphFont.DejaVuSans.Measure(text, size, bold);

    public void Image(double x, double y, double width, double height, RgbaImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        CanvasArguments.Finite(x, y, width, height);
        if (width <= 0 || height <= 0) return;
        images.Add(image);
        // The image's unit square has its first row at the top (v = 1): map it there.
        content.Append($"q {N(width)} 0 0 {N(-height)} {N(x)} {N(y + height)} cm /Im{images.Count} Do Q\n");
    }

    /// <summary>Groups have no mark in a PDF.</summary>
    public void BeginGroup(string role, string? title = null) => ArgumentNullException.ThrowIfNull(role);

    public void EndGroup()
    {
    }

    /// <summary>The PDF file's bytes, titled <paramref name="title"/> in its document information.</summary>
    public byte[] ToPdf(string title) => PdfDocument.Write(Width * PointsPerUnit, Height * PointsPerUnit, content.ToString(), images, opacities, title);

    /// <summary>Sets the colour (and, below full opacity, a graphics state with that alpha) around one painting operation.</summary>
    private void Paint(Rgba colour, bool stroke, string operation)
    {
        string rgb = $"{N(colour.R / 255.0)} {N(colour.G / 255.0)} {N(colour.B / 255.0)} {(stroke ? "RG" : "rg")}";
        if (colour.A == 255)
        {
            content.Append($"q {rgb} {operation} Q\n");
            return;
        }
        opacities.Add(colour.A);
        content.Append($"q /A{colour.A} gs {rgb} {operation} Q\n");
    }

    private static StringBuilder Path(StringBuilder path, IReadOnlyList<Point> points)
    {
        path.Append($"{N(points[0].X)} {N(points[0].Y)} m ");
        for (int i = 1; i < points.Count; i++) path.Append($"{N(points[i].X)} {N(points[i].Y)} l ");
        return path;
    }

    /// <summary>A PDF number: invariant culture, at most four decimals, no exponent.</summary>
    internal static string N(double value) => Math.Round(value, 4).ToString("0.####", CultureInfo.InvariantCulture);
}
