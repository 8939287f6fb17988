using System.CommandLine;
using LayerEntropy.Analysis;
using LayerEntropy.Reports;

namespace LayerEntropy.Cli.Commands;

/// <summary>`layerentropy report analysis.json -o report.html`: redraws the report page (and, on request, the figure files) from the JSON alone.</summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var input = new Argument<string>("analysis") { Description = "An analysis.json written by analyze, merge or entropy" };
        var outputPath = new Option<string?>("--output", "-o") { Description = "The report page to write (default: report.html beside the JSON)" };
        var figures = new Option<string?>("--figures") { Description = "Also write every figure as its own SVG or PNG file into this folder" };
        var command = new Command("report", "Draw the report page (figures inline, one self-contained HTML file) from an analysis.json") { input, outputPath, figures };
        command.SetAction((parse, cancel) => Task.FromResult(Execute(parse.GetValue(input)!, parse.GetValue(outputPath), parse.GetValue(figures), error)));
        return command;
    }

    public static int Execute(string jsonPath, string? outputPath, string? figuresFolder, TextWriter error)
    {
        var result = AnalysisJson.Load(jsonPath);
        string folder = Path.GetDirectoryName(Path.GetFullPath(jsonPath))!;
        string page = outputPath ?? Path.Combine(folder, ReportPage.FileName);
        var written = ReportOutput.Write(result, page, figuresFolder, folder);
        error.WriteLine($"report: {Path.GetFullPath(page)}" + (figuresFolder is null ? "" : $" ({written.Count - 1} figures in {figuresFolder})"));
        return 0;
    }
}
