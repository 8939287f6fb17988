using LayerEntropy.Analysis;

namespace LayerEntropy.Experiments;

/// <summary>
/// The depth sweep: one network per FC depth and seed, each trained, analysed on the test split beside its controls,
/// then summed up per depth with the recommendation. Every model lives in its own folder under runs/ and is marked
/// done by its cell.json, so an interrupted sweep, run again with the same settings, continues with the models it
/// had not finished and ends with the numbers of an unbroken run.
/// </summary>
public static class DepthSweep
{
    public const string RunsFolder = "runs";
    public const string SettingsFile = "settings.json";
    public const string JsonFileName = "sweep.json";
    public const string CsvFileName = "sweep.csv";

    /// <summary>An analysis costs about this share of one training epoch in the progress count.</summary>
    private const double AnalysisWork = 0.5;

    public static SweepResult Run(SweepSettings s, string folder, IProgress<ExperimentProgress>? progress = null, CancellationToken cancel = default)
    {
        var results = RunCells(s, folder, _ => true, progress, cancel).Select(c => (c.Cell, c.Analysis)).ToList();
        var result = SweepSummary.Build(s, results);
        ExperimentFiles.SaveText(SweepCsv.Serialize(results), Path.Combine(folder, CsvFileName), "the sweep table");
        ExperimentFiles.Save(result, Path.Combine(folder, JsonFileName), "the sweep result");
        return result;
    }

    /// <summary>
    /// One shard of the sweep, for array tasks that share the folder: the cells (networks, depth by depth and seed by
    /// seed, in the order <see cref="Run"/> takes them) whose position p has p mod <paramref name="count"/> =
    /// <paramref name="index"/>, each trained and analysed into the folder an unbroken run gives it, or reused when
    /// found complete. Writes no summary: <see cref="Run"/> on the same folder, once every shard is done, reuses every
    /// cell and writes sweep.json as a run in one process would.
    /// </summary>
    /// <param name="index">The shard, from 0.</param>
    /// <param name="count">How many shards share the cells.</param>
    public static IReadOnlyList<ExperimentCell> RunShard(SweepSettings s, string folder, int index, int count,
        IProgress<ExperimentProgress>? progress = null, CancellationToken cancel = default)
    {
        return [.. RunCells(s, folder, ExperimentCell.Shard(index, count), progress, cancel).Select(c => new ExperimentCell(c.Name, c.Folder, c.Reused))];
    }

    /// <summary>Trains and analyses the cells whose position <paramref name="take"/> accepts, or reuses them when complete.</summary>
    private static List<(SweepCell Cell, AnalysisResult Analysis, string Name, string Folder, bool Reused)> RunCells(SweepSettings s, string folder,
        Func<int, bool> take, IProgress<ExperimentProgress>? progress, CancellationToken cancel)
    {
        Validate(s);
        foreach (int depth in s.Depths) HeadSpec.For(s.Base, depth, s.Width, s.Taper);
        CheckFolder(s, folder);

        var cells = s.Depths.SelectMany(d => Enumerable.Range(0, s.Seeds).Select(seed => (Depth: d, Seed: seed)))
            .Where((_, position) => take(position)).ToArray();
        double perModel = s.Training.Epochs * (s.ShuffledLabels ? 2 : 1) + AnalysisWork * (s.ShuffledLabels ? 3 : 2);
        double total = perModel * cells.Length, done = 0;
        var results = new List<(SweepCell, AnalysisResult, string, string, bool)>();
        foreach (var (depth, seed) in cells)
        {
            cancel.ThrowIfCancellationRequested();
            string model = $"depth {depth}, seed {seed}";
            string cellFolder = SweepCellRun.Folder(folder, depth, seed);
            if (Finished(cellFolder, depth, seed) is var (earlierCell, earlierAnalysis))
            {
                results.Add((earlierCell, earlierAnalysis, model, cellFolder, true));
                done += perModel;
                progress?.Report(new ExperimentProgress(model, "done earlier, reused", done, total));
                continue;
            }
            // Whatever an interrupted run left of this cell (a model without its analysis, temporary files) goes, so the
            // cell is made afresh and its cell.json, written last, marks a complete one.
            ExperimentFiles.Clear(cellFolder, "an unfinished sweep model");
            double before = done;
            var (cell, analysis) = SweepCellRun.Run(s, depth, seed, cellFolder, (stage, within) => progress?.Report(new ExperimentProgress(model, stage, before + within, total)), cancel);
            results.Add((cell, analysis, model, cellFolder, false));
            done = before + perModel;
            progress?.Report(new ExperimentProgress(model, "done", done, total));
        }
        return results;
    }

    /// <summary>Reads the sweep.json of an earlier sweep.</summary>
    public static SweepResult Load(string path) => ExperimentFiles.Load<SweepResult>(path, "a sweep result (sweep.json)", upgrade: SettingsLayout.UpgradeResult(SweepResult.CurrentSchemaVersion));

    private static void Validate(SweepSettings s)
    {
        if (s.Depths.Count == 0) throw LayerEntropyException.ForSetting($"{Of(nameof(s.Depths))} names no depth");
        if (s.Seeds < 1) throw LayerEntropyException.ForSetting($"{Of(nameof(s.Seeds))} must be at least 1 (got {s.Seeds})");
        s.Training.Validate();
        if (!(s.AccuracyTolerance >= 0)) throw LayerEntropyException.ForSetting($"{Of(nameof(s.AccuracyTolerance))} must be 0 or more points (got {s.AccuracyTolerance})");
        s.Analysis.Validate();
    }

    private static SettingName Of(string property) => SettingName.Of<SweepSettings>(property);

    /// <summary>
    /// The folder's settings.json says what its models were trained with. A rerun may ask for other depths or more
    /// seeds (their models are added), but anything that changes a model must match, or the folder is refused.
    /// </summary>
    private static void CheckFolder(SweepSettings s, string folder) =>
        ExperimentFiles.KeepSettings(FixedPart(s), FixedPart, Path.Combine(folder, RunsFolder, SettingsFile), folder, "a sweep");

    /// <summary>What every model of the folder shares: the settings less the depths, the seeds and what changes no number.</summary>
    private static SweepSettings FixedPart(SweepSettings s) => s with { Depths = [], Seeds = 1, AnalysisBatch = 500, Reports = true };

    private static (SweepCell, AnalysisResult)? Finished(string folder, int depth, int seed)
    {
        string path = Path.Combine(folder, SweepCellRun.FileName);
        string analysis = Path.Combine(folder, AnalysisOutput.JsonFileName);
        // cell.json is written last; a cell that has lost its model or its analysis since is not complete, and is made again.
        if (!File.Exists(path) || !File.Exists(analysis) || !File.Exists(Path.Combine(folder, ControlModels.ModelFileName))) return null;
        var cell = ExperimentFiles.Load<SweepCell>(path, "a sweep model's record");
        if (cell.Depth != depth || cell.Seed != seed) throw LayerEntropyException.ForFile(path, $"records depth {cell.Depth}, seed {cell.Seed} in the folder of depth {depth}, seed {seed}");
        return (cell, AnalysisJson.Load(analysis));
    }
}
