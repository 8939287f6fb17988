using System.Text.Json;
using LayerEntropy.Experiments;
using LayerEntropy.Tests.Experiments;
using static LayerEntropy.Tests.Experiments.ComparisonFixtures;

namespace LayerEntropy.Tests.Cli;

/// <summary>`layerentropy compare` on hand-made analyses: the table, the sentence, the files, and one-line errors.</summary>
public class CompareCommandTests
{
    /// <summary>Last-layer pattern means: a 0.5, b 0, c 1 (units firing on 2 of 4 inputs carry 1 bit each).</summary>
    private static string[] ThreeRuns(TempDir dir) =>
    [
        Save(dir, "run-a", Run([2, 2], [2, 0])),
        Save(dir, "run-b", Run([2, 2], [0, 0])),
        Save(dir, "run-c", Run([2, 0], [2, 2])),
    ];

    [Fact]
    public void PrintsTheTableAndTheRanking()
    {
        using var dir = new TempDir();
        var paths = ThreeRuns(dir);
        // Accuracies rank (2, 3, 1) against scores (2, 1, 3): Σd² = 0+4+4 = 8, ρ = 1 − 48/24 = −1.
        var r = CliRunner.InProcess(["compare", .. paths, "--accuracy", "0.9,0.95,0.8"]);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("ranked by pattern entropy (mean) at the last layer, pooled set: run-b < run-a < run-c; Spearman ρ with test accuracy \u22121.00 over 3 runs", r.Output);
        Assert.Contains("pattern · mean (bits per unit), pooled set", r.Output);
        Assert.Contains("fc2_act", r.Output);
        Assert.Contains("95.00%", r.Output);
        Assert.DoesNotContain("\u001b[", r.Output);
        // Rows in rank order.
        Assert.True(r.Output.IndexOf("run-b", StringComparison.Ordinal) < r.Output.IndexOf("run-a", StringComparison.Ordinal));
        Assert.True(r.Output.IndexOf("run-a", StringComparison.Ordinal) < r.Output.IndexOf("run-c", StringComparison.Ordinal));
        Assert.Equal("", r.Error);
    }

    [Fact]
    public void JsonAndFilesCarryTheComparison()
    {
        using var dir = new TempDir();
        var paths = ThreeRuns(dir);
        string outDir = dir.File("cmp");
        var r = CliRunner.InProcess(["compare", .. paths, "--score", "mean", "--accuracy", "none", "--json", "-o", outDir]);
        Assert.True(r.ExitCode == 0, r.Error);
        using var json = JsonDocument.Parse(r.Output);
        Assert.Equal(["run-b", "run-a", "run-c"], json.RootElement.GetProperty("ranking").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("mean", json.RootElement.GetProperty("score").GetString());
        // Means: a 0.75, b 0.5, c 0.75: a and c tie for rank 2.
        Assert.Equal([2, 1, 2], json.RootElement.GetProperty("runs").EnumerateArray().Select(e => e.GetProperty("rank").GetInt32()));
        Assert.Equal(r.Output, File.ReadAllText(Path.Combine(outDir, ComparisonOutput.JsonFileName)));
        Assert.Equal(1 + 3 * 2, File.ReadAllLines(Path.Combine(outDir, ComparisonOutput.CsvFileName)).Length);
        Assert.Contains(ComparisonOutput.CsvFileName, r.Error);
    }

    [Fact]
    public void OtherMeasuresAndSetsAreChosenByOption()
    {
        using var dir = new TempDir();
        var paths = ThreeRuns(dir);
        var r = CliRunner.InProcess(["compare", .. paths, "--measure", "census", "--statistic", "dead", "--set", "zero", "--json"]);
        Assert.True(r.ExitCode == 0, r.Error);
        using var json = JsonDocument.Parse(r.Output);
        // Class zero holds the first two inputs: at the last tap b's two units and c's none are dead, a's second one.
        Assert.Equal([1.0, 2.0, 0.0], json.RootElement.GetProperty("runs").EnumerateArray().Select(e => e.GetProperty("score").GetDouble()));
        Assert.Equal("zero", json.RootElement.GetProperty("set").GetString());
    }

    [Fact]
    public void BadInputIsOneLineExitTwo()
    {
        using var dir = new TempDir();
        var paths = ThreeRuns(dir);
        string missing = dir.File("nowhere", "analysis.json");
        string notes = dir.Write("notes.json", "my notes\n"u8.ToArray());

        var one = CliRunner.InProcess("compare", paths[0]);
        Assert.Equal(2, one.ExitCode);
        Assert.Contains("at least two", one.Error);
        CliRunner.AssertOneLineError(CliRunner.InProcess("compare", paths[0], missing), missing, "file not found");
        CliRunner.AssertOneLineError(CliRunner.InProcess("compare", paths[0], notes), notes, "damaged or truncated JSON");
        CliRunner.AssertOneLineError(CliRunner.InProcess(["compare", .. paths, "--set", "cat"]), paths[0], "has no set 'cat'");
        CliRunner.AssertOneLineError(CliRunner.InProcess(["compare", .. paths, "--accuracy", "0.9,0.8"]), "2 accuracies given for 3 analyses", "");
        // As the user sees it: its own process, no stack trace.
        CliRunner.AssertOneLineError(CliRunner.AsProcess("compare", paths[1], notes), notes, "not");
    }
}
