using System.Text.RegularExpressions;
using System.Xml.Linq;
using LayerEntropy.Analysis;
using LayerEntropy.Reports;
using LayerEntropy.Tests.Cli;

namespace LayerEntropy.Tests.Reports;

/// <summary>The report page: its snapshot, its self-containment, and the report command's handling of bad input.</summary>
public class ReportPageTests
{
    [Fact]
    public void ReportOfTheFixedAnalysisMatchesTheSnapshot()
    {
        var result = ReportFixture.Load();
        Snapshots.Match("report.html", ReportPage.Html(result));
    }

    [Fact]
    public void PageIsSelfContainedWithEveryFigureInline()
    {
        var result = ReportFixture.Load();
        var figures = ReportFigures.All(result);
        string html = ReportPage.Html(result, figures);
        Assert.Equal(figures.Count, Regex.Matches(html, "<figure ").Count);
        Assert.Equal(figures.Count(f => f.Png is not null), Regex.Matches(html, "src=\"data:image/png;base64,").Count);
        Assert.Equal(figures.Count(f => f.Svg is not null), Regex.Matches(html, "<svg ").Count);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        // Nothing to fetch: every src is a data URI, every link a local file or an anchor.
        foreach (Match m in Regex.Matches(html, "(src|href)=\"([^\"]*)\""))
            Assert.Matches("^(data:image/png;base64,|#|analysis\\.json$|measures\\.csv$)", m.Groups[2].Value);
        Assert.Contains(result.Summary[1..], html, StringComparison.Ordinal);
        // A section per headline measure and per tap, the manifest last.
        foreach (var (measure, _) in MeasureNames.Headline) Assert.Contains($"id=\"measure-{measure}\"", html, StringComparison.Ordinal);
        foreach (var t in result.Taps) Assert.Contains($"id=\"tap-{t.Depth}\"", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("id=\"manifest\"", StringComparison.Ordinal) > html.IndexOf("id=\"summary\"", StringComparison.Ordinal));
        // Every inline SVG is well-formed XML on its own.
        foreach (Match m in Regex.Matches(html, "<svg .*?</svg>", RegexOptions.Singleline)) XDocument.Parse(m.Value);
    }

    [Fact]
    public void TextFromTheResultIsEscaped()
    {
        var result = ReportFixture.Load();
        var odd = result with
        {
            Sets = [.. result.Sets.Select((s, i) => i == 0 ? s with { Name = "<b>&\"x'" } : s)],
            Taps = [.. result.Taps.Select(t => t with { Sets = [.. t.Sets.Select(s => s.Set == "zero" ? s with { Set = "<b>&\"x'" } : s)] })],
            Samples = result.Samples! with { Inputs = [.. result.Samples.Inputs.Select(x => x.Set == "zero" ? x with { Set = "<b>&\"x'" } : x)] },
        };
        string html = ReportPage.Html(odd);
        Assert.DoesNotContain("<b>&", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;&amp;&quot;x&#39;", html, StringComparison.Ordinal);
        foreach (Match m in Regex.Matches(html, "<svg .*?</svg>", RegexOptions.Singleline)) XDocument.Parse(m.Value);
    }

    [Fact]
    public void ReportCommandRedrawsThePageAndFiguresFromTheJson()
    {
        using var dir = new TempDir();
        string json = dir.Copy(ReportFixture.JsonPath, "run/analysis.json");
        ReportFixture.Load();
        var r = CliRunner.InProcess("report", json, "-o", dir.File("pages", "report.html"), "--figures", dir.File("figs"));
        Assert.True(r.ExitCode == 0, r.Error);
        string html = File.ReadAllText(dir.File("pages", "report.html"));
        Assert.Contains("href=\"../run/analysis.json\"", html, StringComparison.Ordinal);
        var names = ReportFigures.All(AnalysisJson.Load(json)).Select(f => f.FileName).Order(StringComparer.Ordinal);
        Assert.Equal(names, Directory.GetFiles(dir.File("figs")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        // Without -o the page goes beside the JSON.
        Assert.Equal(0, CliRunner.InProcess("report", json).ExitCode);
        Assert.Contains("href=\"analysis.json\"", File.ReadAllText(dir.File("run", "report.html")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("newer", "written by a newer LayerEntropy (schema version 99")]
    [InlineData("truncated", "damaged or truncated JSON")]
    [InlineData("missing", "file not found")]
    public void BadJsonIsOneLineExitTwoAndLeavesTheEarlierReport(string kind, string message)
    {
        using var dir = new TempDir();
        string text = File.ReadAllText(ReportFixture.JsonPath);
        string json = dir.File("analysis.json");
        if (kind == "newer") File.WriteAllText(json, text.Replace("\"schema_version\": 1", "\"schema_version\": 99", StringComparison.Ordinal));
        if (kind == "truncated") File.WriteAllText(json, text[..(text.Length / 2)]);
        string page = dir.Write("report.html", "earlier report"u8.ToArray());
        var r = CliRunner.InProcess("report", json, "-o", page);
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.Error.TrimEnd().Split('\n'));
        Assert.Contains(message, r.Error, StringComparison.Ordinal);
        Assert.Contains("analysis.json", r.Error, StringComparison.Ordinal);
        Assert.Equal("earlier report", File.ReadAllText(page));
        Assert.Equal(kind == "missing" ? ["report.html"] : ["analysis.json", "report.html"], dir.Files());
    }

    [Fact]
    public void AFailedWriteLeavesTheEarlierReportWhole()
    {
        using var dir = new TempDir();
        string page = dir.Write("report.html", "earlier report"u8.ToArray());
        string blocked = dir.Write("figs", "a file where the figures folder should go"u8.ToArray());
        var r = CliRunner.InProcess("report", ReportFixture.JsonPath, "-o", page, "--figures", blocked);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Single(r.Error.TrimEnd().Split('\n'));
        Assert.Equal("earlier report", File.ReadAllText(page));
        Assert.Equal(["figs", "report.html"], dir.Files());
    }
}
