namespace LayerEntropy.Reports;

/// <summary>
/// One line of an entropy-versus-depth chart: a value per tap (null where undefined) and an optional 95% band.
/// <see cref="Look"/> sets a line apart from the per-set lines (a control's curve); without it the set's style applies.
/// </summary>
internal sealed record DepthSeries(string Name, IReadOnlyList<double?> Values, IReadOnlyList<double?>? Low = null, IReadOnlyList<double?>? High = null, bool Pooled = false,
    LineLook? Look = null);

/// <summary>What an entropy-versus-depth chart shows: the taps in depth order, one series per set, the saturation depth ℓ* (1-based).</summary>
internal sealed record DepthChartData(string Title, string YLabel, IReadOnlyList<string> Taps, IReadOnlyList<DepthSeries> Series, int? SaturationDepth);

/// <summary>
/// Entropy versus depth: a line per class in the Okabe–Ito colours, the pooled set in black and thicker, the
/// bootstrap intervals as translucent bands, and the pooled set's saturation depth as a dashed vertical line.
/// </summary>
internal static class DepthChart
{
    public const double Width = 760, Height = 440;

    public static void Draw(ICanvas c, DepthChartData data)
    {
        var styles = data.Series.Select((s, i) => s.Look is { } look ? (Colour: look.Paint, look.Dashed, Stroke: look.Stroke)
            : s.Pooled ? (Colour: Rgba.Black, Dashed: false, Stroke: 2.75) : Styled(i)).ToArray();
        var legend = data.Series.Select((s, i) => new LegendEntry(s.Name, styles[i].Colour, styles[i].Dashed, StrokeWidth: styles[i].Stroke)).ToArray();
        double legendWidth = Legend.Width(c, legend);
        double left = 72, top = 44, right = c.Width - legendWidth - 28;
        double bottom = c.Height - PlotArea.XAxisHeight(c, data.Taps, right - left) - 8;
        var all = data.Series.SelectMany(s => s.Values.Concat(s.Low ?? []).Concat(s.High ?? [])).OfType<double>().ToArray();
        double lo = all.Length == 0 ? 0 : Math.Min(0, all.Min()), hi = all.Length == 0 ? 1 : all.Max();
        var (yMin, yMax, step) = Ticks.Round(lo, hi);
        var area = new PlotArea(left, top, right - left, bottom - top, 0.5, data.Taps.Count + 0.5, yMin, yMax);

        c.Text(c.Width / 2, 24, data.Title, Style.TitleSize, Style.Text, TextAnchor.Middle, bold: true);
        area.YAxis(c, step, data.YLabel);
        area.XAxis(c, [.. data.Taps.Select((t, i) => (i + 1.0, t))], "tap (depth →)");
        if (data.SaturationDepth is int star && star >= 1 && star <= data.Taps.Count)
        {
            c.BeginGroup("saturation", $"saturation depth ℓ* = {star}");
            double x = area.X(star);
            c.Line(x, area.Top, x, area.Bottom, Style.Muted, 1.25, dashed: true);
            c.Text(x + 4, area.Top + 12, $"ℓ* = {star}", Style.TickSize, Style.Muted);
            c.EndGroup();
        }
        // Bands first, so every line lies above every band.
        for (int i = 0; i < data.Series.Count; i++)
            if (data.Series[i] is { Low: { } low, High: { } high })
            {
                c.BeginGroup("band", data.Series[i].Name);
                foreach (var run in Runs(data.Taps.Count, d => low[d] is not null && high[d] is not null))
                    c.FillPolygon([.. run.Select(d => new Point(area.X(d + 1), area.Y(high[d]!.Value))),
                        .. run.AsEnumerable().Reverse().Select(d => new Point(area.X(d + 1), area.Y(low[d]!.Value)))], styles[i].Colour.WithOpacity(0.13));
                c.EndGroup();
            }
        // The pooled line last: it is the one the eye should find.
        foreach (int i in Enumerable.Range(0, data.Series.Count).OrderBy(i => data.Series[i].Pooled))
        {
            var s = data.Series[i];
            c.BeginGroup("series", s.Name);
            foreach (var run in Runs(data.Taps.Count, d => s.Values[d] is not null))
            {
                var points = run.Select(d => new Point(area.X(d + 1), area.Y(s.Values[d]!.Value))).ToArray();
                if (points.Length > 1) c.Polyline(points, styles[i].Colour, styles[i].Stroke, styles[i].Dashed);
                // A lone point has no line to show it: it gets a marker even where the look has none.
                if (s.Look is { Marker: LineMarker.None } && points.Length > 1) continue;
                foreach (var p in points) c.Circle(p.X, p.Y, s.Look?.MarkerRadius ?? (s.Pooled ? 3.5 : 2.5), styles[i].Colour);
            }
            c.EndGroup();
        }
        Legend.Draw(c, right + 18, top, legend);
    }

    /// <summary>Class i's line: the seven Okabe–Ito colours (black is the pooled set's), dashed on every second pass.</summary>
    private static (Rgba Colour, bool Dashed, double Stroke) Styled(int i)
    {
        const int colours = 7;
        return (Palette.OkabeIto[i % colours], i / colours % 2 == 1, 1.5);
    }

    /// <summary>The maximal runs of consecutive depths (0-based) where <paramref name="present"/> holds.</summary>
    internal static List<int[]> Runs(int count, Func<int, bool> present)
    {
        var runs = new List<int[]>();
        var current = new List<int>();
        for (int d = 0; d <= count; d++)
        {
            if (d < count && present(d)) { current.Add(d); continue; }
            if (current.Count > 0) runs.Add([.. current]);
            current.Clear();
        }
        return runs;
    }
}
