using LayerEntropy.IO;
using LayerEntropy.Onnx;
using Xunit.Abstractions;

namespace LayerEntropy.Tests.Cli;

/// <summary>
/// SIGKILL at seeded random moments of analyze, merge, report and train: the earlier output stays byte for byte, or
/// the new one is there complete, never a mix of the two; a rerun completes it and leaves no temporary file.
/// </summary>
[Collection(AloneCollection.Name)]
public class KillCampaignTests(InterruptionFixture fixture, ITestOutputHelper log) : IClassFixture<InterruptionFixture>
{
    private const int Kills = 6;

    [Theory]
    [InlineData("analyze", 1)]
    [InlineData("merge", 2)]
    [InlineData("report", 3)]
    public void A_kill_at_any_moment_leaves_the_earlier_output_or_the_new_one_never_a_mix(string command, int seed)
    {
        using var dir = new TempDir();
        var (referenceArgs, reference) = fixture.Command(command, dir);
        var length = CliProcess.Time(referenceArgs);
        var expected = Contents(reference);
        var random = new Random(seed);
        var outcomes = new List<string>();
        for (int k = 0; k < Kills; k++)
        {
            // Each kill on a fresh copy of the earlier output; half the moments anywhere, half late, where the figures are drawn and the files written.
            using var attempt = new TempDir();
            var (args, folder) = fixture.Command(command, attempt);
            var earlier = Contents(folder);
            Assert.NotEqual(Describe(earlier), Describe(expected));
            double from = k % 2 == 0 ? 0.2 : 0.7 * length.TotalSeconds;
            var at = TimeSpan.FromSeconds(from + random.NextDouble() * (length.TotalSeconds + 0.2 - from));
            using (var process = CliProcess.Start(args))
            {
                process.SignalAt(at, "KILL");
                process.Wait();
            }
            // A kill among the renames leaves the set's journal; the next command into the folder completes the set first.
            bool journal = File.Exists(Path.Combine(folder, AtomicFile.JournalName));
            if (journal) using (OutputLock.Take(folder)) { }
            var now = Contents(folder);
            string state = Describe(now) == Describe(earlier) ? "earlier" : Describe(now) == Describe(expected) ? "new" : "MIXED";
            outcomes.Add($"{at.TotalSeconds:F2} s: {state}{(journal ? " (completed from the journal)" : "")}");
            Assert.True(state != "MIXED", $"kill at {at.TotalSeconds:F2} s left a mix:\n{Difference(now, earlier, expected)}");
            if (k < Kills - 1) continue;

            // The last folder killed: a rerun completes it and leaves no temporary file.
            var rerun = CliProcess.Run(args);
            Assert.True(rerun.ExitCode == 0, rerun.Error);
            Assert.Equal(Describe(expected), Describe(Contents(folder)));
            Assert.Empty(Directory.GetFiles(folder, ".*", SearchOption.AllDirectories));
        }
        log.WriteLine($"{command} ({length.TotalSeconds:F1} s a run): {string.Join("; ", outcomes)}");
    }

    [Fact]
    public void A_killed_training_leaves_the_earlier_model_pair_or_a_new_one_never_a_mismatch()
    {
        using var dir = new TempDir();
        var (args, folder) = fixture.Command("train", dir);
        string model = Path.Combine(folder, "model.onnx"), state = Path.Combine(folder, "model.state");
        byte[] earlierModel = File.ReadAllBytes(model), earlierState = File.ReadAllBytes(state);
        using var timing = new TempDir();
        var length = CliProcess.Time(fixture.Command("train", timing).Args);
        var random = new Random(4);
        var outcomes = new List<string>();
        for (int k = 0; k < Kills; k++)
        {
            var at = TimeSpan.FromSeconds(0.2 + random.NextDouble() * length.TotalSeconds);
            using (var process = CliProcess.Start(args))
            {
                process.SignalAt(at, "KILL");
                process.Wait();
            }
            bool sameModel = File.ReadAllBytes(model).AsSpan().SequenceEqual(earlierModel), sameState = File.ReadAllBytes(state).AsSpan().SequenceEqual(earlierState);
            Assert.True(sameModel == sameState, $"kill at {at.TotalSeconds:F2} s replaced only the {(sameModel ? "state" : "model")}");
            // The state names the model it belongs to by its SHA-256.
            TrainingStateFile.CheckPair(model, TrainingStateFile.ReadHeader(state));
            outcomes.Add($"{at.TotalSeconds:F2} s: {(sameModel ? "earlier" : "new")}");
        }
        log.WriteLine($"train: {string.Join("; ", outcomes)}");

        var rerun = CliProcess.Run(args);
        Assert.True(rerun.ExitCode == 0, rerun.Error);
        TrainingStateFile.CheckPair(model, TrainingStateFile.ReadHeader(state));
        Assert.Empty(Directory.GetFiles(folder, ".*.tmp", SearchOption.AllDirectories));
    }

    /// <summary>Every file under the folder with its bytes, leaving out the temporary files a kill may leave (a rerun removes them).</summary>
    private static SortedDictionary<string, byte[]> Contents(string folder) =>
        new(Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !(Path.GetFileName(f).StartsWith('.') && f.EndsWith(".tmp", StringComparison.Ordinal)))
            .ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllBytes), StringComparer.Ordinal);

    private static string Describe(SortedDictionary<string, byte[]> files) =>
        string.Join("\n", files.Select(f => $"{f.Key} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(f.Value))}"));

    private static string Difference(SortedDictionary<string, byte[]> now, SortedDictionary<string, byte[]> earlier, SortedDictionary<string, byte[]> expected) =>
        string.Join("\n", now.Keys.Union(earlier.Keys).Union(expected.Keys).Order(StringComparer.Ordinal).Select(name =>
        {
            string Of(SortedDictionary<string, byte[]> set) => set.TryGetValue(name, out var b) ? (now.TryGetValue(name, out var n) && n.AsSpan().SequenceEqual(b) ? "=" : "≠") : "-";
            return $"{name}: now {(now.ContainsKey(name) ? "present" : "absent")}, earlier {Of(earlier)}, new {Of(expected)}";
        }));
}
