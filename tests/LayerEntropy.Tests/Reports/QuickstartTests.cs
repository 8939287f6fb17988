using System.Globalization;
using System.Text.RegularExpressions;
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
        Assert.Matches(@"per class, pattern entropy falls over fc1_act–fc\d_act", run.Output);
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
    public void TheHeadlineNamesTheTapsAndNumbersTheFindingsGive()
    {
        Assert.True(run.ExitCode == 0, run.Error);
        var result = AnalysisJson.Load(Path.Combine(run.Folder, "analysis.json"));
        string summary = result.Summary;
        output.WriteLine(summary);
        Assert.Contains(Words(summary), Words(run.Output), StringComparison.Ordinal);
        string[] taps = [.. result.Taps.OrderBy(t => t.Depth).Select(t => t.Name)];
        var pattern = result.Findings.Where(f => f.Measure == MeasureNames.Pattern && f.Statistic == MeasureNames.Mean).ToArray();
        var classes = pattern.Where(f => f.Set != InputSet.PooledName).ToArray();
        var pooled = pattern.Single(f => f.Set == InputSet.PooledName);
        Assert.Equal(10, classes.Length);

        // Per class: the median ℓ* (the lower middle value) over the classes whose curve falls by more than 0.02 bits per unit.
        var falling = classes.Where(f => f.Values[0]!.Value - f.Values[^1]!.Value > 0.02).ToArray();
        int[] depths = [.. falling.Select(f => f.SaturationDepth!.Value).Order()];
        int star = depths[(depths.Length - 1) / 2];
        var m = Regex.Match(summary, @"^per class, pattern entropy falls over (\S+)–(\S+) (and levels off after (\S+)|without levelling off) \(ℓ\* = (\d) of (\d) FC layers, the median over (all 10 classes|the (\d+) of 10 classes whose curve falls)\)");
        Assert.True(m.Success, summary);
        Assert.Equal(taps[0], m.Groups[1].Value);
        Assert.Equal(taps[star - 1], m.Groups[2].Value);
        if (star < taps.Length) Assert.Equal(taps[star - 1], m.Groups[4].Value);
        else Assert.Equal("without levelling off", m.Groups[3].Value);
        Assert.Equal(star, int.Parse(m.Groups[5].Value, CultureInfo.InvariantCulture));
        Assert.Equal(taps.Length, int.Parse(m.Groups[6].Value, CultureInfo.InvariantCulture));
        Assert.Equal(falling.Length == 10 ? "all 10 classes" : $"the {falling.Length} of 10 classes whose curve falls", m.Groups[7].Value);

        int never = classes.Count(f => f.Monotonic == true);
        var rises = Regex.Match(summary, @"; (\d+) of 10 classes never rise, the others? first rises? at ([^;]+);|; no class rises from one layer to the next;|; every class rises at some layer \(first at ([^)]+)\);");
        Assert.True(rises.Success, summary);
        if (never is > 0 and < 10)
        {
            Assert.Equal(never, int.Parse(rises.Groups[1].Value, CultureInfo.InvariantCulture));
            string[] named = [.. rises.Groups[2].Value.Replace(" or ", ", ", StringComparison.Ordinal).Split(", ")];
            Assert.Equal(classes.Where(f => f.FirstBreak is not null).Select(f => taps[f.FirstBreak!.Value - 1]).Distinct().Order(StringComparer.Ordinal), named.Order(StringComparer.Ordinal));
        }
        else Assert.StartsWith(never == 10 ? "; no class" : "; every class", rises.Value, StringComparison.Ordinal);

        // Pooled: the numbers named are the curve's range, or its first and last values.
        double[] h = [.. pooled.Values.Select(v => v!.Value)];
        var p = Regex.Match(summary, @"pooled, it (stays within|falls from|rises from|goes up and down between) (\d\.\d\d)(?:–| to | and )(\d\.\d\d) bits per unit");
        Assert.True(p.Success, summary);
        double a = double.Parse(p.Groups[2].Value, CultureInfo.InvariantCulture), b = double.Parse(p.Groups[3].Value, CultureInfo.InvariantCulture);
        bool range = p.Groups[1].Value is "stays within" or "goes up and down between";
        Assert.Equal(range ? h.Min() : h[0], a, 0.005);
        Assert.Equal(range ? h.Max() : h[^1], b, 0.005);
        if (p.Groups[1].Value == "stays within") Assert.True(h.Max() - h.Min() <= h.Max() / 4, summary);
        if (p.Groups[1].Value == "falls from") Assert.DoesNotContain(h.Zip(h.Skip(1)), s => s.Second - s.First > 0.02);
    }

    [Fact]
    public void NotesComeOncePerMeasureAndTheDefaultOutputLeadsWithThePatternTable()
    {
        Assert.True(run.ExitCode == 0, run.Error);
        var result = AnalysisJson.Load(Path.Combine(run.Folder, "analysis.json"));
        var measures = result.Warnings.Select(w => w.Split(':')[0]).ToArray();
        Assert.Equal(measures.Distinct().Count(), measures.Length);
        Assert.All(measures, m => Assert.Contains(m, new[] { MeasureNames.Codeword, MeasureNames.Binned }));
        // The test set's classes hold about 1,000 inputs: at fc1_act (512 units) every codeword is its own.
        Assert.Matches(@"^codeword: within 1% of log M for \d+ of 55 tap and set pairs \(too few inputs to tell\)$", result.Warnings.First(w => w.StartsWith("codeword", StringComparison.Ordinal)));
        string page = File.ReadAllText(Path.Combine(run.Folder, "report.html"));
        Assert.Equal(result.Warnings.Count, Regex.Matches(page, "class=\"warning\"").Count);

        Assert.Contains("pattern · mean (bits per unit)", run.Output, StringComparison.Ordinal);
        Assert.Contains("accuracy on the analysed inputs: ", run.Output, StringComparison.Ordinal);
        foreach (string other in new[] { "codeword ·", "magnitude ·", "binned ·", "label-information ·", "census ·" })
            Assert.DoesNotContain(other, run.Output, StringComparison.Ordinal);
        Assert.True(run.Output.IndexOf("pattern · mean", StringComparison.Ordinal) < run.Output.IndexOf("per class, pattern entropy", StringComparison.Ordinal));
    }

    private static string Words(string text) => Regex.Replace(text, @"\s+", " ");

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
