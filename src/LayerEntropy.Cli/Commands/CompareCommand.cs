using System.CommandLine;
using System.Globalization;
using LayerEntropy.Analysis;
using LayerEntropy.Experiments;

namespace LayerEntropy.Cli.Commands;

/// <summary>`layerentropy compare a/analysis.json b/analysis.json ...`: ranks saved analyses by their entropy profiles, beside test accuracy.</summary>
internal static class CompareCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var files = new Argument<string[]>("analyses") { Description = "Two or more analysis.json files (checkpoints of one run, or different models); each run is labelled by its folder", Arity = ArgumentArity.OneOrMore };
        var measure = new Option<string>("--measure") { Description = "The measure to line up", DefaultValueFactory = _ => MeasureNames.Pattern };
        measure.AcceptOnlyFromAmong(MeasureNames.Pattern, MeasureNames.Codeword, MeasureNames.Magnitude, MeasureNames.Binned, MeasureNames.LabelInformation, MeasureNames.Census);
        var statistic = new Option<string?>("--statistic") { Description = "Which of its statistics (default: its headline one: pattern mean, codeword normalized, ...)" };
        var set = new Option<string>("--set") { Description = "The input set: pooled or a class name", DefaultValueFactory = _ => InputSet.PooledName };
        var score = new Option<string>("--score") { Description = "A run's score: its value at the last tapped layer (the last hidden FC layer with analyze's default taps), or its mean over the layers. Rank 1 is the lowest score: the most stable activation patterns, which the paper reads as the better-trained model", DefaultValueFactory = _ => "last" };
        score.AcceptOnlyFromAmong("last", "mean");
        var accuracy = new Option<string>("--accuracy") { Description = "Test accuracies: 'model' (what layerentropy train recorded in each analysis's model file, when that file is still there unchanged), 'none', or one fraction per analysis separated by commas (0.97,0.95,...)", DefaultValueFactory = _ => "model" };
        var outputDir = new Option<string?>("--output", "-o") { Description = "Also write comparison.json and comparison.csv into this folder" };
        var json = new Option<bool>("--json") { Description = "Print comparison.json to stdout instead of the table" };
        var command = new Command("compare", "Rank saved analyses by their entropy profiles and see whether the ranking follows test accuracy")
        {
            files, measure, statistic, set, score, accuracy, outputDir, json,
        };
        command.SetAction((parse, cancel) =>
        {
            var (source, given) = ParseAccuracy(parse.GetValue(accuracy)!);
            var options = new ComparisonOptions
            {
                Measure = parse.GetValue(measure)!,
                Statistic = parse.GetValue(statistic),
                Set = parse.GetValue(set)!,
                Score = parse.GetValue(score) == "mean" ? ScoreKind.Mean : ScoreKind.Last,
                Accuracy = source,
                Accuracies = given,
            };
            var settings = new CompareSettings(parse.GetValue(files)!, options, parse.GetValue(outputDir), parse.GetValue(json));
            return Task.FromResult(Execute(settings, output, error));
        });
        return command;
    }

    public static int Execute(CompareSettings settings, TextWriter output, TextWriter error)
    {
        var result = ModelComparison.Compare(settings.Analyses, settings.Options);
        if (settings.Json) output.Write(ComparisonOutput.Serialize(result));
        else ComparisonTable.Render(result, output);
        if (settings.OutputDir is { } folder)
            error.WriteLine($"written: {string.Join(", ", ComparisonOutput.Write(result, folder))}");
        return 0;
    }

    internal static (AccuracySource Source, IReadOnlyList<double>? Given) ParseAccuracy(string text)
    {
        if (text == "model") return (AccuracySource.Model, null);
        if (text == "none") return (AccuracySource.None, null);
        var given = new List<double>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
            given.Add(double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double a) && double.IsFinite(a) ? a
                : throw new LayerEntropyException($"--accuracy must be model, none, or fractions separated by commas (got '{text}')"));
        return (AccuracySource.Given, given);
    }
}
