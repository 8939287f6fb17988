using System.CommandLine;
using System.Globalization;
using LayerEntropy.Analysis;
using LayerEntropy.Experiments;
using LayerEntropy.Reports;
using Spectre.Console;

namespace LayerEntropy.Cli.Commands;

/// <summary>`layerentropy sweep`: one network per FC depth and seed, trained and analysed, and how many FC layers a model needs.</summary>
internal static class SweepCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var baseSpec = new Option<string>("--base") { Description = "mlp (FC layers on the pixels) or a cnn spec with an empty FC head, e.g. cnn:c32,p,c64,p|", DefaultValueFactory = _ => "mlp" };
        var depths = new Option<string>("--depths") { Description = "Numbers of hidden FC layers to train, e.g. 1..6 or 1,2,4", DefaultValueFactory = _ => "1..6" };
        var width = new Option<int>("--width") { Description = "Units per hidden FC layer (of the first one with --taper)", DefaultValueFactory = _ => 256 };
        var taper = new Option<bool>("--taper") { Description = $"Halve the width at each further layer (never below {HeadSpec.MinimumWidth})" };
        var epochs = new Option<int>("--epochs", "-e") { Description = "Epochs per network", DefaultValueFactory = _ => 5 };
        var seeds = new Option<int>("--seeds") { Description = "Networks per depth, with seeds 0..N-1", DefaultValueFactory = _ => 3 };
        var control = new Option<string[]>("--control") { Description = "Add the shuffled-labels control (a twin per network trained on shuffled labels); the reinit control is always there", AllowMultipleArgumentsPerToken = true };
        control.AcceptOnlyFromAmong("shuffled-labels");
        var twinMaxEpochs = CommonOptions.TwinMaxEpochs();
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap resamples per analysis (0: the spread over seeds is the uncertainty)", DefaultValueFactory = _ => 0 };
        var delta = new Option<double>("--delta") { Description = "δ of the saturation depth", DefaultValueFactory = _ => 0.1 };
        var tolerance = new Option<double>("--accuracy-tolerance") { Description = "Points of test accuracy a deeper head must add to count as better", DefaultValueFactory = _ => 0.1 };
        var noReports = new Option<bool>("--no-model-reports") { Description = "Skip each network's own report page (the sweep's report is still written)" };
        var outputPath = new Option<string>("--output", "-o") { Description = "Folder of the sweep; run the same command again to continue an interrupted sweep", DefaultValueFactory = _ => "sweep" };
        var threads = new Option<int?>("--threads") { Description = "Worker threads (default: all cores); results repeat exactly for a fixed count" };
        var shard = new Option<string?>("--shard") { Description = "Take part i of n of its networks (depth × seed, in order) into -o and write no summary (e.g. 2/4; auto: the Slurm array task, auto/n: also a Kubernetes Indexed Job); then run the same command without --shard" };
        var json = new Option<bool>("--json") { Description = "Print sweep.json to stdout instead of the table" };
        var command = new Command("sweep", "Train one network per FC depth (and seed), analyse each, and tell how many FC layers the model needs")
        {
            baseSpec, depths, width, taper, epochs, seeds, control, twinMaxEpochs, bootstrap, delta, tolerance, noReports, outputPath, threads, shard, json,
        };
        var training = new TrainingOptionsBinder();
        training.AddTo(command);
        command.SetAction((parse, cancel) =>
        {
            CommonOptions.ApplyThreads(parse.GetValue(threads));
            var part = ShardChoice.Resolve(parse.GetValue(shard));
            if (part is not null && parse.GetValue(json))
                throw new LayerEntropyException("--json prints sweep.json, which a --shard run does not write: give --json to the run without --shard that sums the shards up");
            var settings = new SweepSettings
            {
                Training = training.Bind(parse) with { Epochs = parse.GetValue(epochs) },
                Analysis = new AnalysisOptions { Bootstrap = parse.GetValue(bootstrap), Delta = parse.GetValue(delta) },
                Base = parse.GetValue(baseSpec)!, Depths = OptionText.Depths(parse.GetValue(depths)!), Width = parse.GetValue(width), Taper = parse.GetValue(taper),
                Seeds = parse.GetValue(seeds), ShuffledLabels = (parse.GetValue(control) ?? []).Contains("shuffled-labels"), TwinMaxEpochs = parse.GetValue(twinMaxEpochs),
                AccuracyTolerance = parse.GetValue(tolerance), Reports = !parse.GetValue(noReports),
            };
            return Task.FromResult(Execute(settings, parse.GetValue(outputPath)!, parse.GetValue(json), output, error, cancel, part));
        });
        return command;
    }

    /// <param name="shard">Which part of the cells to make (index from 0, count), writing no summary; null for the whole sweep.</param>
    public static int Execute(SweepSettings settings, string folder, bool json, TextWriter output, TextWriter error, CancellationToken cancel,
        (int Index, int Count)? shard = null)
    {
        if (shard is (int index, int count))
        {
            var cells = ExperimentProgressDisplay.Run(error, progress => DepthSweep.RunShard(settings, folder, index, count, progress, cancel));
            return ShardCells.Report(cells, (index, count), folder, "sweep.json", output, error);
        }
        var result = ExperimentProgressDisplay.Run(error, progress => DepthSweep.Run(settings, folder, progress, cancel));
        var written = ExperimentOutput.WriteSweep(result, folder);
        if (json) output.WriteLine(File.ReadAllText(Path.Combine(folder, DepthSweep.JsonFileName)).TrimEnd());
        else Render(result, output);
        error.WriteLine($"written: {Path.Combine(folder, DepthSweep.JsonFileName)}, {Path.Combine(folder, DepthSweep.CsvFileName)}, {written[0]}");
        return 0;
    }

    internal static void Render(SweepResult r, TextWriter output)
    {
        var console = AnalysisTables.ConsoleFor(output, null);
        var table = new Table { Border = TableBorder.Rounded, Title = new TableTitle("FC depth sweep: test accuracy, pooled pattern entropy (bits per unit) and the saturation depth per class") };
        // ℓ* as the recommendation reads it: the median over seeds and classes whose per-class curve drops.
        foreach (string column in new[] { "FC depth", "test accuracy", "entropy by layer", "monotonic, pooled", "ℓ* per class", "ℓ* per class, reinit" }) table.AddColumn(column);
        foreach (var d in r.Depths)
        {
            var curve = d.Curves.First(c => c.Model == ModelKinds.Trained && c.Key == MeasureKey.PatternMean && c.Set == InputSet.PooledName);
            var f = Finding(d, ModelKinds.Trained);
            table.AddRow(
                d.Depth.ToString(CultureInfo.InvariantCulture),
                Accuracy(d.Accuracy),
                string.Join(" ", curve.Layers.Select(l => l is null ? "—" : l.Mean.ToString("0.000", CultureInfo.InvariantCulture))),
                f is null ? "—" : $"{f.Monotonic} of {f.Seeds}",
                Saturation(d, ModelKinds.Trained), Saturation(d, ModelKinds.Reinit));
        }
        console.Write(table);
        console.WriteLine();
        console.Write(new Text(r.Recommendation.Text));
        console.WriteLine();
    }

    private static ProfileFinding? Finding(DepthResult d, string model) =>
        d.Findings.FirstOrDefault(x => x.Model == model && x.Key == MeasureKey.PatternMean && x.Set == InputSet.PooledName);

    /// <summary>The median per-class ℓ* the recommendation cites (<see cref="DepthResult.ClassSaturation"/>); "—" where too few curves drop.</summary>
    private static string Saturation(DepthResult d, string model) => d.ClassSaturation(model).Median?.ToString("0.#", CultureInfo.InvariantCulture) ?? "—";

    /// <summary>"98.17% ± 0.04" over the seeds; with one seed, no spread to give: "98.17% (1 seed)".</summary>
    internal static string Accuracy(Spread a) => a.Values.Count < 2
        ? string.Create(CultureInfo.InvariantCulture, $"{100 * a.Mean:0.00}% (1 seed)")
        : string.Create(CultureInfo.InvariantCulture, $"{100 * a.Mean:0.00}% ± {100 * a.Sd:0.00}");
}
