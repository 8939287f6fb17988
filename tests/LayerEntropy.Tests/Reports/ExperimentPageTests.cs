using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using LayerEntropy.Analysis;
using LayerEntropy.Experiments;
using LayerEntropy.Reports;

namespace LayerEntropy.Tests.Reports;

/// <summary>The sweep and dynamics pages, and the folder each is written to.</summary>
public class ExperimentPageTests
{
    private const string Odd = "<b>&\"x'";
    private const string OddEscaped = "&lt;b&gt;&amp;&quot;x&#39;";

    /// <summary>Runs <paramref name="render"/> under a culture that writes decimal commas, where an unpinned number would show.</summary>
    private static string Commas(Func<string> render)
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = SvgCanvasTests.CommaCulture();
            return render();
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    private static void SelfContained(string html, int figures, string links)
    {
        Assert.Equal(figures, Regex.Matches(html, "<figure ").Count);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        foreach (Match m in Regex.Matches(html, "(src|href)=\"([^\"]*)\"")) Assert.Matches(links, m.Groups[2].Value);
        foreach (Match m in Regex.Matches(html, "<svg .*?</svg>", RegexOptions.Singleline)) XDocument.Parse(m.Value);
    }

    private static string Row(string html, string start) => Regex.Match(html, Regex.Escape(start) + ".*?</tr>").Value;

    [Fact]
    public void TheSweepTableSaysHowFarTheShuffledLabelsTwinsGot()
    {
        Assert.Equal("—", SweepPage.Fitted(null));
        TwinFit[] fits = [new(0.912, 37, 0.9, 100), new(0.73, 100, 0.9, 100)];
        Assert.Equal("1 of 2 <span class=\"ci\">(train accuracy 73.0–91.2 %, 37–100 epochs)</span>", SweepPage.Fitted(fits));
        Assert.Equal("1 of 1 <span class=\"ci\">(train accuracy 91.2 %, 37 epochs)</span>", SweepPage.Fitted(fits[..1]));
    }

    [Fact]
    public void OneSeedShowsItsValueWithoutASpread()
    {
        Assert.Equal("83.75 <span class=\"ci\">(1 seed)</span>", SweepPage.Accuracy(Spread.Of([0.8375])));
        Assert.Equal("83.75 ± 1.77 <span class=\"ci\">[82.50, 85.00]</span>", SweepPage.Accuracy(Spread.Of([0.825, 0.85])));
    }

    [Fact]
    public void SweepPageHighlightsTheRecommendationAndHoldsEveryDepth()
    {
        var r = ExperimentFixture.Sweep();
        var figures = SweepFigures.All(r);
        string html = Commas(() => SweepPage.Html(r, figures));
        Assert.Contains("<p class=\"finding\">Two FC layers: accuracy stops improving after 2 and pattern entropy saturates at ℓ* = 2.5 &lt;i&gt;here&lt;/i&gt;.</p>", html, StringComparison.Ordinal);
        SelfContained(html, figures.Count, "^(#|runs/d[123]-s[01]/report\\.html$)");
        Assert.Equal(6, Regex.Matches(html, "href=\"runs/").Count);
        // Depth 2: accuracy 95 and 97 % (mean 96, sd √2), shuffled labels 10 and 12 %; pooled pattern 0.80 and 0.81 at layer 1.
        string row = Row(html, "<tr><th>2</th>");
        Assert.Contains("<td>96.00 ± 1.41 <span class=\"ci\">[95.00, 97.00]</span></td>", row, StringComparison.Ordinal);
        Assert.Contains("<td>11.00 ± 1.41 <span class=\"ci\">[10.00, 12.00]</span></td>", row, StringComparison.Ordinal);
        Assert.Contains("<td>0.805 ± 0.007</td><td>0.605 ± 0.007</td><td></td>", row, StringComparison.Ordinal);
        Assert.Contains("<td>58,320</td>", row, StringComparison.Ordinal);
        // Pooled: both seeds monotonic; classes a (1 of 2 seeds) and b (2 of 2): 1.5 classes per seed; medians of {2, 1} and {1, 1}.
        // ℓ*: pooled median 1.5; per class over seeds × classes, trained {2, 1, 2, 1} → 1.5, reinit {1, 1, 1, 1} → 1.
        Assert.EndsWith("<td>2 of 2 seeds</td><td>1.5 of 2</td><td>1.5</td><td>1.5</td><td>1</td></tr>", row, StringComparison.Ordinal);
        Assert.EndsWith("<td>—</td><td>—</td></tr>", Row(html, "<tr><th>1</th>"), StringComparison.Ordinal);
        // The deepest head class by class: trained beside reinit (class a sits 0.05 above the pooled curve).
        Assert.Contains("<tr><th>a</th><td>0.855</td><td>0.655</td><td>0.455</td><td>0.945</td><td>0.935</td><td>0.925</td></tr>", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("id=\"settings\"", StringComparison.Ordinal) > html.IndexOf("id=\"models\"", StringComparison.Ordinal));
        Assert.DoesNotContain("shuffled labels<br>", SweepPage.Html(ExperimentFixture.Sweep(shuffled: false), []), StringComparison.Ordinal);
    }

    [Fact]
    public void SweepPageEscapesNames()
    {
        var r = ExperimentFixture.Sweep();
        var odd = r with
        {
            Classes = [Odd, "b"],
            Settings = r.Settings with { Training = r.Settings.Training with { Dataset = Odd } },
            Depths = [.. r.Depths.Select(d => d with { Spec = Odd, Curves = [.. d.Curves.Select(c => c.Set == "a" ? c with { Set = Odd } : c)] })],
        };
        string html = SweepPage.Html(odd, SweepFigures.All(odd));
        Assert.DoesNotContain("<b>&", html, StringComparison.Ordinal);
        Assert.Contains($"<tr><th>{OddEscaped}</th><td>0.855</td>", html, StringComparison.Ordinal);
        Assert.Contains($"<td class=\"text\">{OddEscaped}</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void DynamicsPageHoldsTheSummaryCheckpointsAndCorrelations()
    {
        var r = ExperimentFixture.Dynamics();
        var figures = DynamicsFigures.All(r);
        string html = Commas(() => DynamicsPage.Html(r, figures));
        Assert.Contains("<p class=\"finding\">Pattern entropy falls as test accuracy rises at every tap &lt;b&gt;now&lt;/b&gt;.</p>", html, StringComparison.Ordinal);
        SelfContained(html, figures.Count, "^(#|(controls/shuffled-labels/)?checkpoints/[a-z0-9-]+/report\\.html$)");
        Assert.Contains("<tr><th><a href=\"checkpoints/epoch-1/report.html\">epoch-1</a></th><td>1</td><td>469</td><td>91.00</td><td>90.00</td><td>0.700</td><td>0.500</td></tr>", html, StringComparison.Ordinal);
        // The twin's checkpoints lie in its own folder.
        Assert.Contains("href=\"controls/shuffled-labels/checkpoints/shuffled-epoch-2/report.html\"", html, StringComparison.Ordinal);
        // Spearman ρ, taps by measure: the trained run has both measures, its twin only pattern at fc2.
        string correlations = html[html.IndexOf("id=\"correlations\"", StringComparison.Ordinal)..html.IndexOf("id=\"figures\"", StringComparison.Ordinal)];
        Assert.Contains("<tr><th>fc1</th><td>-0.50</td><td>—</td></tr>", correlations, StringComparison.Ordinal);
        Assert.Contains("<tr><th>fc2</th><td>-1.00</td><td>-0.75</td></tr>", correlations, StringComparison.Ordinal);
        Assert.Contains("<tr><th>fc2</th><td>0.25</td></tr>", correlations, StringComparison.Ordinal);
    }

    [Fact]
    public void DynamicsPageEscapesNamesAndLinks()
    {
        var r = ExperimentFixture.Dynamics(twin: false);
        var odd = r with { Runs = [r.Runs[0] with { Checkpoints = [.. r.Runs[0].Checkpoints.Select((c, i) => i == 1 ? c with { Name = "a b/<c>" } : c)] }], Taps = ["fc1", Odd] };
        string html = DynamicsPage.Html(odd, DynamicsFigures.All(odd));
        Assert.DoesNotContain("<b>&", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"checkpoints/a%20b/%3Cc%3E/report.html\">a b/&lt;c&gt;</a>", html, StringComparison.Ordinal);
        Assert.Contains($"<th>{OddEscaped}<br><span>pattern mean</span></th>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteSweepWritesThePageAndEveryFigure()
    {
        using var dir = new TempDir();
        var r = ExperimentFixture.Sweep();
        string folder = dir.File("sweep");
        var written = ExperimentOutput.WriteSweep(r, folder);
        var figures = SweepFigures.All(r);
        Assert.Equal([Path.Combine(folder, "report.html"), .. figures.Select(f => Path.Combine(folder, "figures", f.Name + ".svg"))], written);
        Assert.Equal(["sweep/figures/sweep-accuracy.svg", "sweep/figures/sweep-profiles-codeword-normalized.svg", "sweep/figures/sweep-profiles-pattern-mean.svg",
            "sweep/figures/sweep-saturation.svg", "sweep/report.html"], dir.Files().Select(f => f.Replace('\\', '/')));
        Assert.Equal(SweepPage.Html(r, figures), File.ReadAllText(written[0]));
        foreach (var f in figures) Assert.Equal(f.Bytes(), File.ReadAllBytes(Path.Combine(folder, "figures", f.FileName)));
    }

    [Fact]
    public void WriteDynamicsWritesThePageAndEveryFigure()
    {
        using var dir = new TempDir();
        var r = ExperimentFixture.Dynamics();
        var written = ExperimentOutput.WriteDynamics(r, dir.Path);
        Assert.Equal(["figures/dynamics-codeword-normalized.svg", "figures/dynamics-pattern-mean.svg", "report.html"], dir.Files().Select(f => f.Replace('\\', '/')));
        Assert.Equal(3, written.Count);
        Assert.Equal(DynamicsPage.Html(r, DynamicsFigures.All(r)), File.ReadAllText(Path.Combine(dir.Path, "report.html")));
        XDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "figures", "dynamics-pattern-mean.svg")));
    }

    [Theory]
    [InlineData("sweep")]
    [InlineData("dynamics")]
    public void AFailedWriteLeavesTheEarlierReportByteForByte(string kind)
    {
        using var dir = new TempDir();
        string page = dir.Write("report.html", "earlier report"u8.ToArray());
        dir.Write("figures", "a file where the figures folder should go"u8.ToArray());
        var before = new FolderSnapshot(dir.Path);
        var e = Assert.Throws<LayerEntropyException>(() =>
        {
            if (kind == "sweep") ExperimentOutput.WriteSweep(ExperimentFixture.Sweep(), dir.Path);
            else ExperimentOutput.WriteDynamics(ExperimentFixture.Dynamics(), dir.Path);
        });
        Assert.DoesNotContain('\n', e.Message);
        Assert.StartsWith(page + ": cannot write the report", e.Message, StringComparison.Ordinal);
        before.AssertUnchanged();
    }
}
