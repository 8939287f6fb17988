using System.CommandLine;
using LayerEntropy.Analysis;
using LayerEntropy.Data;
using LayerEntropy.IO;

namespace LayerEntropy.Cli.Commands;

/// <summary>`layerentropy entropy acts.npy ... --labels labels.npy`: analyses activations recorded elsewhere and saved with NumPy.</summary>
internal static class EntropyCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var files = new Argument<string[]>("activations") { Description = "One .npy file per tap, in depth order: M×N float32 or float64 (more axes are flattened)", Arity = ArgumentArity.OneOrMore };
        var labels = new Option<string>("--labels") { Description = "A .npy file of the M integer labels", Required = true };
        var tapNames = new Option<string[]>("--tap-name") { Description = "Name of each tap, once per file in order (default: the file names)" };
        var classNames = new Option<string?>("--class-names") { Description = "Comma-separated names of the classes 0, 1, 2, ..." };
        var outputDir = new Option<string?>("--output", "-o") { Description = "Folder for the result files (default: the current folder)" };
        var json = new Option<bool>("--json") { Description = "Print the result as one JSON object on stdout" };
        var analysis = new AnalysisOptionsBinder();
        var level = new OutputLevelOptions();

        var command = new Command("entropy", "Analyse activations saved with NumPy (.npy), one file per tap") { files, labels, tapNames, classNames, outputDir, json };
        analysis.AddTo(command, withModel: false);
        level.AddTo(command);
        command.SetAction((parse, cancel) =>
        {
            var settings = new EntropySettings(
                parse.GetValue(files)!, parse.GetValue(labels)!, parse.GetValue(tapNames) ?? [], ParseClassNames(parse.GetValue(classNames)),
                parse.GetValue(outputDir), parse.GetValue(json), analysis.Bind(parse));
            return Task.FromResult(Execute(settings, output, error, cancel, level.Bind(parse)));
        });
        return command;
    }

    /// <summary>Runs the analysis; a failure is reported on <paramref name="error"/> as one line and becomes the exit code.</summary>
    /// <param name="level">What to print on stdout; <see cref="OutputLevel.Quiet"/> also keeps stderr to errors.</param>
    public static int Execute(EntropySettings settings, TextWriter output, TextWriter error, CancellationToken cancel = default, OutputLevel level = OutputLevel.Default)
    {
        var info = level == OutputLevel.Quiet ? TextWriter.Null : error;
        try
        {
            settings.Options.Validate();
            string folder = settings.OutputDir ?? CommonOptions.NewFolder($"{Path.GetFileNameWithoutExtension(settings.Activations[0])}-entropy");
            OutputFolder.CheckWritable(folder);
            using var hold = OutputLock.Take(folder);
            var recorded = RecordedActivations.Load(settings.Activations, settings.Labels, settings.TapNames, settings.ClassNames?.Count, cancel);
            var result = Analyzer.AnalyzeActivations(recorded.Taps, recorded.Labels, settings.ClassNames, settings.Options, recorded.Source, cancel);
            AnalyzeCommand.WriteFolder(result, folder, report: true, info, cancel);
            if (settings.Json) output.WriteLine(AnalysisJson.Serialize(result));
            else AnalysisTables.Render(result, output, level);
            return 0;
        }
        catch (Exception ex)
        {
            return CliApp.Report(ex, error);
        }
    }

    private static string[]? ParseClassNames(string? text)
    {
        if (text is null) return null;
        string[] names = text.Split(',', StringSplitOptions.TrimEntries);
        if (names.Any(n => n.Length == 0)) throw new LayerEntropyException($"--class-names has an empty name: '{text}'");
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Length) throw new LayerEntropyException($"--class-names repeats a name: '{text}'");
        return names;
    }
}
