using System.CommandLine;
using LayerEntropy.Analysis;

namespace LayerEntropy.Cli.Commands;

/// <summary>`layerentropy merge part-*.json -o analysis.json`: the single run's result from its shards.</summary>
internal static class MergeCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var parts = new Argument<string[]>("parts") { Description = "Part files written by analyze --shard", Arity = ArgumentArity.OneOrMore };
        var outputPath = new Option<string>("--output", "-o") { Description = "The merged analysis.json (measures.csv is written beside it)", DefaultValueFactory = _ => "analysis.json" };
        var json = new Option<bool>("--json") { Description = "Print the merged analysis.json to stdout instead of the tables" };
        var command = new Command("merge", "Merge the parts of a sharded analysis into the single run's result") { parts, outputPath, json };
        command.SetAction((parse, cancel) => Task.FromResult(Execute(parse.GetValue(parts)!, parse.GetValue(outputPath)!, parse.GetValue(json), output, error, cancel)));
        return command;
    }

    public static int Execute(IReadOnlyList<string> partPaths, string outputPath, bool json, TextWriter output, TextWriter error, CancellationToken cancel)
    {
        var parts = partPaths.Select(AnalysisPartFile.Load).ToArray();
        var result = Analyzer.Merge(parts, cancel);
        string folder = Path.GetDirectoryName(Path.GetFullPath(outputPath))!;
        Directory.CreateDirectory(folder);
        AnalysisJson.Save(result, outputPath);
        string csv = Path.Combine(folder, AnalysisOutput.CsvFileName);
        MeasuresCsv.Save(result, csv);
        if (json) output.WriteLine(AnalysisJson.Serialize(result));
        else AnalysisTables.Render(result, output);
        error.WriteLine($"merged {parts.Length} parts ({result.Manifest.Inputs} inputs): {outputPath}, {csv}");
        AnalyzeCommand.WriteReport(result, folder, error);
        return 0;
    }
}
