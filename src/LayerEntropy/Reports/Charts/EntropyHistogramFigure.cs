namespace LayerEntropy.Reports;

/// <summary>Per tap, the per-unit entropies h_i of one set, on [0, <see cref="Max"/>] (1 bit, or ln 2 nats).</summary>
internal sealed record EntropyHistogramData(string Title, IReadOnlyList<string> TapNames, IReadOnlyList<IReadOnlyList<double>> Entropy, double Max, string Unit);

/// <summary>
/// How per-unit entropy is spread in each tap: one small histogram per tap (20 bins over [0, 1 bit]). A tap of
/// decided units piles up at 0; a tap of coin-flip units at 1 bit.
/// </summary>
internal static class EntropyHistogramFigure
{
    public const int Bins = 20;
    private const double PanelWidth = 236, PanelHeight = 190, Top = 44, Margin = 12;

    private static int Columns(int taps) => Math.Clamp(taps, 1, 3);

    public static (double Width, double Height) Size(EntropyHistogramData data)
    {
        int columns = Columns(data.TapNames.Count), rows = (data.TapNames.Count + columns - 1) / columns;
        return (columns * PanelWidth + 2 * Margin, Top + Math.Max(1, rows) * PanelHeight + Margin);
    }

    /// <summary>Units per bin: bin k holds [k, k+1)·max/20, the last bin also max itself.</summary>
    public static int[] Counts(IReadOnlyList<double> entropy, double max)
    {
        var counts = new int[Bins];
        foreach (double h in entropy) counts[Math.Clamp((int)(h / max * Bins), 0, Bins - 1)]++;
        return counts;
    }

    public static void Draw(ICanvas c, EntropyHistogramData data)
    {
        c.Text(c.Width / 2, 24, data.Title, Style.TitleSize, Style.Text, TextAnchor.Middle, bold: true);
        int columns = Columns(data.TapNames.Count);
        var colour = Palette.OkabeIto[4];
        for (int t = 0; t < data.TapNames.Count; t++)
        {
            double px = Margin + t % columns * PanelWidth, py = Top + t / columns * PanelHeight;
            var counts = Counts(data.Entropy[t], data.Max);
            var (_, yMax, step) = Ticks.Round(0, Math.Max(1, counts.Max()), 4);
            var area = new PlotArea(px + 52, py + 22, PanelWidth - 66, PanelHeight - 70, 0, data.Max, 0, yMax);
            c.Text(area.Left + area.Width / 2, py + 12, $"{data.TapNames[t]} ({data.Entropy[t].Count} units)", Style.LabelSize, Style.Text, TextAnchor.Middle, bold: true);
            area.YAxis(c, step, "units");
            double xStep = data.Max / 4;
            area.XAxis(c, [.. Enumerable.Range(0, 5).Select(k => (k * xStep, Ticks.Label(k * xStep, data.Max >= 1 ? 0.25 : 0.01)))], $"h_i ({data.Unit})");
            c.BeginGroup("series", data.TapNames[t]);
            for (int k = 0; k < Bins; k++)
            {
                if (counts[k] == 0) continue;
                double x0 = area.X(k * data.Max / Bins), x1 = area.X((k + 1) * data.Max / Bins);
                c.FillRect(x0 + 0.5, area.Y(counts[k]), x1 - x0 - 1, area.Bottom - area.Y(counts[k]), colour);
            }
            c.EndGroup();
        }
    }
}
