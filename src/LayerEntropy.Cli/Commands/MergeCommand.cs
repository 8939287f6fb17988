using System.CommandLine;
using LayerEntropy.Analysis;
using LayerEntropy.IO;

namespace LayerEntropy.Cli.Commands;

/// <summary>`layerentropy merge DIR` (or part files): the single run's result from its shards, written into DIR.</summary>
internal static class MergeCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var parts = new Argument<string[]>("parts") { Description = "The folder of parts written by analyze --shard i/n -o DIR (or the part files)", Arity = ArgumentArity.OneOrMore };
        var outputPath = new Option<string?>("--output", "-o") { Description = "The merged analysis.json (measures.csv and the report beside it; default: analysis.json in the folder of parts, or here)" };
        var json = new Option<bool>("--json") { Description = "Print the merged analysis.json to stdout instead of the tables and the finding" };
        var noReport = new Option<bool>("--no-report") { Description = "Write only the data files, not report.html and figures/" };
        var command = new Command("merge", "Merge the parts of a sharded analysis into the single run's result") { parts, outputPath, json, noReport };
        var level = new OutputLevelOptions();
        level.AddTo(command);
        command.SetAction((parse, cancel) => Task.FromResult(Execute(parse.GetValue(parts)!, parse.GetValue(outputPath), parse.GetValue(json), output, error, cancel, level.Bind(parse), !parse.GetValue(noReport))));
        return command;
    }

    /// <param name="level">What to print on stdout; <see cref="OutputLevel.Quiet"/> also keeps stderr to errors.</param>
    /// <param name="report">Also write report.html and figures/ beside the data files.</param>
    public static int Execute(IReadOnlyList<string> partPaths, string? outputPath, bool json, TextWriter output, TextWriter error, CancellationToken cancel,
        OutputLevel level = OutputLevel.Default, bool report = true)
    {
        if (level == OutputLevel.Quiet) error = TextWriter.Null;
        outputPath ??= partPaths is [var only] && Directory.Exists(only) ? Path.Combine(only, "analysis.json") : "analysis.json";
        string folder = Path.GetDirectoryName(Path.GetFullPath(outputPath))!;
        using var hold = OutputLock.Take(folder);
        var parts = MergeParts.Load(partPaths);
        var result = Analyzer.Merge(parts, cancel);
        AnalyzeCommand.WriteFolder(result, folder, report, TextWriter.Null, cancel, Path.GetFileName(outputPath));
        // The text written, whose array references (big taps) are named after the output file.
        if (json) output.WriteLine(File.ReadAllText(outputPath));
        else AnalysisTables.Render(result, output, level);
        error.WriteLine($"merged {parts.Count} parts ({result.Manifest.Inputs} inputs): {outputPath}, {Path.Combine(folder, AnalysisOutput.CsvFileName)}");
        if (report) error.WriteLine($"report: {Path.Combine(folder, Reports.ReportPage.FileName)}");
        return 0;
    }
}
