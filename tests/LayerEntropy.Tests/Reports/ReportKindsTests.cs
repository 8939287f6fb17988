using System.Text.RegularExpressions;
using System.Xml.Linq;
using LayerEntropy.Experiments;
using LayerEntropy.Reports;
using LayerEntropy.Tests.Cli;
using LayerEntropy.Tests.Experiments;
using Xunit.Abstractions;

namespace LayerEntropy.Tests.Reports;

/// <summary>`report` on each kind of JSON the program writes: sweep.json, dynamics.json and comparison.json, and on JSON of none of them.</summary>
public class ReportKindsTests(ITestOutputHelper output)
{
    /// <summary>The reduced sweep and dynamics runs' stored outputs (Experiments/Golden), as the commands wrote them.</summary>
    private static string Golden(string name) => Path.Combine(AppContext.BaseDirectory, "Experiments", "Golden", name);

    /// <summary>Four runs of two taps with accuracies 0.90, 0.97, 0.98, 0.95 (CompareTests works their ranks and ρ = −0.8 out by hand).</summary>
    private static string Comparison(TempDir dir)
    {
        int[][][] four = [[[1, 0], [2, 2]], [[2, 2], [1, 0]], [[2, 1], [2, 0]], [[2, 0], [1, 1]]];
        string[] paths = [.. four.Select((f, i) => ComparisonFixtures.Save(dir, $"r{i + 1}", ComparisonFixtures.Run(f)))];
        var result = ModelComparison.Compare(paths, new ComparisonOptions { Accuracy = AccuracySource.Given, Accuracies = [0.90, 0.97, 0.98, 0.95] });
        return ComparisonOutput.Write(result, dir.File("cmp"))[0];
    }

    private static string Page(TempDir dir, string kind) => kind switch
    {
        "sweep" => dir.Copy(Golden("sweep-mnist-mlp.json"), "in/sweep.json"),
        "dynamics" => dir.Copy(Golden("dynamics-mnist-mlp.json"), "in/dynamics.json"),
        _ => Comparison(dir),
    };

    [Theory]
    [InlineData("sweep", "FC depth sweep: mnist", "sweep-accuracy.svg")]
    [InlineData("dynamics", "Training dynamics", "dynamics-")]
    [InlineData("comparison", "Comparison of 4 runs by pattern (mean)", "comparison-scatter.svg")]
    public void ReportDrawsThePageOfEachKind(string kind, string title, string figure)
    {
        using var dir = new TempDir();
        string json = Page(dir, kind);
        string page = dir.File("out", "page.html");
        var r = CliRunner.InProcess("report", json, "-o", page);
        Assert.True(r.ExitCode == 0, r.Error);
        string html = File.ReadAllText(page);
        Assert.Contains(title, html, StringComparison.Ordinal);
        foreach (Match m in Regex.Matches(html, "<svg .*?</svg>", RegexOptions.Singleline)) XDocument.Parse(m.Value);
        var figures = Directory.GetFiles(dir.File("out", "figures")).Select(Path.GetFileName).ToArray();
        Assert.Contains(figures, f => f!.StartsWith(figure, StringComparison.Ordinal));
        Assert.Equal(Regex.Matches(html, "<figure ").Count, figures.Length);
    }

    [Fact]
    public void ComparisonPageRanksTheRunsBesideTheirAccuracy()
    {
        using var dir = new TempDir();
        var result = ComparisonOutput.Load(Comparison(dir));
        string html = ComparisonPage.Html(result, ComparisonFigures.All(result));
        // Last-tap scores 1, 0.406, 0.5, 0.811 rank r2, r3, r4, r1; ρ between score and accuracy is −0.8 (CompareTests).
        var rows = Regex.Matches(html, "<tr><th>(\\d)</th><td class=\"text\">(r\\d)</td><td>([0-9.]+)</td><td>([0-9.]+)").Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[4].Value)).ToArray();
        Assert.Equal([("1", "r2", "97.00"), ("2", "r3", "98.00"), ("3", "r4", "95.00"), ("4", "r1", "90.00")], rows);
        Assert.Contains("<strong>-0.80</strong>", html, StringComparison.Ordinal);
        // The scatter has a dot per run.
        string scatter = ComparisonFigures.All(result)[0].Svg!;
        Assert.Equal(4, Regex.Matches(scatter, "<g class=\"series\"><title>#\\d r\\d</title>\\s*<circle ").Count);
    }

    [Fact]
    public async Task ComparisonPageOpensInChromiumWithoutErrors()
    {
        using var dir = new TempDir();
        string page = dir.File("cmp", "report.html");
        Assert.Equal(0, CliRunner.InProcess("report", Comparison(dir)).ExitCode);
        var check = await HeadlessBrowser.OpenAsync(page);
        HeadlessBrowser.SaveScreenshot(check, "comparison-report", output);
        Assert.True(check.Errors.Count == 0, string.Join("\n", check.Errors));
        Assert.False(ScreenshotPixels.Measure(check.Png).LooksBlank);
    }

    [Theory]
    [InlineData("{\"schema_version\": 1, \"tool\": \"other\"}")]
    [InlineData("[1, 2]")]
    public void JsonOfNoKnownKindIsOneLineExitTwoAndWritesNothing(string text)
    {
        using var dir = new TempDir();
        string json = dir.Write("other.json", System.Text.Encoding.UTF8.GetBytes(text));
        var r = CliRunner.InProcess("report", json, "-o", dir.File("out", "report.html"));
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.Error.TrimEnd().Split('\n'));
        Assert.Contains("other.json", r.Error, StringComparison.Ordinal);
        Assert.Equal(["other.json"], dir.Files());
    }
}
