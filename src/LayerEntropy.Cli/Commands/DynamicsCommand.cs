using System.CommandLine;
using System.Globalization;
using LayerEntropy.Analysis;
using LayerEntropy.Experiments;
using LayerEntropy.Nn;
using LayerEntropy.Reports;
using Spectre.Console;

namespace LayerEntropy.Cli.Commands;

/// <summary>`layerentropy dynamics`: entropy through training, beside accuracy, at initialisation and every checkpoint.</summary>
internal static class DynamicsCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var model = new Option<string>("--model", "-m") { Description = $"Model spec: {ModelSpec.Help}", DefaultValueFactory = _ => "mlp:512,256,128,64,32" };
        var epochs = new Option<int>("--epochs", "-e") { Description = "Epochs to train", DefaultValueFactory = _ => 10 };
        var every = new Option<int?>("--every") { Description = "Also analyse every K optimiser steps inside each epoch" };
        var seed = new Option<int>("--seed") { Description = "Seed for initialisation, shuffling and dropout", DefaultValueFactory = _ => 0 };
        var trainEval = new Option<int>("--train-eval") { Description = "Training accuracy at a checkpoint is measured on the first N training images", DefaultValueFactory = _ => 10_000 };
        var control = new Option<string[]>("--control") { Description = "Also track a twin trained on shuffled labels (shuffled-labels)", AllowMultipleArgumentsPerToken = true };
        control.AcceptOnlyFromAmong("shuffled-labels");
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap resamples per analysis", DefaultValueFactory = _ => 0 };
        var delta = new Option<double>("--delta") { Description = "δ of the saturation depth", DefaultValueFactory = _ => 0.1 };
        var noReports = new Option<bool>("--no-model-reports") { Description = "Skip each checkpoint's own report page (the run's report is still written)" };
        var outputPath = new Option<string>("--output", "-o") { Description = "Folder of the run; run the same command again to continue an interrupted run", DefaultValueFactory = _ => "dynamics" };
        var threads = new Option<int?>("--threads") { Description = "Worker threads (default: all cores); results repeat exactly for a fixed count" };
        var shard = new Option<string?>("--shard") { Description = "Take part i of n of its training runs (the network; with --control shuffled-labels, its twin) into -o and write no summary (e.g. 2/4; auto: the Slurm array task, auto/n: also a Kubernetes Indexed Job); then run the same command without --shard" };
        var json = new Option<bool>("--json") { Description = "Print dynamics.json to stdout instead of the table" };
        var command = new Command("dynamics", "Train one network and analyse it at initialisation and after every epoch (or every K steps), beside its accuracy")
        {
            model, epochs, every, seed, trainEval, control, bootstrap, delta, noReports, outputPath, threads, shard, json,
        };
        var training = new TrainingOptionsBinder();
        training.AddTo(command);
        command.SetAction((parse, cancel) =>
        {
            CommonOptions.ApplyThreads(parse.GetValue(threads));
            var part = ShardChoice.Resolve(parse.GetValue(shard));
            if (part is not null && parse.GetValue(json))
                throw new LayerEntropyException("--json prints dynamics.json, which a --shard run does not write: give --json to the run without --shard that sums the shards up");
            var settings = new DynamicsSettings
            {
                Model = parse.GetValue(model)!,
                Training = training.Bind(parse) with { Epochs = parse.GetValue(epochs) },
                Analysis = new AnalysisOptions { Bootstrap = parse.GetValue(bootstrap), Delta = parse.GetValue(delta) },
                EverySteps = parse.GetValue(every), Seed = parse.GetValue(seed), TrainEvaluation = parse.GetValue(trainEval),
                ShuffledLabels = (parse.GetValue(control) ?? []).Contains("shuffled-labels"), Reports = !parse.GetValue(noReports),
            };
            return Task.FromResult(Execute(settings, parse.GetValue(outputPath)!, parse.GetValue(json), output, error, cancel, part));
        });
        return command;
    }

    /// <param name="shard">Which part of the cells to make (index from 0, count), writing no summary; null for the whole dynamics.</param>
    public static int Execute(DynamicsSettings settings, string folder, bool json, TextWriter output, TextWriter error, CancellationToken cancel,
        (int Index, int Count)? shard = null)
    {
        if (shard is (int index, int count))
        {
            var cells = ExperimentProgressDisplay.Run(error, progress => TrainingDynamics.RunShard(settings, folder, index, count, progress, cancel));
            return ShardCells.Report(cells, (index, count), folder, "dynamics.json", output, error);
        }
        var result = ExperimentProgressDisplay.Run(error, progress => TrainingDynamics.Run(settings, folder, progress, cancel));
        var written = ExperimentOutput.WriteDynamics(result, folder);
        if (json) output.WriteLine(File.ReadAllText(Path.Combine(folder, TrainingDynamics.JsonFileName)).TrimEnd());
        else Render(result, output);
        error.WriteLine($"written: {Path.Combine(folder, TrainingDynamics.JsonFileName)}, {Path.Combine(folder, TrainingDynamics.CsvFileName)}, {written[0]}");
        return 0;
    }

    private static void Render(DynamicsResult r, TextWriter output)
    {
        var console = AnalysisTables.ConsoleFor(output, null);
        var table = new Table { Border = TableBorder.Rounded, Title = new TableTitle("Entropy through training: pooled pattern entropy (bits per unit) per tap") };
        foreach (string column in new[] { "checkpoint", "epoch", "train acc", "test acc" }.Concat(r.Taps)) table.AddColumn(column);
        foreach (var c in r.Runs[0].Checkpoints)
        {
            var curve = c.Findings.FirstOrDefault(f => f.Key == MeasureKey.PatternMean && f.Set == InputSet.PooledName);
            table.AddRow([
                c.Name, c.Epoch.ToString("0.##", CultureInfo.InvariantCulture),
                (100 * c.TrainAccuracy).ToString("0.00", CultureInfo.InvariantCulture) + "%", (100 * c.TestAccuracy).ToString("0.00", CultureInfo.InvariantCulture) + "%",
                .. r.Taps.Select((_, i) => curve?.Values[i]?.ToString("0.000", CultureInfo.InvariantCulture) ?? "—"),
            ]);
        }
        console.Write(table);
        console.WriteLine();
        console.Write(new Text(r.Summary));
        console.WriteLine();
    }
}
