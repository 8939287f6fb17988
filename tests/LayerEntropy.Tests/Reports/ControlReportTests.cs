using System.Globalization;
using System.Text.RegularExpressions;
using LayerEntropy.Analysis;
using LayerEntropy.Reports;
using static LayerEntropy.Tests.Reports.SvgAxes;

namespace LayerEntropy.Tests.Reports;

/// <summary>An analysis with controls: their curves in the depth charts and their section of the report; without controls, nothing changes.</summary>
public class ControlReportTests
{
    [Fact]
    public void AnEmptyControlListRendersAsNone()
    {
        var r = ReportFixture.Load();
        var empty = r with { Controls = [] };
        Assert.Null(r.Controls);
        Assert.Equal(ReportPage.Html(r), ReportPage.Html(empty));
        Assert.Equal(ReportFigures.All(r).Select(f => f.Bytes()), ReportFigures.All(empty).Select(f => f.Bytes()));
    }

    [Fact]
    public void DepthChartsDrawEachControlsPooledCurveDashed()
    {
        var r = ExperimentFixture.WithControls(ReportFixture.Load());
        var figure = ReportFigures.Depth(r, MeasureNames.Pattern, MeasureNames.Mean)!;
        var svg = Parse(figure.Svg!);
        // Three classes and the pooled set, then the two controls.
        Assert.Equal(6, Groups(svg, "series").Length);
        var (x, y) = (Groups(svg, "x-axis").Single(), Groups(svg, "y-axis").Single());
        var reinit = Series(svg, "reinit control (pooled)");
        var circles = Circles(reinit);
        Assert.Equal(r.Taps.Count, circles.Length);
        foreach (var t in r.Taps) HasPoint(circles, X(x, t.Name), Y(y, 0.9));
        Assert.NotNull(reinit.Element(Svg + "polyline")!.Attribute("stroke-dasharray"));
        var shuffled = Series(svg, "shuffled-labels control (pooled)").Element(Svg + "polyline")!;
        Assert.NotNull(shuffled.Attribute("stroke-dasharray"));
        double[] ys = [.. shuffled.Attribute("points")!.Value.Split(' ').Select(p => double.Parse(p.Split(',')[1], CultureInfo.InvariantCulture))];
        Assert.All(ys, v => Assert.Equal(Y(y, 0.6), v, 2));
        Assert.Contains("controls (reinit, shuffled-labels)", figure.Caption, StringComparison.Ordinal);
        Assert.Contains("reinit control (pooled)", Groups(svg, "legend").Single().Value, StringComparison.Ordinal);
        // The controls hold no label information: that chart stays as it was.
        Assert.Equal(ReportFigures.Depth(ReportFixture.Load(), MeasureNames.LabelInformation, MeasureNames.Mean)!.Svg,
            ReportFigures.Depth(r, MeasureNames.LabelInformation, MeasureNames.Mean)!.Svg);
    }

    [Fact]
    public void ReportPageHasAControlsSectionAfterTheSummary()
    {
        var r = ExperimentFixture.WithControls(ReportFixture.Load());
        string html = ReportPage.Html(r);
        Assert.Contains("<a href=\"#summary\">summary</a> · <a href=\"#controls\">controls</a>", html, StringComparison.Ordinal);
        int summary = html.IndexOf("id=\"summary\"", StringComparison.Ordinal), controls = html.IndexOf("id=\"controls\"", StringComparison.Ordinal);
        Assert.True(summary < controls && controls < html.IndexOf("id=\"measure-pattern\"", StringComparison.Ordinal));
        string section = html[controls..html.IndexOf("</section>", controls, StringComparison.Ordinal)];
        // Kind, description (escaped), accuracy where known, monotonic, ℓ* and the link to the control's own report.
        var model = r.Findings.Single(f => f.Measure == MeasureNames.Pattern && f.Statistic == MeasureNames.Mean && f.Set == InputSet.PooledName);
        string star = model.SaturationDepth is int s ? $"{s} of {r.Taps.Count}" : "—";
        Assert.Contains($"<td>{(model.Monotonic == true ? "yes" : "no")}</td><td>{star}</td><td>this page</td>", section, StringComparison.Ordinal);
        Assert.Contains("<th>reinit</th><td style=\"text-align: left; white-space: normal\">the same graph with fresh weights &lt;i&gt;seeded&lt;/i&gt;</td><td>—</td><td>yes</td><td>—</td>"
            + "<td><a href=\"controls/reinit/report.html\">report</a></td>", section, StringComparison.Ordinal);
        Assert.Contains("<td>11.35%</td>", section, StringComparison.Ordinal);
        Assert.Contains("href=\"controls/shuffled-labels/report.html\"", section, StringComparison.Ordinal);
        // Per tap: the model's pooled pattern entropy beside each control's.
        var first = r.Taps[0];
        double value = r.Find(first.Name, InputSet.PooledName, MeasureNames.Pattern, MeasureNames.Mean)!.Value!.Value;
        Assert.Contains($"<tr><th>{first.Name}</th><td>{value.ToString("0.000", CultureInfo.InvariantCulture)}</td><td>0.900</td><td>0.600</td></tr>", section, StringComparison.Ordinal);
        // Links follow the analysis folder when the page lies elsewhere.
        Assert.Contains("href=\"../run/controls/reinit/report.html\"", ReportPage.Html(r, dataFolder: "../run"), StringComparison.Ordinal);
        Assert.Empty(Regex.Matches(html, "<script", RegexOptions.IgnoreCase));
    }
}
