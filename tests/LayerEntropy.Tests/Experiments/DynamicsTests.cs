using LayerEntropy.Analysis;
using LayerEntropy.Experiments;
using LayerEntropy.Nn;
using LayerEntropy.Onnx;
using LayerEntropy.Training;
using static LayerEntropy.Analysis.MeasureNames;

namespace LayerEntropy.Tests.Experiments;

/// <summary>Entropy through training on real MNIST, kept tiny: checkpoints are the trainer's networks, their numbers their analyses', and a resumed run ends as an unbroken one.</summary>
public class DynamicsTests
{
    private static DynamicsSettings Tiny(int epochs = 2) => new()
    {
        Model = "mlp:32,16", Training = new() { Dataset = "mnist", DataDir = TestData.Root, Epochs = epochs, TrainLimit = 1000 }, TrainEvaluation = 500, Reports = false,
    };

    [Fact]
    public void CheckpointsAreTheNetworkAtInitialisationAndAfterEachEpoch()
    {
        using var dir = new TempDir();
        var result = TrainingDynamics.Run(Tiny(), dir.Path);
        var run = Assert.Single(result.Runs);
        Assert.Equal(["e00", "e01", "e02"], run.Checkpoints.Select(c => c.Name));
        Assert.Equal([0.0, 1, 2], run.Checkpoints.Select(c => c.Epoch));
        Assert.Equal([0L, 8, 16], run.Checkpoints.Select(c => c.Step));
        Assert.Equal(["fc1_act", "fc2_act"], result.Taps);

        var start = ModelSpec.Build("mlp:32,16", [1, 28, 28], 10, ActivationKind.ReLU, null, 0);
        Assert.Equal(start.Parameters.SelectMany(p => p.Value.Data), ExperimentAssert.Weights(dir.File("checkpoints", "e00", "model.onnx")));
        TrainingRun.Execute(new TrainSettings { Model = "mlp:32,16", Training = new() { Dataset = "mnist", DataDir = TestData.Root, Epochs = 2, TrainLimit = 1000 }, Output = dir.File("alone.onnx") });
        Assert.Equal(ExperimentAssert.Weights(dir.File("alone.onnx")), ExperimentAssert.Weights(dir.File("checkpoints", "e02", "model.onnx")));

        foreach (var c in run.Checkpoints)
        {
            string model = dir.File("checkpoints", c.Name, "model.onnx");
            var net = OnnxModelFile.Load(model).Model;
            Assert.Equal(Trainer.Evaluate(net, TestData.MnistTest).Accuracy, c.TestAccuracy);
            Assert.Equal(Trainer.Evaluate(net, TestData.MnistTrain.Slice(0, 500)).Accuracy, c.TrainAccuracy);
            var direct = ModelAnalysis.Run(new AnalyzeSettings { Model = model, DataDir = TestData.Root, Options = new AnalysisOptions { Bootstrap = 0 } });
            ExperimentAssert.SameFindings(direct.Findings, c.Findings);
        }
        Assert.True(run.Checkpoints[0].TestAccuracy < 0.2 && run.Checkpoints[^1].TestAccuracy > run.Checkpoints[0].TestAccuracy + 0.1, "two epochs on 1,000 images lift accuracy from chance");
    }

    [Fact]
    public void CorrelationsAreSpearmansRhoOverTheCheckpoints()
    {
        using var dir = new TempDir();
        var result = TrainingDynamics.Run(Tiny() with { EverySteps = 3 }, dir.Path);
        var run = result.Runs[0];
        // 1,000 images in batches of 128 make 8 steps per epoch: checkpoints after steps 3 and 6 of each, and at its end.
        Assert.Equal(["e00", "e01-b0003", "e01-b0006", "e01", "e02-b0003", "e02-b0006", "e02"], run.Checkpoints.Select(c => c.Name));
        Assert.Equal([0L, 3, 6, 8, 11, 14, 16], run.Checkpoints.Select(c => c.Step));
        double[] accuracy = [.. run.Checkpoints.Select(c => c.TestAccuracy)];
        foreach (var (measure, statistic) in Headline)
            for (int t = 0; t < result.Taps.Count; t++)
            {
                double[] values = [.. run.Checkpoints.Select(c => c.Findings.Single(f => f.Measure == measure && f.Statistic == statistic && f.Set == InputSet.PooledName).Values[t]!.Value)];
                var rho = result.Correlations.Single(c => c.Tap == result.Taps[t] && c.Measure == measure && c.Statistic == statistic && c.Set == InputSet.PooledName).Spearman;
                Assert.Equal(ExperimentAssert.Spearman(values, accuracy), rho!.Value, 12);
            }
        string csv = File.ReadAllText(dir.File(TrainingDynamics.CsvFileName));
        // 7 checkpoints, 2 taps, 4 measures on 11 sets and label information on the pooled set.
        Assert.Equal(7 * 2 * (4 * 11 + 1), csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1);
    }

    [Fact]
    public void InterruptedRunContinuesFromItsLastEpochAndEndsAsAnUnbrokenOne()
    {
        using var dir = new TempDir();
        var s = Tiny(3) with { EverySteps = 4 };
        TrainingDynamics.Run(s, dir.File("unbroken"));

        string folder = dir.File("broken");
        using var cancel = new CancellationTokenSource();
        var stop = new Progress(p => { if (p.Stage == "epoch 3/3") cancel.Cancel(); });
        Assert.ThrowsAny<OperationCanceledException>(() => TrainingDynamics.Run(s, folder, stop, cancel.Token));
        var kept = new FolderSnapshot(Path.Combine(folder, "checkpoints", "e02"));

        var stages = new List<ExperimentProgress>();
        TrainingDynamics.Run(s, folder, new Progress(stages.Add));
        kept.AssertUnchanged();
        Assert.DoesNotContain(stages, p => p.Stage.StartsWith("epoch 1/", StringComparison.Ordinal) || p.Stage.StartsWith("epoch 2/", StringComparison.Ordinal));
        Assert.Equal(File.ReadAllText(dir.File("unbroken", TrainingDynamics.JsonFileName)), File.ReadAllText(Path.Combine(folder, TrainingDynamics.JsonFileName)));
    }

    [Fact]
    public void ShuffledLabelsTwinIsTrackedBesideTheNetwork()
    {
        using var dir = new TempDir();
        var result = TrainingDynamics.Run(Tiny(1) with { ShuffledLabels = true }, dir.Path);
        Assert.Equal([ModelKinds.Trained, ModelKinds.ShuffledLabels], result.Runs.Select(r => r.Model));
        var twin = result.Runs[1];
        // The same start, then labels without meaning: the twin stays near chance on the test split.
        ExperimentAssert.SameFindings(result.Runs[0].Checkpoints[0].Findings, twin.Checkpoints[0].Findings);
        Assert.InRange(twin.Checkpoints[^1].TestAccuracy, 0.0, 0.3);
        Assert.Equal("shuffled", OnnxModelFile.Load(dir.File("controls", "shuffled-labels", "checkpoints", "e01", "model.onnx")).Metadata["labels"]);
        Assert.Contains(result.Correlations, c => c.Model == ModelKinds.ShuffledLabels);
    }

    private sealed class Progress(Action<ExperimentProgress> report) : IProgress<ExperimentProgress>
    {
        public void Report(ExperimentProgress value) => report(value);
    }
}
