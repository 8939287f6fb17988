using System.Globalization;

namespace LayerEntropy.Reports;

/// <summary>The mark drawn at each point of a line.</summary>
internal enum LineMarker
{
    None,
    Circle,
    Square,
}

/// <summary>How one line is drawn: colour, dashes, stroke width, opacity (0..1) and the mark at each point; no line at all for a dot plot.</summary>
internal sealed record LineLook(Rgba Colour, bool Dashed = false, double Stroke = 1.75, double Opacity = 1, LineMarker Marker = LineMarker.Circle, double MarkerRadius = 3, bool Line = true)
{
    /// <summary>The colour with the look's opacity folded into its alpha.</summary>
    public Rgba Paint => Colour.WithOpacity(Colour.A / 255.0 * Opacity);

    public LegendEntry Legend(string label) => new(label, Paint, Dashed, StrokeWidth: Stroke, Dot: !Line);
}

/// <summary>
/// One line of a line chart: a y value per x (null breaks the line there) and, optionally, the low and high end of a
/// vertical error bar per point.
/// </summary>
internal sealed record LineSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double?> Y, LineLook Look,
    IReadOnlyList<double?>? Low = null, IReadOnlyList<double?>? High = null);

/// <summary>
/// One panel: its y-axis label, its lines, an optional fixed y range (widened to whole tick steps) and an optional
/// legend that replaces the one made from the series names (for charts whose lines share a key).
/// </summary>
internal sealed record LinePanel(string YLabel, IReadOnlyList<LineSeries> Series, (double Min, double Max)? YRange = null, IReadOnlyList<LegendEntry>? Legend = null)
{
    public IReadOnlyList<LegendEntry> LegendEntries => Legend ?? [.. Series.Select(s => s.Look.Legend(s.Name))];
}

/// <summary>The numeric x axis every panel of a chart shares: its label, range and ticks (automatic round steps when none are given).</summary>
internal sealed record LineAxis(string Label, double Min, double Max, IReadOnlyList<(double At, string Label)>? Ticks = null)
{
    public IReadOnlyList<(double At, string Label)> TickMarks
    {
        get
        {
            if (Ticks is not null) return Ticks;
            double step = Reports.Ticks.Step(Min, Max);
            var marks = new List<(double, string)>();
            for (double v = Math.Ceiling(Min / step - 1e-9) * step; v <= Max + step * 1e-9; v += step)
                marks.Add((v, Reports.Ticks.Label(v, step)));
            return marks;
        }
    }
}

/// <summary>A line chart of one or more panels stacked over one x axis.</summary>
internal sealed record LineChartData(string Title, LineAxis X, IReadOnlyList<LinePanel> Panels);

/// <summary>
/// Lines over a numeric x axis: each series in its own look, error bars, gaps where values are undefined, and a
/// legend to the right of each panel. Panels stack top to bottom and share the x axis, labelled under the last.
/// </summary>
internal static class LineChart
{
    public const double Width = 760, PanelHeight = 420, Left = 72, Top = 44, Gap = 34;

    /// <summary>The height of a chart of <paramref name="panels"/> panels.</summary>
    public static double Height(int panels) => PanelHeight + (panels - 1) * (PanelHeight * 0.62 + Gap);

    public static void Draw(ICanvas c, LineChartData data)
    {
        c.Text(c.Width / 2, 24, data.Title, Style.TitleSize, Style.Text, TextAnchor.Middle, bold: true);
        double right = PlotRight(c, data.Panels);
        int n = data.Panels.Count;
        double axis = PlotArea.XAxisHeight(c, [.. data.X.TickMarks.Select(t => t.Label)], right - Left);
        // The last panel also holds the x axis, so it gets the axis's height on top of an equal share.
        double each = (c.Height - 8 - axis - Top - (n - 1) * Gap) / n;
        for (int i = 0; i < n; i++)
        {
            double top = Top + i * (each + Gap);
            DrawPanel(c, top, top + each + (i == n - 1 ? axis : 0), Left, right, data.X, data.Panels[i], xLabels: i == n - 1);
        }
    }

    /// <summary>Where the plots end on the right: room for the widest legend of any panel, so stacked panels line up.</summary>
    public static double PlotRight(ICanvas c, IReadOnlyList<LinePanel> panels) =>
        c.Width - panels.Max(p => Legend.Width(c, p.LegendEntries)) - 28;

    /// <summary>
    /// Draws one panel between <paramref name="top"/> and <paramref name="bottom"/>, x-axis labels included when
    /// <paramref name="xLabels"/> (else only the axis line and its ticks), with the legend to the right.
    /// </summary>
    public static PlotArea DrawPanel(ICanvas c, double top, double bottom, double left, double right, LineAxis x, LinePanel panel, bool xLabels)
    {
        var ticks = x.TickMarks;
        double plotBottom = xLabels ? bottom - PlotArea.XAxisHeight(c, [.. ticks.Select(t => t.Label)], right - left) : bottom;
        var (yMin, yMax, step) = YRange(panel);
        var area = new PlotArea(left, top, right - left, plotBottom - top, x.Min, x.Max, yMin, yMax);
        area.YAxis(c, step, panel.YLabel);
        if (xLabels) area.XAxis(c, ticks, x.Label);
        else
        {
            c.BeginGroup("x-axis");
            c.Line(area.Left, area.Bottom, area.Right, area.Bottom, Style.Axis);
            foreach (var (at, _) in ticks) c.Line(area.X(at), area.Bottom, area.X(at), area.Bottom + 4, Style.Axis);
            c.EndGroup();
        }
        foreach (var s in panel.Series.Where(s => s.Low is not null && s.High is not null)) ErrorBars(c, area, s);
        foreach (var s in panel.Series) Line(c, area, s);
        Legend.Draw(c, right + 18, top, panel.LegendEntries);
        return area;
    }

    /// <summary>The y range: the fixed one, or the data's (values and bar ends), rounded outwards to whole tick steps.</summary>
    internal static (double Min, double Max, double Step) YRange(LinePanel panel)
    {
        if (panel.YRange is var (lo, hi)) return Ticks.Round(lo, hi);
        var all = panel.Series.SelectMany(s => s.Y.Concat(s.Low ?? []).Concat(s.High ?? [])).OfType<double>().Where(double.IsFinite).ToArray();
        return all.Length == 0 ? Ticks.Round(0, 1) : Ticks.Round(all.Min(), all.Max());
    }

    private static void ErrorBars(ICanvas c, PlotArea area, LineSeries s)
    {
        c.BeginGroup("error-bars", s.Name);
        var colour = s.Look.Paint;
        for (int i = 0; i < s.X.Count; i++)
        {
            if (s.Low![i] is not double low || s.High![i] is not double high || !double.IsFinite(low) || !double.IsFinite(high)) continue;
            double x = area.X(s.X[i]), y0 = area.Y(low), y1 = area.Y(high);
            c.Line(x, y0, x, y1, colour, 1.25);
            c.Line(x - 4, y0, x + 4, y0, colour, 1.25);
            c.Line(x - 4, y1, x + 4, y1, colour, 1.25);
        }
        c.EndGroup();
    }

    private static void Line(ICanvas c, PlotArea area, LineSeries s)
    {
        c.BeginGroup("series", s.Name);
        var colour = s.Look.Paint;
        bool Present(int i) => s.Y[i] is double v && double.IsFinite(v);
        foreach (var run in DepthChart.Runs(Math.Min(s.X.Count, s.Y.Count), Present))
        {
            var points = run.Select(i => new Point(area.X(s.X[i]), area.Y(s.Y[i]!.Value))).ToArray();
            if (s.Look.Line && points.Length > 1) c.Polyline(points, colour, s.Look.Stroke, s.Look.Dashed);
            // A lone point has no line to show it: it gets a marker even where the look has none.
            var look = points.Length == 1 && s.Look.Marker == LineMarker.None ? s.Look with { Marker = LineMarker.Circle } : s.Look;
            foreach (var p in points) Marker(c, p, look, colour);
        }
        c.EndGroup();
    }

    private static void Marker(ICanvas c, Point p, LineLook look, Rgba colour)
    {
        double r = look.MarkerRadius;
        if (look.Marker == LineMarker.Circle) c.Circle(p.X, p.Y, r, colour);
        else if (look.Marker == LineMarker.Square) c.FillRect(p.X - r, p.Y - r, 2 * r, 2 * r, colour);
    }

    /// <summary>Ticks at whole numbers <paramref name="values"/>, labelled as integers: FC depths and layers.</summary>
    public static IReadOnlyList<(double At, string Label)> Whole(IEnumerable<int> values) =>
        [.. values.Select(v => ((double)v, v.ToString(CultureInfo.InvariantCulture)))];
}
