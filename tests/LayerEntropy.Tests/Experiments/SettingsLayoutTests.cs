using LayerEntropy.Experiments;
using LayerEntropy.Tests.Cli;

namespace LayerEntropy.Tests.Experiments;

/// <summary>
/// Files an earlier version wrote, with flat settings (schema version 1: Golden/*.v1.json, stored as that version's
/// commands wrote them), are read as today's: the results of the same runs, and the folders of interrupted ones continue.
/// </summary>
public class SettingsLayoutTests
{
    private static string Golden(string name) => Path.Combine(AppContext.BaseDirectory, "Experiments", "Golden", name);

    [Theory]
    [InlineData("sweep-mnist-mlp")]
    [InlineData("sweep-fashion-mnist-cnn")]
    public void AnEarlierSweepJsonReadsAsTheSameRunWrittenToday(string name)
    {
        var earlier = DepthSweep.Load(Golden($"{name}.v1.json"));
        var today = DepthSweep.Load(Golden($"{name}.json"));
        Assert.Equal(SweepResult.CurrentSchemaVersion, earlier.SchemaVersion);
        Assert.Equal(ExperimentFiles.Serialize(today), ExperimentFiles.Serialize(earlier));
        Assert.Equal(1, earlier.Settings.Training.Epochs);
        Assert.Equal(2000, earlier.Settings.Training.TrainLimit);
    }

    [Fact]
    public void AnEarlierDynamicsJsonReadsAsTheSameRunWrittenToday()
    {
        var earlier = TrainingDynamics.Load(Golden("dynamics-mnist-mlp.v1.json"));
        Assert.Equal(ExperimentFiles.Serialize(TrainingDynamics.Load(Golden("dynamics-mnist-mlp.json"))), ExperimentFiles.Serialize(earlier));
        Assert.Equal(8, earlier.Settings.EverySteps);
    }

    [Fact]
    public void AReportIsDrawnFromAnEarlierSweepJson()
    {
        using var dir = new TempDir();
        string json = dir.Copy(Golden("sweep-mnist-mlp.v1.json"), "sweep.json");
        var r = CliRunner.InProcess("report", json);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("FC depth sweep: mnist", File.ReadAllText(dir.File("report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void AResultOfANewerSchemaIsRefusedNamingTheFile()
    {
        using var dir = new TempDir();
        string text = File.ReadAllText(Golden("sweep-mnist-mlp.json"));
        string json = dir.Write("sweep.json", System.Text.Encoding.UTF8.GetBytes(text.Replace($"\"schema_version\": {SweepResult.CurrentSchemaVersion}", "\"schema_version\": 99", StringComparison.Ordinal)));
        var e = Assert.Throws<LayerEntropyException>(() => DepthSweep.Load(json));
        Assert.StartsWith($"{json}: not a sweep result (sweep.json): written by a newer LayerEntropy (schema version 99", e.Message);
    }

    [Fact]
    public void AFolderAnEarlierVersionStartedContinuesWithItsSettingsAndRefusesOthersNamingThem()
    {
        using var dir = new TempDir();
        string folder = dir.File("sweep");
        string path = Path.Combine(folder, "runs", DepthSweep.SettingsFile);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(Golden("sweep-settings.v1.json"), path);
        byte[] before = File.ReadAllBytes(path);
        // The earlier run: sweep --depths 1 --seeds 1 --epochs 1 --limit 200 --width 8.
        var same = new SweepSettings { Training = new() { Epochs = 1, TrainLimit = 200 }, Width = 8, Depths = [1, 2], Seeds = 3 };
        static SweepSettings Fixed(SweepSettings s) => s with { Depths = [], Seeds = 1, AnalysisBatch = 500, Reports = true };
        ExperimentFiles.KeepSettings(Fixed(same), Fixed, path, folder, "a sweep");

        var other = same with { Training = same.Training with { Epochs = 2 }, Width = 16 };
        var e = Assert.Throws<LayerEntropyException>(() => ExperimentFiles.KeepSettings(Fixed(other), Fixed, path, folder, "a sweep"));
        Assert.Equal($"{folder}: holds a sweep trained with other settings (training.epochs, width differ); give another -o, or the same settings to continue it", e.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void ADynamicsFolderAnEarlierVersionStartedContinues()
    {
        using var dir = new TempDir();
        string folder = dir.File("dynamics");
        string path = Path.Combine(folder, "checkpoints", TrainingDynamics.SettingsFile);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(Golden("dynamics-settings.v1.json"), path);
        // The earlier run: dynamics --epochs 1 --limit 200 --model mlp:8 --train-eval 100.
        var same = new DynamicsSettings { Model = "mlp:8", Training = new() { Epochs = 1, TrainLimit = 200 }, TrainEvaluation = 100 };
        static DynamicsSettings Fixed(DynamicsSettings s) => s with { AnalysisBatch = 500, Reports = true };
        ExperimentFiles.KeepSettings(Fixed(same), Fixed, path, folder, "a dynamics run");
        var e = Assert.Throws<LayerEntropyException>(() => ExperimentFiles.KeepSettings(Fixed(same with { Analysis = same.Analysis with { Delta = 0.2 } }), Fixed, path, folder, "a dynamics run"));
        Assert.Contains("(analysis.delta differ)", e.Message, StringComparison.Ordinal);
    }
}
