using System.Runtime.CompilerServices;
using LayerEntropy.Experiments;
using LayerEntropy.Tests.Cli;

namespace LayerEntropy.Tests.Experiments;

/// <summary>
/// The experiments of docs/EXPERIMENTS.md on a reduced configuration (2 depths or 1 epoch, 1 seed, 2,000 training
/// images), run as a user runs them, must give exactly the stored JSON: the same commands on the full configurations
/// give the numbers of that page. Set LAYERENTROPY_UPDATE_SNAPSHOTS=1 to store new output after a deliberate change.
/// </summary>
public class ReducedRunTests
{
    public static TheoryData<string, string[]> Runs => new()
    {
        { "sweep-mnist-mlp.json", ["sweep", "--dataset", "mnist", "--depths", "1..2", "--seeds", "1", "--epochs", "1", "--limit", "2000"] },
        { "sweep-fashion-mnist-cnn.json", ["sweep", "--dataset", "fashion-mnist", "--base", "cnn:c8,p,c16,p|", "--width", "128", "--depths", "1..2", "--seeds", "1", "--epochs", "1", "--limit", "2000", "--control", "shuffled-labels", "--twin-max-epochs", "20"] },
        { "dynamics-mnist-mlp.json", ["dynamics", "--dataset", "mnist", "--epochs", "1", "--every", "8", "--limit", "2000"] },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void ReducedRunGivesTheStoredNumbers(string golden, string[] command)
    {
        using var dir = new TempDir();
        var r = CliRunner.AsProcess([.. command, "--threads", "2", "--no-model-reports", "--data-dir", TestData.Root, "-o", dir.Path]);
        Assert.True(r.ExitCode == 0, r.Error);
        string file = command[0] == "sweep" ? DepthSweep.JsonFileName : TrainingDynamics.JsonFileName;
        Match(golden, File.ReadAllText(dir.File(file)));
        Assert.True(File.Exists(dir.File("report.html")), "the run's report page is written beside its data");
    }

    [Fact]
    public void KilledSweepRerunFinishesWithoutRedoingFinishedModelsAndEqualsAnUnbrokenRun()
    {
        using var dir = new TempDir();
        string[] sweep = ["sweep", "--dataset", "mnist", "--depths", "1..2", "--seeds", "1", "--epochs", "1", "--limit", "2000", "--threads", "2", "--no-model-reports", "--data-dir", TestData.Root];
        string folder = dir.File("killed");
        var killed = CliRunner.AsProcess([.. sweep, "-o", folder], stopWhenErrorContains: "depth 2, seed 0: epoch", signal: "KILL");
        Assert.NotEqual(0, killed.ExitCode);
        Assert.True(File.Exists(Path.Combine(folder, "runs", "d1-s0", "cell.json")), killed.Error);
        Assert.False(File.Exists(Path.Combine(folder, DepthSweep.JsonFileName)));
        var finished = new FolderSnapshot(Path.Combine(folder, "runs", "d1-s0"));

        var rerun = CliRunner.AsProcess([.. sweep, "-o", folder]);
        Assert.True(rerun.ExitCode == 0, rerun.Error);
        Assert.Contains("depth 1, seed 0: done earlier, reused", rerun.Error);
        Assert.DoesNotContain("depth 1, seed 0: epoch", rerun.Error);
        finished.AssertUnchanged();
        Match("sweep-mnist-mlp.json", File.ReadAllText(Path.Combine(folder, DepthSweep.JsonFileName)));
    }

    private static void Match(string name, string actual)
    {
        string path = Path.Combine(Path.GetDirectoryName(Here())!, "Golden", name);
        if (Environment.GetEnvironmentVariable("LAYERENTROPY_UPDATE_SNAPSHOTS") == "1" || !File.Exists(path))
        {
            File.WriteAllText(path, actual);
            Assert.Fail($"{path} was written; check it in and run again");
        }
        string[] expected = File.ReadAllLines(path), got = actual.Split('\n');
        for (int i = 0; i < expected.Length; i++)
            Assert.True(i < got.Length && expected[i] == got[i], $"{name}, line {i + 1}: expected {expected[i]}, got {(i < got.Length ? got[i] : "the end")}");
    }

    private static string Here([CallerFilePath] string path = "") => path;
}
