namespace LayerEntropy.Reports;

/// <summary>A colour scale's key: the gradient as a bar with labelled ticks beside it.</summary>
internal static class ColorBar
{
    /// <summary>A vertical bar from <paramref name="min"/> (bottom) to <paramref name="max"/> (top), tick labels to its right.</summary>
    public static void Vertical(ICanvas c, double x, double y, double width, double height, Colormap map, double min, double max, string? label = null)
    {
        c.BeginGroup("colorbar");
        var gradient = new RgbaImage(1, 256);
        for (int i = 0; i < 256; i++) gradient[0, 255 - i] = map.Map(i / 255.0);
        c.Image(x, y, width, height, gradient);
        if (max > min)
        {
            double step = Ticks.Step(min, max, 4);
            foreach (double v in Ticks.Values(Math.Ceiling(min / step - 1e-9) * step, Math.Floor(max / step + 1e-9) * step, step))
            {
                double ty = y + height - (v - min) / (max - min) * height;
                c.Line(x + width, ty, x + width + 3, ty, Style.Axis);
                c.Text(x + width + 5, ty + Style.TickSize * 0.35, Ticks.Label(v, step), Style.TickSize, Style.Text);
            }
        }
        else c.Text(x + width + 5, y + height / 2, Ticks.Compact(min), Style.TickSize, Style.Text);
        if (label is not null) c.Text(x, y - 12, label, Style.TickSize, Style.Muted);
        c.EndGroup();
    }

    /// <summary>A horizontal bar from <paramref name="min"/> (left) to <paramref name="max"/> (right), its end values below it.</summary>
    public static void Horizontal(ICanvas c, double x, double y, double width, double height, Colormap map, double min, double max)
    {
        c.BeginGroup("colorbar");
        var gradient = new RgbaImage(256, 1);
        for (int i = 0; i < 256; i++) gradient[i, 0] = map.Map(i / 255.0);
        c.Image(x, y, width, height, gradient);
        double below = y + height + Style.TickSize + 2;
        c.Text(x, below, Ticks.Compact(min), Style.TickSize, Style.Text);
        c.Text(x + width, below, Ticks.Compact(max), Style.TickSize, Style.Text, TextAnchor.End);
        c.EndGroup();
    }
}
