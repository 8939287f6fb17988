namespace LayerEntropy.Reports;

/// <summary>One legend line: a swatch (a line, dashed or not, a filled box, or a dot for a series without a line) and its label.</summary>
internal readonly record struct LegendEntry(string Label, Rgba Colour, bool Dashed = false, bool Box = false, double StrokeWidth = 2, bool Dot = false);

/// <summary>A vertical legend: a swatch and a label per entry.</summary>
internal static class Legend
{
    private const double Swatch = 22, Gap = 6, Line = 16;

    public static double Width(ICanvas c, IReadOnlyList<LegendEntry> entries) =>
        entries.Count == 0 ? 0 : Swatch + Gap + entries.Max(e => c.MeasureText(e.Label, Style.LegendSize));

    public static double Height(IReadOnlyList<LegendEntry> entries) => entries.Count * Line;

    public static void Draw(ICanvas c, double x, double y, IReadOnlyList<LegendEntry> entries, string? title = null)
    {
        c.BeginGroup("legend");
        if (title is not null)
        {
            c.Text(x, y + Style.LegendSize, title, Style.LegendSize, Style.Text, bold: true);
            y += Line + 2;
        }
        foreach (var e in entries)
        {
            double mid = y + Line / 2;
            if (e.Box) c.FillRect(x + 4, mid - 5, Swatch - 8, 10, e.Colour);
            else if (e.Dot) c.Circle(x + Swatch / 2, mid, 3, e.Colour);
            else c.Line(x, mid, x + Swatch, mid, e.Colour, e.StrokeWidth, e.Dashed);
            c.Text(x + Swatch + Gap, mid + Style.LegendSize * 0.35, e.Label, Style.LegendSize, Style.Text);
            y += Line;
        }
        c.EndGroup();
    }
}
