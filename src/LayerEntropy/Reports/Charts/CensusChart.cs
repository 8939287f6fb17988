namespace LayerEntropy.Reports;

/// <summary>Per tap: its width, and how many units never fire (dead) and always fire (always-on) on one set.</summary>
internal sealed record CensusData(string Title, IReadOnlyList<string> TapNames, IReadOnlyList<int> Units, IReadOnlyList<int> Dead, IReadOnlyList<int> AlwaysOn);

/// <summary>The unit census as stacked bars per tap: the fraction of units dead, in between, and always on.</summary>
internal static class CensusChart
{
    public const double Width = 640, Height = 380;

    public static readonly Rgba DeadColour = Palette.OkabeIto[5], BetweenColour = Palette.OkabeIto[1], AlwaysOnColour = Palette.OkabeIto[0];

    public static void Draw(ICanvas c, CensusData data)
    {
        LegendEntry[] legend = [new("always on", AlwaysOnColour, Box: true), new("in between", BetweenColour, Box: true), new("dead", DeadColour, Box: true)];
        double right = c.Width - Legend.Width(c, legend) - 30;
        double bottom = c.Height - PlotArea.XAxisHeight(c, data.TapNames, right - 72) - 8;
        var area = new PlotArea(72, 44, right - 72, bottom - 44, 0.5, data.TapNames.Count + 0.5, 0, 1);
        c.Text(c.Width / 2, 24, data.Title, Style.TitleSize, Style.Text, TextAnchor.Middle, bold: true);
        area.YAxis(c, 0.25, "fraction of units");
        area.XAxis(c, [.. data.TapNames.Select((t, i) => (i + 1.0, t))], "tap (depth →)");
        double bar = Math.Min(56, area.Width / Math.Max(1, data.TapNames.Count) * 0.6);
        // Stacked from the bottom: dead, in between, always on; each series is one group of bars.
        var layers = new (string Name, Rgba Colour, Func<int, int> Count)[]
        {
            ("dead", DeadColour, t => data.Dead[t]),
            ("in between", BetweenColour, t => data.Units[t] - data.Dead[t] - data.AlwaysOn[t]),
            ("always on", AlwaysOnColour, t => data.AlwaysOn[t]),
        };
        var below = new double[data.TapNames.Count];
        foreach (var (name, colour, count) in layers)
        {
            c.BeginGroup("series", name);
            for (int t = 0; t < data.TapNames.Count; t++)
            {
                double share = data.Units[t] == 0 ? 0 : (double)count(t) / data.Units[t];
                double x = area.X(t + 1) - bar / 2, y0 = area.Y(below[t]), y1 = area.Y(below[t] + share);
                c.FillRect(x, y1, bar, y0 - y1, colour);
                if (y0 - y1 >= 13 && count(t) > 0)
                    c.Text(x + bar / 2, (y0 + y1) / 2 + 4, count(t).ToString(System.Globalization.CultureInfo.InvariantCulture), Style.TickSize,
                        name == "dead" ? Rgba.White : Style.Text, TextAnchor.Middle);
                below[t] += share;
            }
            c.EndGroup();
        }
        Legend.Draw(c, right + 18, area.Top, legend);
    }
}
