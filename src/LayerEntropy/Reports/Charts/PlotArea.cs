namespace LayerEntropy.Reports;

/// <summary>
/// The data rectangle of a chart: maps data coordinates to figure units and draws the axes around it (grid lines,
/// ticks, tick labels, axis labels).
/// </summary>
internal sealed class PlotArea(double left, double top, double width, double height, double xMin, double xMax, double yMin, double yMax)
{
    public double Left { get; } = left;
    public double Top { get; } = top;
    public double Width { get; } = width;
    public double Height { get; } = height;
    public double Right => Left + Width;
    public double Bottom => Top + Height;

    public double X(double v) => Left + (xMax > xMin ? (v - xMin) / (xMax - xMin) : 0.5) * Width;

    public double Y(double v) => Bottom - (yMax > yMin ? (Math.Clamp(v, yMin, yMax) - yMin) / (yMax - yMin) : 0.5) * Height;

    /// <summary>Horizontal grid lines and labels at the y ticks, and the y-axis label turned upright along the left edge.</summary>
    public void YAxis(ICanvas c, double step, string label)
    {
        c.BeginGroup("y-axis");
        double widest = 0;
        foreach (double v in Ticks.Values(yMin, yMax, step))
        {
            double y = Y(v);
            c.Line(Left, y, Right, y, Style.Grid);
            c.Line(Left - 4, y, Left, y, Style.Axis);
            string text = Ticks.Label(v, step);
            widest = Math.Max(widest, c.MeasureText(text, Style.TickSize));
            c.Text(Left - 7, y + Style.TickSize * 0.35, text, Style.TickSize, Style.Text, TextAnchor.End);
        }
        c.Line(Left, Top, Left, Bottom, Style.Axis);
        c.Text(Left - 14 - widest, Top + Height / 2, label, Style.LabelSize, Style.Text, TextAnchor.Middle, vertical: true);
        c.EndGroup();
    }

    /// <summary>
    /// The x axis with labelled ticks at the given data positions; labels that would overlap are turned upright.
    /// Returns the height the labels take below the axis.
    /// </summary>
    public double XAxis(ICanvas c, IReadOnlyList<(double At, string Label)> ticks, string label)
    {
        c.BeginGroup("x-axis");
        c.Line(Left, Bottom, Right, Bottom, Style.Axis);
        double spacing = ticks.Count > 1 ? Width / ticks.Count : Width;
        double widest = ticks.Count == 0 ? 0 : ticks.Max(t => c.MeasureText(t.Label, Style.TickSize));
        bool upright = widest > spacing - 4;
        foreach (var (at, text) in ticks)
        {
            double x = X(at);
            c.Line(x, Bottom, x, Bottom + 4, Style.Axis);
            if (upright) c.Text(x + Style.TickSize * 0.35, Bottom + 7, text, Style.TickSize, Style.Text, TextAnchor.End, vertical: true);
            else c.Text(x, Bottom + 7 + Style.TickSize, text, Style.TickSize, Style.Text, TextAnchor.Middle);
        }
        double used = 7 + (upright ? widest : Style.TickSize) + 6;
        c.Text(Left + Width / 2, Bottom + used + Style.LabelSize, label, Style.LabelSize, Style.Text, TextAnchor.Middle);
        c.EndGroup();
        return used + Style.LabelSize + 4;
    }

    /// <summary>The height the x axis of <see cref="XAxis"/> will take, for laying out a figure before drawing it.</summary>
    public static double XAxisHeight(ICanvas c, IReadOnlyList<string> labels, double width)
    {
        double spacing = labels.Count > 1 ? width / labels.Count : width;
        double widest = labels.Count == 0 ? 0 : labels.Max(l => c.MeasureText(l, Style.TickSize));
        return 7 + (widest > spacing - 4 ? widest : Style.TickSize) + 6 + Style.LabelSize + 4;
    }
}
