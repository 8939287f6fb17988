namespace LayerEntropy.Reports;

/// <summary>What a class × unit firing matrix shows for one tap: p_i per class, and the units' label information I_i (for the order).</summary>
internal sealed record FiringMatrixData(string Title, IReadOnlyList<string> Classes, IReadOnlyList<IReadOnlyList<double>> Probability, IReadOnlyList<double> LabelInformation, string InformationUnit);

/// <summary>
/// The class × unit firing matrix of one tap: a row per class, a column per unit, units ordered by label information
/// (most informative on the left), so the units that tell classes apart stand out as a block of contrasting columns.
/// </summary>
internal static class FiringMatrixFigure
{
    public const double Width = 760;
    private const double Left = 96, Top = 44, Row = 18, KeyWidth = 70, Bottom = 52;

    /// <summary>At least 120 units of matrix, so the colour bar beside it has room for its ticks.</summary>
    public static double Height(FiringMatrixData data) => Top + Math.Max(120, data.Classes.Count * Row) + Bottom;

    /// <summary>Units by label information, highest first; ties by unit number, so the order is the same every time.</summary>
    public static int[] Order(IReadOnlyList<double> information) =>
        [.. Enumerable.Range(0, information.Count).OrderByDescending(i => information[i]).ThenBy(i => i)];

    public static void Draw(ICanvas c, FiringMatrixData data)
    {
        var map = Colormap.Viridis;
        c.Text(c.Width / 2, 24, data.Title, Style.TitleSize, Style.Text, TextAnchor.Middle, bold: true);
        double width = c.Width - Left - KeyWidth, height = data.Classes.Count * Row, keyHeight = c.Height - Top - Bottom;
        var order = Order(data.LabelInformation);
        c.BeginGroup("matrix");
        c.Image(Left, Top, width, height, Heatmap.Matrix(data.Probability, order, 0, 1, map));
        c.EndGroup();
        for (int r = 0; r < data.Classes.Count; r++)
            c.Text(Left - 8, Top + r * Row + Row / 2 + 4, data.Classes[r], Style.TickSize, Style.Text, TextAnchor.End);
        int units = order.Length;
        double step = Math.Max(1, Ticks.Step(0, units, 6));
        foreach (double v in Ticks.Values(0, Math.Floor(units / step) * step, step))
        {
            double x = Left + v / Math.Max(1, units) * width;
            c.Line(x, Top + height, x, Top + height + 4, Style.Axis);
            c.Text(x, Top + height + 16, Ticks.Label(v, step), Style.TickSize, Style.Text, TextAnchor.Middle);
        }
        string most = units == 0 ? "" : $" (I from {Ticks.Compact(data.LabelInformation[order[0]])} to {Ticks.Compact(data.LabelInformation[order[^1]])} {data.InformationUnit})";
        c.Text(Left + width / 2, Top + height + 36, $"units, by label information, highest first{most}", Style.LabelSize, Style.Text, TextAnchor.Middle);
        ColorBar.Vertical(c, c.Width - KeyWidth + 12, Top + 14, 12, keyHeight - 14, map, 0, 1, "p(fire)");
    }
}
