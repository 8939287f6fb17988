using System.Globalization;
using System.Xml.Linq;

namespace LayerEntropy.Tests.Reports;

/// <summary>Reads a chart's own axes back from its SVG, so a test can place a value without the chart's layout code.</summary>
internal static class SvgAxes
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static XDocument Parse(string svg) => XDocument.Parse(svg);

    public static XElement[] Groups(XDocument doc, string role) =>
        [.. doc.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == role)];

    public static XElement Series(XDocument doc, string title) =>
        Groups(doc, "series").Single(g => (string?)g.Element(Svg + "title") == title);

    /// <summary>Each tick label with the position of the tick mark drawn just before it (x for the x axis, y for the y axis).</summary>
    public static List<(string Label, double At)> TickLabels(XElement axis, bool x)
    {
        var ticks = new List<(string, double)>();
        XElement? previous = null;
        foreach (var e in axis.Elements())
        {
            if (e.Name == Svg + "text" && e.Attribute("transform") is null && previous?.Name == Svg + "line")
                ticks.Add((e.Value, D(previous.Attribute(x ? "x1" : "y1")!)));
            previous = e;
        }
        return ticks;
    }

    /// <summary>Where <paramref name="value"/> lies on the y axis: linear between its lowest and highest labelled ticks.</summary>
    public static double Y(XElement yAxis, double value)
    {
        var ticks = TickLabels(yAxis, x: false).Select(t => (Value: double.Parse(t.Label, CultureInfo.InvariantCulture), t.At)).OrderBy(t => t.Value).ToArray();
        var (lo, hi) = (ticks[0], ticks[^1]);
        return lo.At + (value - lo.Value) / (hi.Value - lo.Value) * (hi.At - lo.At);
    }

    /// <summary>The x of the tick labelled <paramref name="label"/>.</summary>
    public static double X(XElement xAxis, string label) => TickLabels(xAxis, x: true).Single(t => t.Label == label).At;

    public static (double X, double Y)[] Circles(XElement group) =>
        [.. group.Elements(Svg + "circle").Select(c => (D(c.Attribute("cx")!), D(c.Attribute("cy")!)))];

    public static double D(XAttribute a) => double.Parse(a.Value, CultureInfo.InvariantCulture);

    /// <summary>One of the points has (x, y) to SVG's two decimals.</summary>
    public static void HasPoint(IEnumerable<(double X, double Y)> points, double x, double y)
    {
        var all = points.ToArray();
        Assert.True(all.Any(p => Math.Abs(p.X - x) <= 0.011 && Math.Abs(p.Y - y) <= 0.011),
            $"no point at ({x:F2}, {y:F2}) among {string.Join(" ", all.Select(p => $"({p.X:F2}, {p.Y:F2})"))}");
    }
}
