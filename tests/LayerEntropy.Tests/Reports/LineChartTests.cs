using LayerEntropy.Experiments;
using LayerEntropy.Reports;
using static LayerEntropy.Tests.Reports.SvgAxes;

namespace LayerEntropy.Tests.Reports;

/// <summary>The general line chart: gaps, looks, fixed ranges and stacked panels.</summary>
public class LineChartTests
{
    private static System.Xml.Linq.XDocument Draw(LineChartData data, int panels = 1)
    {
        var canvas = new SvgCanvas(LineChart.Width, LineChart.Height(panels));
        LineChart.Draw(canvas, data);
        return Parse(canvas.ToSvg());
    }

    private static readonly double[] Seven = [1, 2, 3, 4, 5, 6, 7];

    [Fact]
    public void NullValuesBreakTheLine()
    {
        var data = new LineChartData("t", new LineAxis("x", 0, 8), [new LinePanel("y", [new LineSeries("s", Seven, [1, 2, null, 3, 4, null, 5], new LineLook(Rgba.Black))])]);
        var svg = Draw(data);
        var s = Series(svg, "s");
        // Two runs of two points are lines; the last point stands alone, as a marker only.
        var lines = s.Elements(Svg + "polyline").ToArray();
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.Equal(2, l.Attribute("points")!.Value.Split(' ').Length));
        Assert.Equal(5, s.Elements(Svg + "circle").Count());
        var (x, y) = (Groups(svg, "x-axis").Single(), Groups(svg, "y-axis").Single());
        HasPoint(Circles(s), X(x, "4"), Y(y, 3));
        Assert.DoesNotContain(Circles(s), p => Math.Abs(p.X - X(x, "6")) < 1);
    }

    [Fact]
    public void APointLandsWhereTheAxesSayAndAFixedRangeHolds()
    {
        var series = new LineSeries("s", [2, 4], [3, 3.5], new LineLook(Rgba.Black));
        var svg = Draw(new LineChartData("t", new LineAxis("x", 0, 8), [new LinePanel("y", [series], (0, 10))]));
        var (x, y) = (Groups(svg, "x-axis").Single(), Groups(svg, "y-axis").Single());
        Assert.Equal(["0", "2", "4", "6", "8", "10"], TickLabels(y, x: false).Select(t => t.Label));
        Assert.Equal(["0", "2", "4", "6", "8"], TickLabels(x, x: true).Select(t => t.Label));
        HasPoint(Circles(Series(svg, "s")), X(x, "4"), Y(y, 3.5));
        // Without the fixed range the axis hugs the data.
        var free = Draw(new LineChartData("t", new LineAxis("x", 0, 8), [new LinePanel("y", [series])]));
        Assert.Equal("3.0", TickLabels(Groups(free, "y-axis").Single(), x: false)[0].Label);
    }

    [Fact]
    public void LooksDecideLinesMarkersDashesAndOpacity()
    {
        var x = new double[] { 1, 2, 3 };
        var panel = new LinePanel("y",
        [
            new LineSeries("dots", x, [1, 2, 3], new LineLook(Rgba.Black, Line: false)),
            new LineSeries("plain", x, [1, 2, 3], new LineLook(Rgba.Black, Dashed: true, Opacity: 0.5, Marker: LineMarker.None)),
            new LineSeries("squares", x, [1, 2, 3], new LineLook(Rgba.Black, Marker: LineMarker.Square)),
        ]);
        var svg = Draw(new LineChartData("t", new LineAxis("x", 0, 4), [panel]));
        Assert.Empty(Series(svg, "dots").Elements(Svg + "polyline"));
        Assert.Equal(3, Series(svg, "dots").Elements(Svg + "circle").Count());
        var plain = Series(svg, "plain");
        Assert.Empty(plain.Elements(Svg + "circle"));
        Assert.NotNull(plain.Element(Svg + "polyline")!.Attribute("stroke-dasharray"));
        Assert.Equal("0.5", (string?)plain.Element(Svg + "polyline")!.Attribute("stroke-opacity"));
        Assert.Equal(3, Series(svg, "squares").Elements(Svg + "rect").Count());
        // The legend has an entry per series; the dot plot's swatch is a dot.
        var legend = Groups(svg, "legend").Single();
        Assert.Equal(["dots", "plain", "squares"], legend.Elements(Svg + "text").Select(t => t.Value));
        Assert.Single(legend.Elements(Svg + "circle"));
    }

    [Fact]
    public void StackedPanelsShareTheXAxisAndKeepTheirOwnY()
    {
        var x = new double[] { 0, 4, 10 };
        var data = new LineChartData("t", new LineAxis("epoch", 0, 10),
        [
            new LinePanel("top", [new LineSeries("a", x, [10, 50, 90], new LineLook(Rgba.Black))]),
            new LinePanel("bottom", [new LineSeries("b", x, [0.9, 0.5, 0.4], new LineLook(Rgba.Black))]),
        ]);
        var svg = Draw(data, 2);
        var ys = Groups(svg, "y-axis");
        var xs = Groups(svg, "x-axis");
        Assert.Equal(2, ys.Length);
        Assert.Empty(TickLabels(xs[0], x: true));
        var bottomX = xs[1];
        // Both panels' points at x = 4 share one vertical; each panel maps y on its own axis, the top above the bottom.
        var a = Circles(Series(svg, "a"));
        var b = Circles(Series(svg, "b"));
        HasPoint(a, X(bottomX, "4"), Y(ys[0], 50));
        HasPoint(b, X(bottomX, "4"), Y(ys[1], 0.5));
        Assert.True(a.Max(p => p.Y) < b.Min(p => p.Y));
    }

    [Fact]
    public void ASinglePointSeriesGetsAMarker()
    {
        // The 1-layer sweep's reinit curve is one point, drawn in a look without markers (dashed and light).
        string svg = SweepFigures.Profiles(ExperimentFixture.Sweep(), LayerEntropy.Analysis.MeasureNames.Pattern, LayerEntropy.Analysis.MeasureNames.Mean)!.Svg!;
        var series = System.Xml.Linq.XDocument.Parse(svg).Descendants().Where(e => e.Name.LocalName == "g" && (string?)e.Attribute("class") == "series")
            .ToDictionary(g => g.Elements().First(e => e.Name.LocalName == "title").Value);
        var one = series["1 reinit"].Elements().Where(e => e.Name.LocalName == "circle").ToArray();
        Assert.Single(one);
        Assert.DoesNotContain(series["1 reinit"].Elements(), e => e.Name.LocalName == "polyline");
        // Longer curves of the same look keep their lines without markers.
        Assert.DoesNotContain(series["2 reinit"].Elements(), e => e.Name.LocalName == "circle");
        Assert.Single(series["2 reinit"].Elements(), e => e.Name.LocalName == "polyline");
    }

    [Fact]
    public void ADepthChartGivesALonePointAMarkerToo()
    {
        // A control whose curve has a value at the middle tap only, in a look without markers; and one with two values.
        var look = new LineLook(Style.Muted, Dashed: true, Marker: LineMarker.None);
        var data = new DepthChartData("t", "y", ["a", "b", "c"],
            [new DepthSeries("lone", [null, 0.5, null], Look: look), new DepthSeries("pair", [0.2, 0.3, null], Look: look)], null);
        var canvas = new SvgCanvas(DepthChart.Width, DepthChart.Height);
        DepthChart.Draw(canvas, data);
        var series = System.Xml.Linq.XDocument.Parse(canvas.ToSvg()).Descendants().Where(e => e.Name.LocalName == "g" && (string?)e.Attribute("class") == "series")
            .ToDictionary(g => g.Elements().First(e => e.Name.LocalName == "title").Value);
        Assert.Single(series["lone"].Elements(), e => e.Name.LocalName == "circle");
        Assert.DoesNotContain(series["pair"].Elements(), e => e.Name.LocalName == "circle");
    }
}
