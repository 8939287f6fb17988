using LayerEntropy.Analysis;
using LayerEntropy.Reports;
using LayerEntropy.Training;

namespace LayerEntropy.Experiments;

/// <summary>
/// One finished model of a sweep (cell.json in its folder): written after everything else of the model, so its
/// presence is what tells a rerun that the model is done.
/// </summary>
public sealed record SweepCell(
    int Depth,
    int Seed,
    string Spec,
    long Parameters,
    double TestAccuracy,
    double TestLoss,
    double? InitAccuracy,
    double? ShuffledLabelsAccuracy,
    IReadOnlyList<EpochResult> Epochs)
{
    /// <summary>How far the shuffled-labels twin got in fitting its labels; absent without that control.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public TwinFit? ShuffledLabelsFit { get; init; }
}

/// <summary>Trains, analyses and records one (depth, seed) of a sweep in its own folder.</summary>
internal static class SweepCellRun
{
    public const string FileName = "cell.json";
    public const string ModelFile = "model.onnx";

    public static string Folder(string root, int depth, int seed) => Path.Combine(root, DepthSweep.RunsFolder, $"d{depth}-s{seed}");

    /// <summary>
    /// Trains the network, then analyses it beside its controls as `analyze --control` does: the reinit control (the
    /// network its training started from, always) and, when asked, the shuffled-labels twin.
    /// </summary>
    /// <param name="report">Told the stage and the work done inside this model, in epochs.</param>
    public static (SweepCell Cell, AnalysisResult Analysis) Run(SweepSettings s, int depth, int seed, string folder,
        Action<string, double> report, CancellationToken cancel)
    {
        string spec = HeadSpec.For(s.Base, depth, s.Width, s.Taper);
        var train = new TrainSettings { Model = spec, Training = s.Training, Seed = seed, Output = Path.Combine(folder, ControlModels.ModelFileName) };
        Directory.CreateDirectory(folder);
        var trained = TrainingRun.Execute(train,
            new ProgressRelay<TrainProgress>(p => report($"epoch {p.Epoch}/{p.Epochs}", p.Epoch - 1 + (double)p.Batch / p.Batches)), cancel);

        var analyze = new AnalyzeSettings
        {
            Model = train.Output, Dataset = s.Training.Dataset, DataDir = s.Training.DataDir, BatchSize = s.AnalysisBatch, Options = s.Analysis,
        };
        var controls = new List<ControlModel> { ControlModels.Build(analyze, ControlKinds.Reinit, cancel: cancel) };
        if (s.ShuffledLabels)
            controls.Add(ControlModels.Build(analyze, ControlKinds.ShuffledLabels,
                // Past the model's epochs the twin trains on until it fits its labels: the bar waits at its share meanwhile.
                progress: new ProgressRelay<TrainProgress>(p => report($"shuffled labels, epoch {p.Epoch}/{p.Epochs}", s.Training.Epochs + Math.Min(s.Training.Epochs, p.Epoch - 1 + (double)p.Batch / p.Batches))),
                cancel: cancel, twinMaxEpochs: s.TwinMaxEpochs));
        report("analysis", s.Training.Epochs * (s.ShuffledLabels ? 2 : 1));
        var result = ControlAnalysis.Run(analyze, controls, folder, s.Reports, cancel: cancel);
        ReportOutput.WriteFolder(result, folder, s.Reports, cancel: cancel);

        var cell = new SweepCell(depth, seed, spec, trained.Parameters, trained.TestAccuracy, trained.TestLoss, controls[0].TestAccuracy,
            s.ShuffledLabels ? controls[1].TestAccuracy : null, trained.Epochs) { ShuffledLabelsFit = s.ShuffledLabels ? controls[1].Fit : null };
        ExperimentFiles.Save(cell, Path.Combine(folder, FileName), "the model's record");
        return (cell, result);
    }
}
