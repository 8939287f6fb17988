using System.Text.Json.Nodes;
using LayerEntropy.Tests.Cli;

namespace LayerEntropy.Tests.Analysis;

/// <summary>
/// `report` on an analysis.json that contradicts itself: refused on read with one line naming the file and the place
/// (exit 2), and nothing written; never a failure inside the report, and never a report of numbers that do not fit.
/// </summary>
public sealed class DamagedAnalysisTests : IClassFixture<AnalysedTinyModel>
{
    private readonly AnalysedTinyModel model;

    public DamagedAnalysisTests(AnalysedTinyModel model) => this.model = model;

    /// <summary>Writes the real analysis.json, spoiled by <paramref name="spoil"/>, into <paramref name="dir"/> and runs report on it.</summary>
    private CliRunner.Result Report(TempDir dir, Action<JsonNode> spoil)
    {
        var root = JsonNode.Parse(File.ReadAllText(model.AnalysisJson))!;
        spoil(root);
        string path = dir.Write("analysis.json", System.Text.Encoding.UTF8.GetBytes(root.ToJsonString()));
        var snapshot = new FolderSnapshot(dir.Path);
        var r = CliRunner.InProcess("report", path, "-o", dir.File("report.html"));
        if (r.ExitCode != 0) snapshot.AssertUnchanged();
        return r;
    }

    [Fact]
    public void AFirstBreakPastTheLastTapIsRefusedNamingIt()
    {
        using var dir = new TempDir();
        var r = Report(dir, root =>
        {
            var finding = root["findings"]![0]!;
            finding["monotonic"] = false;
            finding["first_break"] = 99;
        });
        CliRunner.AssertOneLineError(r, dir.File("analysis.json"), "findings[0].first_break is 99");
    }

    [Fact]
    public void NullUnitsOfASetWithInputsAreRefusedNamingThem()
    {
        using var dir = new TempDir();
        var r = Report(dir, root => root["taps"]![0]!["sets"]![0]!["units"] = null);
        CliRunner.AssertOneLineError(r, dir.File("analysis.json"), "taps[0].sets[0].units is null");
    }

    [Fact]
    public void ASampleWithTooFewTapsIsRefusedNamingIt()
    {
        using var dir = new TempDir();
        var r = Report(dir, root => root["samples"]!["inputs"]![0]!["taps"]!.AsArray().RemoveAt(1));
        CliRunner.AssertOneLineError(r, dir.File("analysis.json"), "samples.inputs[0].taps has 1 entries, but there are 2 taps");
    }

    [Fact]
    public void AMissingSetOfATapIsRefusedNamingIt()
    {
        using var dir = new TempDir();
        var r = Report(dir, root => root["taps"]![1]!["sets"]!.AsArray().RemoveAt(0));
        CliRunner.AssertOneLineError(r, dir.File("analysis.json"), "taps[1].sets has 10 entries, but there are 11 sets");
    }

    [Fact]
    public void AMissingMemberIsRefusedNamingIt()
    {
        using var dir = new TempDir();
        var r = Report(dir, root => root.AsObject().Remove("findings"));
        CliRunner.AssertOneLineError(r, dir.File("analysis.json"), "'findings'");
    }

    [Fact]
    public void AFindingOfAnUnknownSetIsRefusedNamingIt()
    {
        using var dir = new TempDir();
        var r = Report(dir, root => root["findings"]![0]!["set"] = "no such set");
        CliRunner.AssertOneLineError(r, dir.File("analysis.json"), "findings[0].set 'no such set' is none of the sets");
    }

    [Fact]
    public void AUnitListShorterThanTheTapIsRefusedNamingIt()
    {
        using var dir = new TempDir();
        var r = Report(dir, root => root["taps"]![0]!["sets"]![10]!["units"]!["entropy"]!.AsArray().RemoveAt(0));
        CliRunner.AssertOneLineError(r, dir.File("analysis.json"), "taps[0].sets[10].units.entropy has 15 values, but the tap has 16 units");
    }

    [Fact]
    public void TheUnspoiledFileDrawsItsReport()
    {
        using var dir = new TempDir();
        var r = Report(dir, _ => { });
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.True(File.Exists(dir.File("report.html")));
    }

    /// <summary>
    /// Every spoiled file is either still a consistent analysis (a changed name, a value still in range), drawn,
    /// or refused with one line naming it: never exit 1, never a stack trace, never a half-written output.
    /// </summary>
    [Fact]
    public void SpoiledFilesAreDrawnOrRefusedNamingTheFile()
    {
        string text = File.ReadAllText(model.AnalysisJson);
        var failures = new List<string>();
        int refused = 0;
        for (int seed = 0; seed < 150; seed++)
        {
            using var dir = new TempDir();
            var (spoiled, what) = JsonMutation.Apply(text, seed);
            string path = dir.Write("analysis.json", System.Text.Encoding.UTF8.GetBytes(spoiled));
            var snapshot = new FolderSnapshot(dir.Path);
            var r = CliRunner.InProcess("report", path, "-o", dir.File("report.html"));
            if (r.ExitCode == 0) continue;
            refused++;
            string[] lines = r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (r.ExitCode != 2 || lines.Length != 1 || !lines[0].Contains(path, StringComparison.Ordinal) || r.Error.Contains("   at ", StringComparison.Ordinal))
                failures.Add($"seed {seed} ({what}): exit {r.ExitCode}: {r.Error.Trim()}");
            else snapshot.AssertUnchanged();
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(refused > 50, $"only {refused} of 150 spoiled files were refused: the mutations hardly spoil anything");
    }
}
