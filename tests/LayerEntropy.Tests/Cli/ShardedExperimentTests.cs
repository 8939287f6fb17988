using System.Text.RegularExpressions;
using LayerEntropy.Experiments;

namespace LayerEntropy.Tests.Cli;

/// <summary>
/// `sweep` and `dynamics` as array tasks: shards (one after another, or at once) make the cells into one folder, the
/// same command without --shard then trains nothing and writes the summary byte for byte as one process does.
/// </summary>
[Collection(ThreadCountCollection.Name)]
public sealed class ShardedExperimentTests(ShardedSweepFixture single) : IClassFixture<ShardedSweepFixture>
{
    private static readonly string[] SweepFiles = [DepthSweep.JsonFileName, DepthSweep.CsvFileName];

    /// <summary>The cells a shard reports on stdout ("depth 1, seed 0: done (…)"), with what it did to each.</summary>
    private static List<(string Cell, string Status)> Cells(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => Regex.Match(l, @"^(.+?): (done|complete already, reused) \(")).Select(m => (m.Groups[1].Value, m.Groups[2].Value))];

    private static CliRunner.Result Ok(CliRunner.Result r)
    {
        Assert.True(r.ExitCode == 0, r.Error);
        return r;
    }

    /// <summary>The summary run reuses every cell (no epoch trained), and its files equal the single-process run's.</summary>
    private static void AssertSummaryEqualsSingle(string single, string sharded, string[] args, string[] files, int cells)
    {
        var summary = Ok(CliRunner.InProcess(args));
        Assert.DoesNotContain("epoch 1/", summary.Error);
        Assert.Equal(cells, Regex.Matches(summary.Error, "done earlier, reused").Count);
        foreach (string file in files)
            Assert.Equal(File.ReadAllBytes(Path.Combine(single, file)), File.ReadAllBytes(Path.Combine(sharded, file)));
    }

    [Fact]
    public void ShardsOneAfterAnotherThenTheSummaryWriteTheSingleProcessSweep()
    {
        using var dir = new TempDir();
        var first = Ok(CliRunner.InProcess(ShardedSweepFixture.Args(dir.Path, "--shard", "1/2")));
        // Cells in the sweep's order (depth 1 seeds 0, 1, then depth 2): shard 1 takes positions 0 and 2.
        Assert.Equal([("depth 1, seed 0", "done"), ("depth 2, seed 0", "done")], Cells(first.Output));
        Assert.False(File.Exists(dir.File(DepthSweep.JsonFileName)));
        Assert.Contains("without --shard", first.Error);
        var second = Ok(CliRunner.InProcess(ShardedSweepFixture.Args(dir.Path, "--shard", "2/2")));
        Assert.Equal([("depth 1, seed 1", "done"), ("depth 2, seed 1", "done")], Cells(second.Output));
        Assert.False(File.Exists(dir.File(DepthSweep.JsonFileName)));

        AssertSummaryEqualsSingle(single.Folder, dir.Path, ShardedSweepFixture.Args(dir.Path), SweepFiles, 4);
    }

    [Fact]
    public async Task ShardsRunningAtOnceIntoOneFolderThenTheSummaryWriteTheSingleProcessSweep()
    {
        using var dir = new TempDir();
        using var start = new Barrier(2);
        var shards = await Task.WhenAll(new[] { "1/2", "2/2" }.Select(shard => AtOnce(start, () => CliRunner.InProcess(ShardedSweepFixture.Args(dir.Path, "--shard", shard)))));
        Assert.Equal(["depth 1, seed 0", "depth 2, seed 0"], Cells(Ok(shards[0]).Output).Select(c => c.Cell));
        Assert.Equal(["depth 1, seed 1", "depth 2, seed 1"], Cells(Ok(shards[1]).Output).Select(c => c.Cell));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp", SearchOption.AllDirectories));

        AssertSummaryEqualsSingle(single.Folder, dir.Path, ShardedSweepFixture.Args(dir.Path), SweepFiles, 4);
    }

    [Fact]
    public void ACellLeftHalfWrittenIsMadeAgainAndTheSummaryStillEqualsTheSingleProcessSweep()
    {
        using var dir = new TempDir();
        string folder = dir.File("sweep");
        CopyFolder(single.Folder, folder);
        foreach (string file in Directory.GetFiles(folder)) File.Delete(file);
        // d1-s0 killed while writing: no cell.json, a temporary file left; d2-s1 finished once, then lost its analysis.
        File.Delete(Path.Combine(folder, "runs", "d1-s0", "cell.json"));
        File.WriteAllText(Path.Combine(folder, "runs", "d1-s0", ".analysis.json.0123456789abcdef.tmp"), "{\"half");
        File.Delete(Path.Combine(folder, "runs", "d2-s1", "analysis.json"));
        var kept = new[] { "d2-s0", "d1-s1" }.Select(c => new FolderSnapshot(Path.Combine(folder, "runs", c))).ToArray();

        var first = Ok(CliRunner.InProcess(ShardedSweepFixture.Args(folder, "--shard", "1/2")));
        Assert.Equal([("depth 1, seed 0", "done"), ("depth 2, seed 0", "complete already, reused")], Cells(first.Output));
        var second = Ok(CliRunner.InProcess(ShardedSweepFixture.Args(folder, "--shard", "2/2")));
        Assert.Equal([("depth 1, seed 1", "complete already, reused"), ("depth 2, seed 1", "done")], Cells(second.Output));
        foreach (var snapshot in kept) snapshot.AssertUnchanged();
        Assert.Empty(Directory.GetFiles(folder, "*.tmp", SearchOption.AllDirectories));
        // The cells made again are the unbroken run's, but for the seconds their epochs took.
        foreach (string cell in new[] { "d1-s0", "d2-s1" })
            Assert.Equal(Timeless(Path.Combine(single.Folder, "runs", cell, "cell.json")), Timeless(Path.Combine(folder, "runs", cell, "cell.json")));

        AssertSummaryEqualsSingle(single.Folder, folder, ShardedSweepFixture.Args(folder), SweepFiles, 4);
    }

    [Fact]
    public async Task ShardsRacingToWriteTheSettingsAllKeepTheFirstAndOtherSettingsAreRefused()
    {
        using var dir = new TempDir();
        var narrow = new SweepSettings { Width = 16 };
        var wide = new SweepSettings { Width = 32 };
        for (int round = 0; round < 20; round++)
        {
            string folder = dir.File($"round{round}");
            string path = Path.Combine(folder, "runs", DepthSweep.SettingsFile);
            // Eight shards start at once: half with one width, half with another. Exactly one settings file is made,
            // every shard that shares it goes on, every other is refused.
            using var start = new Barrier(8);
            var shards = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => AtOnce(start, () =>
            {
                try
                {
                    ExperimentFiles.KeepSettings(i % 2 == 0 ? narrow : wide, s => s, path, folder, "a sweep");
                    return (Width: i % 2 == 0 ? 16 : 32, Error: (string?)null);
                }
                catch (LayerEntropyException e)
                {
                    return (Width: i % 2 == 0 ? 16 : 32, Error: e.Message);
                }
            })));
            var kept = ExperimentFiles.Load<SweepSettings>(path, "settings");
            Assert.Equal(ExperimentFiles.Serialize(kept.Width == 16 ? narrow : wide), File.ReadAllText(path));
            foreach (var (width, error) in shards)
                if (width == kept.Width) Assert.Null(error);
                else Assert.True(error?.Contains("width", StringComparison.Ordinal) == true, $"width {width} beside {kept.Width}: {error ?? "no error"}");
            Assert.Equal([DepthSweep.SettingsFile], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
        }
    }

    [Fact]
    public void AShardWithOtherSettingsOrJsonFailsWithOneLine()
    {
        var before = new FolderSnapshot(single.Folder);
        var other = CliRunner.InProcess(ShardedSweepFixture.Args(single.Folder, 32, "--shard", "2/2"));
        CliRunner.AssertOneLineError(other, single.Folder, "width");
        before.AssertUnchanged();

        using var dir = new TempDir();
        CliRunner.AssertOneLineError(CliRunner.InProcess(ShardedSweepFixture.Args(dir.Path, "--shard", "1/2", "--json")), "--json", "--shard");
        CliRunner.AssertOneLineError(CliRunner.InProcess(ShardedSweepFixture.Args(dir.Path, "--shard", "3/2")), "--shard", "3/2");
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void DynamicsShardsTrainTheNetworkAndItsTwinApartAndTheSummaryWritesTheSingleProcessRun()
    {
        using var dir = new TempDir();
        string[] Args(string folder, params string[] more) =>
        [
            "dynamics", "--dataset", "mnist", "--model", "mlp:16,16", "--epochs", "1", "--limit", "500", "--train-eval", "200", "--control", "shuffled-labels",
            "--no-model-reports", "--threads", "2", "--data-dir", TestData.Root, "-o", folder, .. more,
        ];
        Ok(CliRunner.InProcess(Args(dir.File("single"))));

        string sharded = dir.File("sharded");
        var first = Ok(CliRunner.InProcess(Args(sharded, "--shard", "1/2")));
        Assert.Equal([("network", "done")], Cells(first.Output));
        Assert.False(Directory.Exists(Path.Combine(sharded, "controls")));
        var second = Ok(CliRunner.InProcess(Args(sharded, "--shard", "2/2")));
        Assert.Equal([("shuffled-labels twin", "done")], Cells(second.Output));
        Assert.False(File.Exists(Path.Combine(sharded, TrainingDynamics.JsonFileName)));
        // A third shard finds no run of its own; a shard run again finds its run complete.
        Assert.Empty(Cells(Ok(CliRunner.InProcess(Args(sharded, "--shard", "3/3"))).Output));
        Assert.Equal([("network", "complete already, reused")], Cells(Ok(CliRunner.InProcess(Args(sharded, "--shard", "1/2"))).Output));

        AssertSummaryEqualsSingle(dir.File("single"), sharded, Args(sharded), [TrainingDynamics.JsonFileName, TrainingDynamics.CsvFileName], 2);
        CliRunner.AssertOneLineError(CliRunner.InProcess(Args(sharded, "--shard", "1/2", "--json")), "--json", "--shard");
    }

    /// <summary>A cell.json with every epoch's duration set to 0.</summary>
    private static string Timeless(string path)
    {
        var cell = ExperimentFiles.Load<SweepCell>(path, "a sweep model's record");
        return ExperimentFiles.Serialize(cell with { Epochs = [.. cell.Epochs.Select(e => e with { Seconds = 0 })] });
    }

    /// <summary>Runs <paramref name="work"/> on a thread of its own once every party of <paramref name="start"/> is ready.</summary>
    private static Task<T> AtOnce<T>(Barrier start, Func<T> work) => Task.Factory.StartNew(() =>
    {
        start.SignalAndWait();
        return work();
    }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static void CopyFolder(string from, string to)
    {
        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
