using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace LayerEntropy.Tests.Cli;

/// <summary>
/// `merge` of parts that are damaged or do not belong together: refused with one line naming the part and the field
/// (exit 2), and nothing written; never a failure inside the merge.
/// </summary>
public sealed class DamagedPartTests : IClassFixture<AnalysedTinyModel>
{
    private readonly AnalysedTinyModel model;

    public DamagedPartTests(AnalysedTinyModel model) => this.model = model;

    /// <summary>Copies the real parts into <paramref name="dir"/>, the first spoiled by <paramref name="spoil"/>, and merges them into out/.</summary>
    private CliRunner.Result Merge(TempDir dir, Action<JsonObject> spoil, out string first)
    {
        var root = JsonNode.Parse(File.ReadAllText(model.Parts[0]))!.AsObject();
        spoil(root);
        first = dir.Write(Path.Combine("parts", Path.GetFileName(model.Parts[0])), System.Text.Encoding.UTF8.GetBytes(root.ToJsonString()));
        dir.Copy(model.Parts[1], Path.Combine("parts", Path.GetFileName(model.Parts[1])));
        var snapshot = new FolderSnapshot(dir.Path);
        var r = CliRunner.InProcess("merge", dir.File("parts"), "-o", dir.File("out", "analysis.json"), "--no-report", "-q");
        if (r.ExitCode != 0) snapshot.AssertUnchanged();
        return r;
    }

    private static float[] Floats(JsonNode? node) => MemoryMarshal.Cast<byte, float>(Convert.FromBase64String((string)node!)).ToArray();

    private static string Base64(float[] values) => Convert.ToBase64String(MemoryMarshal.AsBytes(values.AsSpan()));

    [Fact]
    public void PartsBinnedWithDifferentRangesAreRefusedNamingBoth()
    {
        using var dir = new TempDir();
        var r = Merge(dir, root =>
        {
            var max = Floats(root["ranges"]![0]!["max"]);
            max[0] += 1;
            root["ranges"]![0]!["max"] = Base64(max);
        }, out string first);
        CliRunner.AssertOneLineError(r, dir.File("parts", Path.GetFileName(model.Parts[1])), "ranges (the binned ranges");
        Assert.Contains(first, r.Error);
    }

    [Fact]
    public void AMemberWrittenTwiceIsRefusedNamingThePart()
    {
        using var dir = new TempDir();
        string text = File.ReadAllText(model.Parts[0]);
        int at = text.IndexOf("\"kind\"", StringComparison.Ordinal);
        string first = dir.Write(Path.Combine("parts", Path.GetFileName(model.Parts[0])), System.Text.Encoding.UTF8.GetBytes(text.Insert(at, "\"version\": 1, ")));
        dir.Copy(model.Parts[1], Path.Combine("parts", Path.GetFileName(model.Parts[1])));
        var r = CliRunner.InProcess("merge", dir.File("parts"), "-o", dir.File("out", "analysis.json"), "--no-report", "-q");
        CliRunner.AssertOneLineError(r, first, "not a readable analysis part: damaged JSON");
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void ANaNActivationInAPartIsRefusedNamingIt()
    {
        using var dir = new TempDir();
        var r = Merge(dir, root =>
        {
            var row = Floats(root["samples"]![0]!["taps"]![0]);
            row[0] = float.NaN;
            root["samples"]![0]!["taps"]![0] = Base64(row);
        }, out string first);
        CliRunner.AssertOneLineError(r, first, "samples[0].taps[0][0]: NaN");
    }

    [Fact]
    public void ANaNBinnedRangeIsRefusedNamingIt()
    {
        using var dir = new TempDir();
        var r = Merge(dir, root =>
        {
            var min = Floats(root["ranges"]![1]!["min"]);
            min[2] = float.NaN;
            root["ranges"]![1]!["min"] = Base64(min);
        }, out string first);
        CliRunner.AssertOneLineError(r, first, "ranges[1]: class 2's range");
    }

    [Fact]
    public void AMissingFieldIsRefusedNamingIt()
    {
        using var dir = new TempDir();
        var r = Merge(dir, root => root.Remove("scored"), out string first);
        CliRunner.AssertOneLineError(r, first, "scored: missing");
    }

    [Fact]
    public void AHugeTapWidthIsRefusedBeforeAnythingThatBigIsMade()
    {
        using var dir = new TempDir();
        var r = Merge(dir, root => root["taps"]![0]!["units"] = int.MaxValue, out string first);
        CliRunner.AssertOneLineError(r, first, "taps[0].activation_sums");
    }

    [Fact]
    public void ACountThatDisagreesWithTheInputsIsRefusedNamingIt()
    {
        using var dir = new TempDir();
        var r = Merge(dir, root => root["manifest"]!["inputs"] = -5, out string first);
        CliRunner.AssertOneLineError(r, first, "manifest.inputs: -5");
    }

    [Fact]
    public void OverlappingPartsAreRefusedNamingBoth()
    {
        using var dir = new TempDir();
        var second = JsonNode.Parse(File.ReadAllText(model.Parts[1]))!.AsObject();
        var r = Merge(dir, root =>
        {
            var ids = MemoryMarshal.Cast<byte, long>(Convert.FromBase64String((string)root["ids"]!)).ToArray();
            // The last inputs: not kept as samples, which only the first of each class are.
            ids[^1] = MemoryMarshal.Cast<byte, long>(Convert.FromBase64String((string)second["ids"]!))[^1];
            root["ids"] = Convert.ToBase64String(MemoryMarshal.AsBytes(ids.AsSpan()));
        }, out string first);
        CliRunner.AssertOneLineError(r, dir.File("parts", Path.GetFileName(model.Parts[1])), "is in");
        Assert.Contains(first, r.Error);
    }

    [Fact]
    public void TheUnspoiledPartsMerge()
    {
        using var dir = new TempDir();
        var r = Merge(dir, _ => { }, out _);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.True(File.Exists(dir.File("out", "analysis.json")));
    }

    /// <summary>
    /// Every spoiled first part either still merges (a changed name, a value still in range) or is refused with one
    /// line naming a part: never exit 1, never a stack trace, never a half-written output.
    /// </summary>
    [Fact]
    public void SpoiledPartsMergeOrAreRefusedNamingAPart()
    {
        string text = File.ReadAllText(model.Parts[0]);
        var failures = new List<string>();
        int refused = 0;
        for (int seed = 0; seed < 150; seed++)
        {
            using var dir = new TempDir();
            var (spoiled, what) = JsonMutation.Apply(text, seed);
            string first = dir.Write(Path.Combine("parts", Path.GetFileName(model.Parts[0])), System.Text.Encoding.UTF8.GetBytes(spoiled));
            string second = dir.Copy(model.Parts[1], Path.Combine("parts", Path.GetFileName(model.Parts[1])));
            var snapshot = new FolderSnapshot(dir.Path);
            var r = CliRunner.InProcess("merge", dir.File("parts"), "-o", dir.File("out", "analysis.json"), "--no-report", "-q");
            if (r.ExitCode == 0) continue;
            refused++;
            string[] lines = r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            bool named = lines.Length == 1 && (lines[0].Contains(first, StringComparison.Ordinal) || lines[0].Contains(second, StringComparison.Ordinal));
            if (r.ExitCode != 2 || !named || r.Error.Contains("   at ", StringComparison.Ordinal))
                failures.Add($"seed {seed} ({what}): exit {r.ExitCode}: {r.Error.Trim()}");
            else snapshot.AssertUnchanged();
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(refused > 50, $"only {refused} of 150 spoiled parts were refused: the mutations hardly spoil anything");
    }
}
