using LayerEntropy.Analysis;
using LayerEntropy.Experiments;
using LayerEntropy.Training;

namespace LayerEntropy.Tests.Experiments;

/// <summary>Train, analyse and compare on real MNIST: the comparison carries exactly what training and analysis found.</summary>
public class CompareEndToEndTests
{
    [Fact]
    public void ComparesTrainedModelsWithTheirRecordedAccuracies()
    {
        using var dir = new TempDir();
        var reports = new List<TrainReport>();
        var analyses = new List<AnalysisResult>();
        var paths = new List<string>();
        foreach (int epochs in new[] { 1, 2 })
        {
            string folder = dir.File($"epochs-{epochs}");
            Directory.CreateDirectory(folder);
            reports.Add(TrainingRun.Execute(new TrainSettings
            {
                Model = "mlp:32,16", Training = new() { Epochs = epochs, BatchSize = 64, LearningRate = 3e-3f, TrainLimit = 2000, DataDir = TestData.Root }, Seed = 5,
                Output = Path.Combine(folder, "model.onnx"),
            }));
            var result = ModelAnalysis.Run(new AnalyzeSettings
            {
                Model = Path.Combine(folder, "model.onnx"), DataDir = TestData.Root, Options = new AnalysisOptions { Bootstrap = 0, Samples = 0 },
            });
            analyses.Add(result);
            paths.Add(AnalysisOutput.Write(result, folder)[0]);
        }

        var comparison = ModelComparison.Compare(paths, new ComparisonOptions());

        Assert.Equal(["epochs-1", "epochs-2"], comparison.Runs.Select(r => r.Label));
        for (int r = 0; r < 2; r++)
        {
            var run = comparison.Runs[r];
            var finding = analyses[r].Findings.Single(f => f.Measure == MeasureNames.Pattern && f.Statistic == MeasureNames.Mean && f.Set == InputSet.PooledName);
            Assert.Equal(reports[r].TestAccuracy, run.TestAccuracy);
            Assert.Equal("model", run.AccuracySource);
            Assert.Equal(finding.Values, run.Curve.Select(v => (double?)v));
            Assert.Equal(finding.Monotonic, run.Monotonic);
            Assert.Equal(finding.SaturationDepth, run.SaturationDepth);
            Assert.Equal(finding.Values[^1], run.Score);
            Assert.Equal(["fc1_act", "fc2_act"], run.Taps);
            Assert.Equal("mnist", run.Dataset);
        }
        int lower = comparison.Runs[0].Score <= comparison.Runs[1].Score ? 0 : 1;
        Assert.Equal(comparison.Runs[lower].Label, comparison.Ranking[0]);
        Assert.Equal(1, comparison.Runs[lower].Rank);
        Assert.Equal(2, comparison.ScoreVsAccuracy.Runs);
        Assert.Null(comparison.ScoreVsAccuracy.Spearman);
        Assert.Empty(comparison.Warnings);
    }
}
