using System.Text.Json.Nodes;
using static LayerEntropy.Tests.Experiments.ComparisonFixtures;

namespace LayerEntropy.Tests.Cli;

/// <summary>`report` on a comparison.json that is damaged or contradicts itself: one line naming the file and the place, exit 2, nothing written.</summary>
public sealed class DamagedComparisonTests
{
    /// <summary>A real comparison.json of three hand-made runs, spoiled by <paramref name="spoil"/>, and report's answer to it.</summary>
    private static (CliRunner.Result Result, string Path) Report(TempDir dir, Action<JsonNode> spoil)
    {
        string[] runs = [Save(dir, "run-a", Run([2, 2], [2, 0])), Save(dir, "run-b", Run([2, 2], [0, 0])), Save(dir, "run-c", Run([2, 0], [2, 2]))];
        var compare = CliRunner.InProcess(["compare", .. runs, "--accuracy", "0.9,0.8,0.7", "-o", dir.File("cmp")]);
        Assert.True(compare.ExitCode == 0, compare.Error);
        string path = dir.File("cmp", "comparison.json");
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        spoil(root);
        File.WriteAllText(path, root.ToJsonString());
        var snapshot = new FolderSnapshot(dir.Path);
        var r = CliRunner.InProcess("report", path, "-o", dir.File("cmp", "report.html"));
        if (r.ExitCode != 0) snapshot.AssertUnchanged();
        return (r, path);
    }

    [Fact]
    public void ANullRunIsRefusedNamingIt()
    {
        using var dir = new TempDir();
        var (r, path) = Report(dir, root => root["runs"]![1] = null);
        CliRunner.AssertOneLineError(r, path, "runs[1] is missing (null)");
    }

    [Fact]
    public void ACurveShorterThanItsTapsIsRefusedNamingIt()
    {
        using var dir = new TempDir();
        var (r, path) = Report(dir, root => root["runs"]![0]!["curve"]!.AsArray().RemoveAt(1));
        CliRunner.AssertOneLineError(r, path, "runs[0].curve has 1 values for 2 taps");
    }

    [Fact]
    public void ARankPastTheRunsIsRefusedNamingIt()
    {
        using var dir = new TempDir();
        var (r, path) = Report(dir, root => root["runs"]![2]!["rank"] = 7);
        CliRunner.AssertOneLineError(r, path, "runs[2].rank is 7, not within 1..3");
    }

    [Fact]
    public void TheUnspoiledComparisonDrawsItsReport()
    {
        using var dir = new TempDir();
        var (r, _) = Report(dir, _ => { });
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.True(File.Exists(dir.File("cmp", "report.html")));
    }
}
