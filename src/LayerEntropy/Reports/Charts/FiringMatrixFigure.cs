namespace LayerEntropy.Reports;

/// <summary>What a class × unit firing matrix shows for one tap: p_i per class (a row per class, a value per unit).</summary>
internal sealed record FiringMatrixData(string Title, IReadOnlyList<string> Classes, IReadOnlyList<IReadOnlyList<double>> Probability);

/// <summary>
/// The units of a firing matrix in drawing order: each unit's preferred class (the class it fires most on; -1 when
/// it fires equally on every class), and the runs of equal preference as groups of columns.
/// </summary>
internal sealed record UnitOrder(int[] Order, int[] Preferred, IReadOnlyList<(int Class, int Start, int Count)> Groups);

/// <summary>
/// The class × unit firing matrix of one tap: a row per class, a column per unit, units grouped by the class they
/// fire most on (in class order, units without a preference last) and, within a group, by that rate, highest first.
/// A unit that tells its class apart makes a bright cell in its group's own row, so a trained layer shows a bright
/// staircase down the matrix.
/// </summary>
internal static class FiringMatrixFigure
{
    public const double Width = 760;
    private const double Left = 96, Top = 62, Row = 18, KeyWidth = 70, Bottom = 52;

    /// <summary>At least 120 units of matrix, so the colour bar beside it has room for its ticks.</summary>
    public static double Height(FiringMatrixData data) => Top + Math.Max(120, data.Classes.Count * Row) + Bottom;

    /// <summary>
    /// Each unit's preferred class is the argmax of its firing probability over the classes (the first class on a
    /// tie; -1 when every class gives the same rate, as for dead and always-on units). Units are ordered by that
    /// class, the unpreferring last, then by the rate on it, highest first, then by unit number, so the order is
    /// the same every time.
    /// </summary>
    public static UnitOrder Order(IReadOnlyList<IReadOnlyList<double>> probability)
    {
        int units = probability.Count == 0 ? 0 : probability[0].Count;
        var preferred = new int[units];
        var rate = new double[units];
        for (int u = 0; u < units; u++)
        {
            int best = 0;
            double min = probability[0][u];
            for (int k = 1; k < probability.Count; k++)
            {
                if (probability[k][u] > probability[best][u]) best = k;
                min = Math.Min(min, probability[k][u]);
            }
            rate[u] = probability[best][u];
            preferred[u] = rate[u] > min ? best : -1;
        }
        int[] order = [.. Enumerable.Range(0, units).OrderBy(u => preferred[u] < 0 ? int.MaxValue : preferred[u]).ThenByDescending(u => rate[u]).ThenBy(u => u)];
        var groups = new List<(int, int, int)>();
        for (int start = 0; start < units;)
        {
            int end = start;
            while (end < units && preferred[order[end]] == preferred[order[start]]) end++;
            groups.Add((preferred[order[start]], start, end - start));
            start = end;
        }
        return new UnitOrder(order, preferred, groups);
    }

    public static void Draw(ICanvas c, FiringMatrixData data)
    {
        var map = Colormap.Viridis;
        c.Text(c.Width / 2, 24, data.Title, Style.TitleSize, Style.Text, TextAnchor.Middle, bold: true);
        double width = c.Width - Left - KeyWidth, height = data.Classes.Count * Row, keyHeight = c.Height - Top - Bottom;
        var order = Order(data.Probability);
        int units = order.Order.Length;
        double unitWidth = width / Math.Max(1, units);
        c.BeginGroup("matrix");
        c.Image(Left, Top, width, height, Heatmap.Matrix(data.Probability, order.Order, 0, 1, map));
        c.EndGroup();
        c.BeginGroup("row-labels");
        for (int r = 0; r < data.Classes.Count; r++)
            c.Text(Left - 8, Top + r * Row + Row / 2 + 4, data.Classes[r], Style.TickSize, Style.Text, TextAnchor.End);
        c.EndGroup();
        c.BeginGroup("groups");
        foreach (var (k, start, count) in order.Groups)
        {
            double x0 = Left + start * unitWidth, x1 = x0 + count * unitWidth;
            // White rules between the groups, over the matrix, and a tick below it.
            if (start > 0) c.Line(x0, Top, x0, Top + height, Rgba.White, 1.5);
            c.Line(x0, Top + height, x0, Top + height + 6, Style.Axis);
            string label = k < 0 ? "none" : data.Classes[k];
            if (c.MeasureText(label, Style.TickSize) <= x1 - x0 - 2)
                c.Text((x0 + x1) / 2, Top - 6, label, Style.TickSize, k < 0 ? Style.Muted : Style.Text, TextAnchor.Middle);
        }
        c.Line(Left + width, Top + height, Left + width, Top + height + 6, Style.Axis);
        c.EndGroup();
        c.Text(Left + width / 2, Top + height + 22, $"{units} units, grouped by the class they fire most on (labelled above), then by that rate", Style.LabelSize, Style.Text, TextAnchor.Middle);
        ColorBar.Vertical(c, c.Width - KeyWidth + 12, Top + 14, 12, keyHeight - 14, map, 0, 1, "p(fire)");
    }
}
