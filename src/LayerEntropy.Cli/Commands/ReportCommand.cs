using System.CommandLine;
using System.Text.Json;
using LayerEntropy.Analysis;
using LayerEntropy.Experiments;
using LayerEntropy.IO;
using LayerEntropy.Reports;

namespace LayerEntropy.Cli.Commands;

/// <summary>
/// `layerentropy report FILE -o report.html`: redraws a page (and, on request, the figure files) from the JSON alone:
/// an analysis.json, sweep.json, dynamics.json or comparison.json, told apart by what the file holds.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var input = new Argument<string>("file") { Description = "An analysis.json (analyze, merge, entropy), sweep.json, dynamics.json or comparison.json (compare -o)" };
        var outputPath = new Option<string?>("--output", "-o") { Description = "The report page to write (default: report.html beside the JSON)" };
        var figures = new Option<string?>("--figures") { Description = "Also write every figure of an analysis as its own SVG or PNG file into this folder (experiments and comparisons always write figures/ beside the page)" };
        var pdf = new Option<bool>("--pdf") { Description = "Also write every figure as a vector PDF beside its SVG or PNG (in --figures, else figures/ beside the page)" };
        var command = new Command("report", "Draw the report page (figures inline, one self-contained HTML file) from an analysis, sweep, dynamics or comparison JSON") { input, outputPath, figures, pdf };
        command.SetAction((parse, cancel) => Task.FromResult(Execute(parse.GetValue(input)!, parse.GetValue(outputPath), parse.GetValue(figures), error, parse.GetValue(pdf), cancel)));
        return command;
    }

    public static int Execute(string jsonPath, string? outputPath, string? figuresFolder, TextWriter error, bool pdf = false, CancellationToken cancel = default)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(jsonPath))!;
        string page = outputPath ?? Path.Combine(folder, ReportPage.FileName);
        var kind = Kind(jsonPath);
        if (kind != "analysis" && figuresFolder is not null)
            throw new LayerEntropyException($"--figures is for an analysis.json; a {kind} page writes its figures into figures/ beside the page");
        using var hold = OutputLock.Take(Path.GetDirectoryName(Path.GetFullPath(page))!);
        var written = kind switch
        {
            "sweep" => ExperimentOutput.Sweep(DepthSweep.Load(jsonPath), page, pdf, cancel),
            "dynamics" => ExperimentOutput.Dynamics(TrainingDynamics.Load(jsonPath), page, pdf, cancel),
            "comparison" => ExperimentOutput.WriteComparison(ComparisonOutput.Load(jsonPath), page, pdf, cancel),
            _ => ReportOutput.Write(AnalysisJson.Load(jsonPath), page, figuresFolder, folder, pdf, cancel),
        };
        string where = written.Count < 2 ? "" : $" ({written.Count - 1} figure files in {Path.GetDirectoryName(written[1])})";
        error.WriteLine($"report: {Path.GetFullPath(page)}{where}");
        return 0;
    }

    /// <summary>
    /// Which of the program's files <paramref name="path"/> is, from the members only that kind has at the top level.
    /// Text that is not a JSON object is left to the analysis reader, whose messages say what is wrong with it.
    /// </summary>
    internal static string Kind(string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return "analysis";
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return "analysis";
            bool Has(params string[] names) => names.All(n => root.TryGetProperty(n, out _));
            if (Has("manifest")) return "analysis";
            if (Has("depths", "recommendation")) return "sweep";
            if (Has("runs", "correlations", "taps")) return "dynamics";
            if (Has("runs", "ranking", "score_vs_accuracy")) return "comparison";
            throw LayerEntropyException.ForFile(path, "not an analysis, sweep, dynamics or comparison file (none of the members that tell them apart: manifest, depths, correlations, ranking)");
        }
    }
}
