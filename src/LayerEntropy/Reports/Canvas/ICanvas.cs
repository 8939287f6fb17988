namespace LayerEntropy.Reports;

/// <summary>
/// A drawing surface in figure units (CSS pixels, origin at the top left, y down). Charts draw to this interface
/// only, so the same figure can be written as SVG (<see cref="SvgCanvas"/>) or rasterised to PNG
/// (<see cref="RasterCanvas"/>).
/// </summary>
internal interface ICanvas
{
    double Width { get; }
    double Height { get; }

    /// <summary>Fills the axis-aligned rectangle; zero or negative sizes draw nothing.</summary>
    void FillRect(double x, double y, double width, double height, Rgba fill);

    /// <summary>A straight segment of the given stroke width; dashed lines alternate 4 and 3 stroke widths.</summary>
    void Line(double x1, double y1, double x2, double y2, Rgba stroke, double strokeWidth = 1, bool dashed = false);

    /// <summary>Connected segments through the points (at least two); one series of a line chart.</summary>
    void Polyline(IReadOnlyList<Point> points, Rgba stroke, double strokeWidth = 1, bool dashed = false);

    /// <summary>Fills the closed polygon (non-zero winding); colours with alpha below 255 blend with what lies beneath.</summary>
    void FillPolygon(IReadOnlyList<Point> points, Rgba fill);

    /// <summary>A filled disc: a marker.</summary>
    void Circle(double cx, double cy, double radius, Rgba fill);

    /// <summary>
    /// One line of text. (x, y) is the anchor point on the baseline; <paramref name="anchor"/> says whether the text
    /// starts, is centred or ends there; <paramref name="vertical"/> turns it 90° counter-clockwise (reading bottom
    /// to top, for a y-axis label), rotating about the anchor point.
    /// </summary>
    void Text(double x, double y, string text, double size, Rgba color, TextAnchor anchor = TextAnchor.Start, bool bold = false, bool vertical = false);

    /// <summary>
    /// The advance width of <paramref name="text"/> at font size <paramref name="size"/>, in figure units, from
    /// DejaVu Sans's metrics (<see cref="GlyphFont"/>). Every canvas answers the same, so one layout serves both.
    /// </summary>
    double MeasureText(string text, double size, bool bold = false);

    /// <summary>Draws <paramref name="image"/> stretched over the rectangle, each pixel a sharp block (no smoothing): heatmaps.</summary>
    void Image(double x, double y, double width, double height, RgbaImage image);

    /// <summary>Starts a group of marks; <paramref name="role"/> becomes the SVG group's class (for example "series"), so figures can be inspected. Raster canvases ignore it.</summary>
    void BeginGroup(string role, string? title = null);

    void EndGroup();
}

/// <summary>A point in figure units.</summary>
internal readonly record struct Point(double X, double Y);

/// <summary>Where a text's anchor point lies along it.</summary>
internal enum TextAnchor
{
    Start,
    Middle,
    End,
}
