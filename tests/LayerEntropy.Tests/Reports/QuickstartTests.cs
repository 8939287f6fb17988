using LayerEntropy.Analysis;
using LayerEntropy.Tests.Cli;
using Xunit.Abstractions;

namespace LayerEntropy.Tests.Reports;

/// <summary>
/// The README's first command, end to end on the real MNIST files: `quickstart` trains the MLP, analyses it and
/// writes the report, which Debian's headless chromium then opens from file://.
/// </summary>
public class QuickstartTests(QuickstartTests.Run run, ITestOutputHelper output) : IClassFixture<QuickstartTests.Run>
{
    /// <summary>One quickstart run shared by the tests (training takes most of it).</summary>
    public sealed class Run : IDisposable
    {
        private readonly TempDir dir = new();

        public Run()
        {
            Folder = dir.File("quickstart");
            var r = CliRunner.InProcess("quickstart", "-o", Folder, "--data-dir", TestData.Root);
            (ExitCode, Output, Error) = (r.ExitCode, r.Output, r.Error);
        }

        public string Folder { get; }
        public int ExitCode { get; }
        public string Output { get; }
        public string Error { get; }

        public void Dispose() => dir.Dispose();
    }

    [Fact]
    public void WritesTheModelTheDataTheFiguresAndTheReport()
    {
        Assert.True(run.ExitCode == 0, run.Error);
        string page = Path.Combine(run.Folder, "report.html");
        Assert.Contains($"report: {Path.GetFullPath(page)}", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"pattern entropy falls monotonically with depth for \d+ of 10 classes", run.Output);
        foreach (string f in new[] { "mlp.onnx", "mlp.state", "analysis.json", "measures.csv", "report.html" })
            Assert.True(File.Exists(Path.Combine(run.Folder, f)), f);
        var result = AnalysisJson.Load(Path.Combine(run.Folder, "analysis.json"));
        Assert.Equal(10_000, result.Manifest.Inputs);
        Assert.Equal(["fc1_act", "fc2_act", "fc3_act", "fc4_act", "fc5_act"], result.Manifest.Taps);
        var figures = Directory.GetFiles(Path.Combine(run.Folder, "figures")).Select(Path.GetFileName).ToArray();
        Assert.Contains("depth-pattern-mean.svg", figures);
        Assert.Contains("activations-0-0.png", figures);
        Assert.Equal(LayerEntropy.Reports.ReportFigures.All(result).Count, figures.Length);
    }

    /// <summary>
    /// Every interval of the real run holds its estimate, and a codeword or binned entropy within 1% of log M carries
    /// the saturation note instead of bounds (read from analysis.json as written, not through the reader).
    /// </summary>
    [Fact]
    public void NoIntervalExcludesItsEstimateAndSaturatedValuesCarryTheNote()
    {
        Assert.True(run.ExitCode == 0, run.Error);
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(run.Folder, "analysis.json")));
        int intervals = 0, saturated = 0;
        foreach (var tap in json.RootElement.GetProperty("taps").EnumerateArray())
            foreach (var set in tap.GetProperty("sets").EnumerateArray())
            {
                var values = set.GetProperty("values").EnumerateArray().ToArray();
                double? Number(System.Text.Json.JsonElement v, string name) =>
                    v.TryGetProperty(name, out var p) && p.ValueKind == System.Text.Json.JsonValueKind.Number ? p.GetDouble() : null;
                string where = $"{tap.GetProperty("name").GetString()}, {set.GetProperty("set").GetString()}";
                foreach (var v in values)
                {
                    string what = $"{where}, {v.GetProperty("measure").GetString()} {v.GetProperty("statistic").GetString()}";
                    double? value = Number(v, "value"), low = Number(v, "ci_low"), high = Number(v, "ci_high");
                    if (low is double lo && high is double hi)
                    {
                        intervals++;
                        Assert.True(lo <= value && value <= hi, $"{what}: {value} outside [{lo}, {hi}]");
                    }
                    string measure = v.GetProperty("measure").GetString()!;
                    if (measure is not (MeasureNames.Codeword or MeasureNames.Binned)) continue;
                    var normalized = values.First(x => x.GetProperty("measure").GetString() == measure && x.GetProperty("statistic").GetString() == MeasureNames.Normalized);
                    if (!(Number(normalized, "value") >= 0.99)) continue;
                    saturated++;
                    Assert.True(low is null && high is null, $"{what}: saturated, yet [{low}, {high}]");
                    Assert.Equal("saturated (M too small)", v.TryGetProperty("ci_note", out var note) ? note.GetString() : null);
                }
            }
        output.WriteLine($"{intervals} intervals, {saturated} saturated values");
        Assert.True(intervals > 0 && saturated > 0, $"{intervals} intervals, {saturated} saturated values");
    }

    [Fact]
    public async Task ReportOpensInChromiumWithoutErrorsAndIsNotBlank()
    {
        Assert.True(run.ExitCode == 0, run.Error);
        var page = await HeadlessBrowser.OpenAsync(Path.Combine(run.Folder, "report.html"));
        string shot = HeadlessBrowser.SaveScreenshot(page, "quickstart-report", output);
        Assert.True(page.Errors.Count == 0, string.Join("\n", page.Errors));
        var pixels = ScreenshotPixels.Measure(page.Png);
        output.WriteLine($"{shot}: {pixels}");
        Assert.False(pixels.LooksBlank, pixels.ToString());
        // Figures, tables and text, not a page of one heading: a good share of the pixels is not background.
        Assert.True(pixels.NonBackgroundFraction > 0.02, pixels.ToString());
        Assert.True(pixels.Height > 3000, $"a full report is long; the screenshot is {pixels.Height} pixels high");
    }

    [Fact]
    public void ASecondRunReusesTheModel()
    {
        Assert.True(run.ExitCode == 0, run.Error);
        string model = Path.Combine(run.Folder, "mlp.onnx");
        byte[] before = File.ReadAllBytes(model);
        var again = CliRunner.InProcess("quickstart", "-o", run.Folder, "--data-dir", TestData.Root);
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Contains("reusing", again.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(model));
    }
}
