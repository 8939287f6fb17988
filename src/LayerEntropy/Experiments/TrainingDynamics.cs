using System.Globalization;
using LayerEntropy.Analysis;
using LayerEntropy.Reports;
using LayerEntropy.Training;
using static LayerEntropy.Analysis.MeasureNames;

namespace LayerEntropy.Experiments;

/// <summary>
/// Entropy through training: one network analysed at initialisation and at every checkpoint (each epoch's end, and
/// every K steps when asked), beside its accuracy. Each checkpoint lives in its own folder, marked done by its
/// checkpoint.json; epoch ends also keep the optimiser state, so an interrupted run continues from the last epoch
/// it finished and ends with the numbers of an unbroken run.
/// </summary>
public static class TrainingDynamics
{
    public const string CheckpointsFolder = "checkpoints";
    public const string CheckpointFile = "checkpoint.json";
    public const string SettingsFile = "settings.json";
    public const string JsonFileName = "dynamics.json";
    public const string CsvFileName = "dynamics.csv";
    private const string ModelFile = "model.onnx";
    private const double AnalysisWork = 0.1;

    public static DynamicsResult Run(DynamicsSettings s, string folder, IProgress<ExperimentProgress>? progress = null, CancellationToken cancel = default)
    {
        var runs = RunCells(s, folder, _ => true, progress, cancel).Select(c => c.Run).ToList();
        var result = Summarise(s, runs, runs[0].Checkpoints.Count == 0 ? [] : Taps(folder));
        ExperimentFiles.SaveText(DynamicsCsv.Serialize(result), Path.Combine(folder, CsvFileName), "the dynamics table");
        ExperimentFiles.Save(result, Path.Combine(folder, JsonFileName), "the dynamics result");
        return result;
    }

    /// <summary>
    /// One shard of the run, for array tasks that share the folder. Its cells are the training runs, each with every
    /// checkpoint's analysis: the network (position 0) and, with the shuffled-labels control, its twin (position 1);
    /// the shard takes those whose position p has p mod <paramref name="count"/> = <paramref name="index"/>. The
    /// checkpoints of one run follow each other through its training, so a run is not split further. Writes no
    /// summary: <see cref="Run"/> on the same folder, once every shard is done, trains nothing and writes
    /// dynamics.json as a run in one process would.
    /// </summary>
    /// <param name="index">The shard, from 0.</param>
    /// <param name="count">How many shards share the cells.</param>
    public static IReadOnlyList<ExperimentCell> RunShard(DynamicsSettings s, string folder, int index, int count,
        IProgress<ExperimentProgress>? progress = null, CancellationToken cancel = default)
    {
        return [.. RunCells(s, folder, ExperimentCell.Shard(index, count), progress, cancel).Select(c => new ExperimentCell(Label(c.Run.Model), c.Folder, c.Reused))];
    }

    /// <summary>Tracks the training runs whose position <paramref name="take"/> accepts, continuing or reusing what the folder holds.</summary>
    private static List<(DynamicsRun Run, string Folder, bool Reused)> RunCells(DynamicsSettings s, string folder, Func<int, bool> take,
        IProgress<ExperimentProgress>? progress, CancellationToken cancel)
    {
        Validate(s);
        CheckFolder(s, folder);
        string[] all = s.ShuffledLabels ? [ModelKinds.Trained, ModelKinds.ShuffledLabels] : [ModelKinds.Trained];
        var kinds = all.Where((_, position) => take(position)).ToArray();
        var runs = new List<(DynamicsRun, string, bool)>();
        double total = kinds.Length * s.Training.Epochs;
        for (int k = 0; k < kinds.Length; k++)
        {
            cancel.ThrowIfCancellationRequested();
            double before = k * s.Training.Epochs;
            string kind = kinds[k];
            string root = kind == ModelKinds.Trained ? Path.Combine(folder, CheckpointsFolder) : Path.Combine(folder, "controls", kind, CheckpointsFolder);
            var (run, reused) = Track(s, kind, root, (stage, share) => progress?.Report(new ExperimentProgress(Label(kind), stage, before + share * s.Training.Epochs, total)), cancel);
            runs.Add((run, root, reused));
        }
        return runs;
    }

    /// <summary>Reads the dynamics.json of an earlier run.</summary>
    public static DynamicsResult Load(string path) => ExperimentFiles.Load<DynamicsResult>(path, "a dynamics result (dynamics.json)", upgrade: SettingsLayout.UpgradeResult(DynamicsResult.CurrentSchemaVersion));

    private static string Label(string kind) => kind == ModelKinds.Trained ? "network" : "shuffled-labels twin";

    private static IReadOnlyList<string> Taps(string folder) =>
        AnalysisJson.Load(Path.Combine(folder, CheckpointsFolder, Name(0, null), AnalysisOutput.JsonFileName)).Manifest.Taps;

    /// <summary>e00 at initialisation, e03 at the end of epoch 3, e03-b0100 after batch 100 of epoch 3.</summary>
    internal static string Name(int epoch, int? batch) =>
        batch is int b ? string.Create(CultureInfo.InvariantCulture, $"e{epoch:00}-b{b:0000}") : string.Create(CultureInfo.InvariantCulture, $"e{epoch:00}");

    /// <param name="report">Told the stage and the share of this run done (training epochs and analyses weighed together).</param>
    /// <returns>The run, and whether the folder held all of it already (nothing trained or analysed).</returns>
    private static (DynamicsRun Run, bool Reused) Track(DynamicsSettings s, string kind, string root, Action<string, double> report, CancellationToken cancel)
    {
        var train = new TrainSettings
        {
            Model = s.Model, Training = s.Training, Seed = s.Seed,
            ShuffledLabels = kind == ModelKinds.ShuffledLabels, Output = Path.Combine(root, Name(0, null), ModelFile),
        };
        // Continue from the last epoch whose end was recorded whole: its model and optimiser state make the rest of
        // the run exactly the unbroken one's.
        int resumeEpoch = Enumerable.Range(1, s.Training.Epochs).Reverse().FirstOrDefault(e => Done(root, Name(e, null)) && File.Exists(Path.Combine(root, Name(e, null), "model.state")));
        var session = resumeEpoch == 0 ? TrainingSession.Start(train) : TrainingSession.Start(train, Path.Combine(root, Name(resumeEpoch, null), ModelFile));
        var trainEval = session.Train.Count > s.TrainEvaluation ? session.Train.Slice(0, s.TrainEvaluation) : session.Train;
        int stepsPerEpoch = (session.Train.Count + s.Training.BatchSize - 1) / s.Training.BatchSize;
        var checkpoints = new List<DynamicsCheckpoint>();
        for (int e = 0; resumeEpoch > 0 && e <= resumeEpoch; e++)
            foreach (string name in NamesOf(s, e, stepsPerEpoch))
                checkpoints.Add(ExperimentFiles.Load<DynamicsCheckpoint>(Path.Combine(root, name, CheckpointFile), "a checkpoint record"));

        int planned = NamesOf(s, 1, stepsPerEpoch).Count() * s.Training.Epochs + 1;
        double work = s.Training.Epochs + AnalysisWork * planned;
        void Report(string stage, double epochs) => report(stage, (epochs + AnalysisWork * checkpoints.Count) / work);
        void Checkpoint(int epoch, int? batch, bool keepState)
        {
            string name = Name(epoch, batch);
            string folder = Path.Combine(root, name);
            if (Done(root, name))
            {
                checkpoints.Add(ExperimentFiles.Load<DynamicsCheckpoint>(Path.Combine(folder, CheckpointFile), "a checkpoint record"));
                return;
            }
            double at = batch is int b ? epoch - 1 + (double)b / stepsPerEpoch : epoch;
            Report($"checkpoint {name}: evaluation and analysis", at);
            var test = session.EvaluateTest(cancel);
            var onTrain = Trainer.Evaluate(session.Model, trainEval, session.Normalization, cancel: cancel);
            string model = Path.Combine(folder, ModelFile);
            Directory.CreateDirectory(folder);
            if (keepState) session.Save(model, test.Accuracy);
            else session.SaveModel(model, test.Accuracy);
            var analysis = ModelAnalysis.Run(new AnalyzeSettings
            {
                Model = model, Dataset = s.Training.Dataset, DataDir = s.Training.DataDir, BatchSize = s.AnalysisBatch, Options = s.Analysis,
            }, cancel: cancel);
            ReportOutput.WriteFolder(analysis, folder, s.Reports, cancel: cancel);
            var record = new DynamicsCheckpoint(name, at, (long)Math.Round(at * stepsPerEpoch), onTrain.Loss, onTrain.Accuracy, test.Loss, test.Accuracy, analysis.Findings);
            ExperimentFiles.Save(record, Path.Combine(folder, CheckpointFile), "a checkpoint record");
            checkpoints.Add(record);
        }

        if (resumeEpoch == 0) Checkpoint(0, null, keepState: false);
        while (session.EpochsDone < s.Training.Epochs)
        {
            int epoch = session.EpochsDone + 1;
            var progress = new ProgressRelay<TrainProgress>(p => Report($"epoch {p.Epoch}/{p.Epochs}", epoch - 1 + (double)p.Batch / p.Batches));
            session.TrainEpoch(progress, cancel, afterStep: batch =>
            {
                if (s.EverySteps is int k && batch % k == 0 && batch < stepsPerEpoch) Checkpoint(epoch, batch, keepState: false);
            });
            Checkpoint(epoch, null, keepState: true);
        }
        report(resumeEpoch == s.Training.Epochs ? "done earlier, reused" : "done", 1);
        return (new DynamicsRun(kind, checkpoints), resumeEpoch == s.Training.Epochs);
    }

    /// <summary>The checkpoints an epoch (0: initialisation) produces, in order.</summary>
    private static IEnumerable<string> NamesOf(DynamicsSettings s, int epoch, int batches)
    {
        if (epoch > 0 && s.EverySteps is int k)
            for (int b = k; b < batches; b += k) yield return Name(epoch, b);
        yield return Name(epoch, null);
    }

    private static bool Done(string root, string name) => File.Exists(Path.Combine(root, name, CheckpointFile));

    private static void Validate(DynamicsSettings s)
    {
        s.Training.Validate();
        if (s.EverySteps is < 1) throw LayerEntropyException.ForSetting($"{Of(nameof(s.EverySteps))} must be at least 1 step (got {s.EverySteps})");
        if (s.TrainEvaluation < 1) throw LayerEntropyException.ForSetting($"{Of(nameof(s.TrainEvaluation))} must be at least 1 image (got {s.TrainEvaluation})");
        s.Analysis.Validate();
    }

    private static SettingName Of(string property) => SettingName.Of<DynamicsSettings>(property);

    /// <summary>Refuses a folder whose run was started with settings that change the network; writes them on the first run.</summary>
    private static void CheckFolder(DynamicsSettings s, string folder) =>
        ExperimentFiles.KeepSettings(FixedPart(s), FixedPart, Path.Combine(folder, CheckpointsFolder, SettingsFile), folder, "a dynamics run");

    /// <summary>The settings less what changes no number.</summary>
    private static DynamicsSettings FixedPart(DynamicsSettings s) => s with { AnalysisBatch = 500, Reports = true };

    /// <summary>Spearman's ρ per run, tap, headline measure and set between the tap's value and test accuracy over the checkpoints.</summary>
    private static DynamicsResult Summarise(DynamicsSettings s, List<DynamicsRun> runs, IReadOnlyList<string> taps)
    {
        var correlations = new List<DynamicsCorrelation>();
        foreach (var run in runs)
        {
            if (run.Checkpoints.Count == 0) continue;
            double[] accuracy = [.. run.Checkpoints.Select(c => c.TestAccuracy)];
            foreach (var f in run.Checkpoints[0].Findings)
                for (int t = 0; t < taps.Count && t < f.Values.Count; t++)
                {
                    var values = run.Checkpoints.Select(c => c.Findings.FirstOrDefault(g => g.Key == f.Key && g.Set == f.Set)?.Values[t]).ToArray();
                    double? rho = values.Any(v => v is null) ? null : DepthAnalysis.Spearman([.. values.Select(v => v!.Value)], accuracy);
                    correlations.Add(new DynamicsCorrelation(run.Model, taps[t], f.Measure, f.Statistic, f.Set, rho));
                }
        }
        var classes = runs[0].Checkpoints[0].Findings.Select(f => f.Set).Distinct().Where(x => x != InputSet.PooledName).ToArray();
        return new DynamicsResult(DynamicsResult.CurrentSchemaVersion, "layerentropy", Analyzer.ToolVersion, s, classes, taps, runs, correlations,
            Sentence(runs[0], taps, correlations));
    }

    private static string Sentence(DynamicsRun run, IReadOnlyList<string> taps, List<DynamicsCorrelation> correlations)
    {
        var first = run.Checkpoints[0];
        var last = run.Checkpoints[^1];
        var rho = taps.Select(t => correlations.FirstOrDefault(c => c.Model == run.Model && c.Tap == t && c.Key == MeasureKey.PatternMean && c.Set == InputSet.PooledName)?.Spearman).ToArray();
        string F(double? x) => x is double v ? v.ToString("+0.00;−0.00;0.00", CultureInfo.InvariantCulture) : "—";
        string P(double x) => (100 * x).ToString("0.00", CultureInfo.InvariantCulture) + "%";
        return $"test accuracy went from {P(first.TestAccuracy)} at initialisation to {P(last.TestAccuracy)} after {last.Epoch.ToString("0.##", CultureInfo.InvariantCulture)} epochs; "
            + $"Spearman's ρ between pooled pattern entropy and test accuracy over {run.Checkpoints.Count} checkpoints: "
            + string.Join(", ", taps.Select((t, i) => $"{t} {F(rho[i])}"));
    }
}
