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
    double InitAccuracy,
    double? ShuffledLabelsAccuracy,
    IReadOnlyList<EpochResult> Epochs);

/// <summary>Trains, analyses and records one (depth, seed) of a sweep in its own folder.</summary>
internal static class SweepCellRun
{
    public const string FileName = "cell.json";
    public const string ModelFile = "model.onnx";

    public static string Folder(string root, int depth, int seed) => Path.Combine(root, DepthSweep.RunsFolder, $"d{depth}-s{seed}");

    /// <param name="report">Told the stage and the work done inside this model, in epochs.</param>
    public static (SweepCell Cell, AnalysisResult Analysis) Run(SweepSettings s, int depth, int seed, string folder,
        Action<string, double> report, CancellationToken cancel)
    {
        string spec = HeadSpec.For(s.Base, depth, s.Width, s.Taper);
        var train = new TrainSettings
        {
            Dataset = s.Dataset, DataDir = s.DataDir, Model = spec, Activation = s.Activation, Init = s.Init, Epochs = s.Epochs,
            BatchSize = s.BatchSize, Optimizer = s.Optimizer, LearningRate = s.LearningRate, Seed = seed, Normalize = s.Normalize,
            TrainLimit = s.TrainLimit, Output = Path.Combine(folder, ModelFile),
        };
        var session = TrainingSession.Start(train);
        var init = session.EvaluateTest(cancel);
        string reinitModel = Path.Combine(folder, ControlFolder(ControlKinds.Reinit), ModelFile);
        Directory.CreateDirectory(Path.GetDirectoryName(reinitModel)!);
        session.SaveModel(reinitModel, init.Accuracy);

        var epochs = new List<EpochResult>();
        var progress = new Inline<TrainProgress>(p => report($"epoch {p.Epoch}/{p.Epochs}", p.Epoch - 1 + (double)p.Batch / p.Batches));
        while (session.EpochsDone < s.Epochs) epochs.Add(session.TrainEpoch(progress, cancel));
        var trained = session.EvaluateTest(cancel);
        session.Save(train.Output, trained.Accuracy);

        TrainReport? shuffled = null;
        if (s.ShuffledLabels)
        {
            string twin = Path.Combine(folder, ControlFolder(ControlKinds.ShuffledLabels), ModelFile);
            Directory.CreateDirectory(Path.GetDirectoryName(twin)!);
            shuffled = TrainingRun.Execute(train with { ShuffledLabels = true, Output = twin },
                new Inline<TrainProgress>(p => report($"shuffled labels, epoch {p.Epoch}/{p.Epochs}", s.Epochs + p.Epoch - 1 + (double)p.Batch / p.Batches)), cancel);
        }

        double trainingDone = s.Epochs * (s.ShuffledLabels ? 2 : 1);
        report("analysis", trainingDone);
        var controls = new List<ControlProfile>
        {
            Control(s, folder, ControlKinds.Reinit, $"the same network at initialisation ({(s.Init ?? Nn.InitScheme.Uniform).ToString().ToLowerInvariant()} init, seed {seed}), before training", init.Accuracy, cancel),
        };
        if (shuffled is not null)
            controls.Add(Control(s, folder, ControlKinds.ShuffledLabels, $"a twin trained the same way ({s.Epochs} epochs, seed {seed}) on shuffled training labels", shuffled.TestAccuracy, cancel));
        var analysed = Analyse(s, train.Output, cancel);
        var result = analysed with { Controls = controls, Summary = ControlVerdict.Summary(analysed, controls) };
        Write(s, result, folder);

        var cell = new SweepCell(depth, seed, spec, session.Model.ParameterCount, trained.Accuracy, trained.Loss, init.Accuracy, shuffled?.TestAccuracy, epochs);
        ExperimentFiles.Save(cell, Path.Combine(folder, FileName), "the model's record");
        return (cell, result);
    }

    /// <summary>The folder of a control's model and analysis, relative to the model's.</summary>
    public static string ControlFolder(string kind) => Path.Combine("controls", kind);

    private static ControlProfile Control(SweepSettings s, string folder, string kind, string description, double accuracy, CancellationToken cancel)
    {
        string relative = ControlFolder(kind);
        var result = Analyse(s, Path.Combine(folder, relative, ModelFile), cancel);
        Write(s, result, Path.Combine(folder, relative));
        return new ControlProfile(kind, description, Path.Combine(relative, ModelFile).Replace('\\', '/'), relative.Replace('\\', '/'), accuracy, result.Findings);
    }

    private static AnalysisResult Analyse(SweepSettings s, string model, CancellationToken cancel) =>
        ModelAnalysis.Run(new AnalyzeSettings
        {
            Model = model, Dataset = s.Dataset, DataDir = s.DataDir, BatchSize = s.AnalysisBatch,
            Options = new AnalysisOptions { Bootstrap = s.Bootstrap, Delta = s.Delta },
        }, cancel: cancel);

    private static void Write(SweepSettings s, AnalysisResult result, string folder)
    {
        AnalysisOutput.Write(result, folder);
        if (s.Reports) ReportOutput.Write(result, Path.Combine(folder, ReportPage.FileName), Path.Combine(folder, ReportOutput.FiguresFolder));
    }

    private sealed class Inline<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
