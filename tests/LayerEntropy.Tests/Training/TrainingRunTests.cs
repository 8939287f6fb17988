using LayerEntropy.Cli;
using LayerEntropy.Nn;
using LayerEntropy.Onnx;
using LayerEntropy.Training;

namespace LayerEntropy.Tests.Training;

/// <summary>End-to-end training on real MNIST subsets: learning happens, seeds repeat, resuming is exact, interruptions harm nothing.</summary>
public class TrainingRunTests
{
    private static TrainSettings Small(string output, int epochs = 1) => new()
    {
        Model = "mlp:64,32", Seed = 3, Output = output,
        Training = new() { Dataset = "mnist", Epochs = epochs, BatchSize = 64, LearningRate = 3e-3f, TrainLimit = 6000, DataDir = TestData.Root },
    };

    [Fact]
    public void SmallMlpLearnsMnist()
    {
        using var dir = new TempDir();
        var report = TrainingRun.Execute(Small(dir.File("m.onnx")));
        // 6,000 images, one epoch: a working engine reaches about 90% on the 10,000 test images; chance is 10%.
        Assert.InRange(report.TestAccuracy, 0.85, 1.0);
        Assert.Single(report.Epochs);
        Assert.True(File.Exists(report.ModelPath) && File.Exists(report.StatePath));
    }

    [Fact]
    public void SameSeedGivesTheSameModelAndResumeEqualsAnUnbrokenRun()
    {
        using var tmp = new TempDir();
        string dir = tmp.Path;
        var unbroken = TrainingRun.Execute(Small(Path.Combine(dir, "a.onnx"), epochs: 2));
        var again = TrainingRun.Execute(Small(Path.Combine(dir, "b.onnx"), epochs: 2));
        TrainingRun.Execute(Small(Path.Combine(dir, "c.onnx"), epochs: 1));
        var further = Small(Path.Combine(dir, "c.onnx"), epochs: 2);
        var resumed = TrainingRun.Execute(further with { Resume = true, Seed = 99, Training = further.Training with { Optimizer = OptimizerKind.Sgd }, Model = "mlp:5" });

        Assert.Equal(unbroken.TestAccuracy, again.TestAccuracy);
        Assert.Equal(unbroken.TestAccuracy, resumed.TestAccuracy);
        var reference = Weights(Path.Combine(dir, "a.onnx"));
        Assert.Equal(reference, Weights(Path.Combine(dir, "b.onnx")));
        Assert.Equal(reference, Weights(Path.Combine(dir, "c.onnx")));
    }

    [Fact]
    public void InterruptedRunLeavesTheEarlierModelIntact()
    {
        using var tmp = new TempDir();
        string dir = tmp.Path, path = Path.Combine(dir, "m.onnx");
        TrainingRun.Execute(Small(path));
        byte[] model = File.ReadAllBytes(path), state = File.ReadAllBytes(TrainingStateFile.PathFor(path));

        using var cancel = new CancellationTokenSource();
        var stopAfterTenBatches = new Stopper(cancel, 10);
        Assert.ThrowsAny<OperationCanceledException>(() => TrainingRun.Execute(Small(path, epochs: 3) with { Seed = 5 }, stopAfterTenBatches, cancel.Token));

        Assert.Equal(model, File.ReadAllBytes(path));
        Assert.Equal(state, File.ReadAllBytes(TrainingStateFile.PathFor(path)));
        Assert.Equal(2, Directory.GetFiles(dir).Length);
    }

    [Theory]
    [InlineData("\"seed\":\"3\"", "\"seed\":\"x\"", "its 'seed' entry 'x' is not a whole number; the file is damaged")]
    [InlineData("\"activation\":\"ReLU\"", "\"activation\":\"R_LU\"", "its 'activation' entry 'R_LU' is none of")]
    [InlineData("\"epochs_done\":\"1\"", "\"epochs_done\":\"-\"", "its 'epochs_done' entry is '-', not a count of epochs; the file is damaged")]
    public void ADamagedEntryOfTheStateIsRefusedOnResumeNamingTheFile(string entry, string damaged, string message)
    {
        using var tmp = new TempDir();
        string path = tmp.File("m.onnx"), state = TrainingStateFile.PathFor(path);
        TrainingRun.Execute(Small(path));
        byte[] bytes = File.ReadAllBytes(state);
        int at = System.Text.Encoding.Latin1.GetString(bytes).IndexOf(entry, StringComparison.Ordinal);
        Assert.True(at >= 0, $"{entry} not in the state's header");
        System.Text.Encoding.Latin1.GetBytes(damaged).CopyTo(bytes, at);
        File.WriteAllBytes(state, bytes);

        var e = Assert.Throws<LayerEntropyException>(() => TrainingRun.Execute(Small(path, epochs: 2) with { Resume = true }));
        Assert.StartsWith($"{state}: {message}", e.Message);
    }

    [Fact]
    public void AModelAndStateThatDoNotBelongTogetherAreRefusedOnResume()
    {
        using var tmp = new TempDir();
        string path = tmp.File("m.onnx");
        TrainingRun.Execute(Small(path));
        byte[] first = File.ReadAllBytes(path);
        TrainingRun.Execute(Small(path) with { Seed = 5 });
        // The first run's model beside the second run's state: what a run stopped between the two renames leaves.
        File.WriteAllBytes(path, first);
        var e = Assert.Throws<LayerEntropyException>(() => TrainingRun.Execute(Small(path, epochs: 2) with { Resume = true }));
        Assert.StartsWith(TrainingStateFile.PathFor(path) + ": was saved with another m.onnx (its SHA-256 differs)", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void TemporaryFilesOfAKilledRunAreRemovedByTheNextSave()
    {
        using var tmp = new TempDir();
        string path = tmp.File("m.onnx");
        string[] leftovers = [tmp.File($".m.onnx.{Guid.NewGuid():N}.tmp"), tmp.File($".m.state.{Guid.NewGuid():N}.tmp")];
        foreach (string leftover in leftovers) File.WriteAllBytes(leftover, [1, 2, 3]);
        File.WriteAllBytes(tmp.File(".other.onnx.0.tmp"), [4]);
        TrainingRun.Execute(Small(path));
        Assert.Equal([".other.onnx.0.tmp", "m.onnx", "m.state"], Directory.GetFiles(tmp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    private static float[] Weights(string path) =>
        [.. OnnxModelFile.Load(path).Model.Parameters.SelectMany(p => p.Value.Data)];

    private sealed class Stopper(CancellationTokenSource cancel, int batches) : IProgress<TrainProgress>
    {
        public void Report(TrainProgress value)
        {
            if (value.Batch >= batches) cancel.Cancel();
        }
    }

    [Fact]
    public void ADivergingRunFailsNamingTheLearningRateAndWritesNothing()
    {
        using var dir = new TempDir();
        var s = Small(dir.File("m.onnx"));
        var e = Assert.Throws<LayerEntropyException>(() => TrainingRun.Execute(s with { Training = s.Training with { LearningRate = 1e30f } }));
        Assert.StartsWith("training diverged in epoch 1", e.Message);
        Assert.EndsWith("try a smaller --lr", SettingFlags.Describe(e));
        Assert.Empty(dir.Files());
    }
}
