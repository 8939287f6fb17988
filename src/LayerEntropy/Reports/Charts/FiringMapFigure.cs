namespace LayerEntropy.Reports;

/// <summary>What a firing map shows: per set (rows) and tap (columns), each unit's firing probability p_i (null: an empty set).</summary>
internal sealed record FiringMapData(string Title, IReadOnlyList<string> TapNames, IReadOnlyList<string> SetNames, IReadOnlyList<IReadOnlyList<IReadOnlyList<double>?>> Probability);

/// <summary>
/// Firing maps: for every set and tap, each unit's firing probability folded into the same near-square grid as the
/// activation maps, on one 0–1 scale (viridis): units that fire for the whole class are bright, silent ones dark.
/// </summary>
internal static class FiringMapFigure
{
    private const double Cell = 64, Gap = 8, LabelColumn = 96, Top = 60, KeyWidth = 64, Margin = 16;

    public static (double Width, double Height) Size(FiringMapData data) =>
        (LabelColumn + data.TapNames.Count * (Cell + Gap) + KeyWidth + Margin, Top + data.SetNames.Count * (Cell + Gap) + Margin);

    public static void Draw(ICanvas c, FiringMapData data)
    {
        var map = Colormap.Viridis;
        c.Text(c.Width / 2, 24, data.Title, Style.TitleSize, Style.Text, TextAnchor.Middle, bold: true);
        for (int t = 0; t < data.TapNames.Count; t++)
            c.Text(LabelColumn + t * (Cell + Gap) + Cell / 2, Top - 10, data.TapNames[t], Style.LabelSize, Style.Text, TextAnchor.Middle, bold: true);
        for (int s = 0; s < data.SetNames.Count; s++)
        {
            double y = Top + s * (Cell + Gap);
            c.BeginGroup("row", data.SetNames[s]);
            c.Text(LabelColumn - 10, y + Cell / 2 + 4, data.SetNames[s], Style.LabelSize, Style.Text, TextAnchor.End);
            for (int t = 0; t < data.TapNames.Count; t++)
            {
                double x = LabelColumn + t * (Cell + Gap);
                if (data.Probability[s][t] is { } p) ActivationMapFigure.Fit(c, x, y, Heatmap.Folded(p, 0, 1, map), Cell);
                else
                {
                    c.FillRect(x, y, Cell, Cell, Style.Empty);
                    c.Text(x + Cell / 2, y + Cell / 2 + 4, "empty", Style.TickSize, Style.Muted, TextAnchor.Middle);
                }
            }
            c.EndGroup();
        }
        double keyX = LabelColumn + data.TapNames.Count * (Cell + Gap) + 8;
        ColorBar.Vertical(c, keyX, Top + 12, 12, Math.Min(240, data.SetNames.Count * (Cell + Gap) - 20), map, 0, 1, "p(fire)");
    }
}
