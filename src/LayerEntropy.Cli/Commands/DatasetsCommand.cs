using System.CommandLine;
using LayerEntropy.Data;

namespace LayerEntropy.Cli.Commands;

/// <summary>`layerentropy datasets`: the known datasets, where each was found and whether its files check out.</summary>
internal static class DatasetsCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder searched first (then $LAYERENTROPY_DATA, then ~/.cache/layerentropy)" };
        var json = new Option<bool>("--json") { Description = "Print the survey as JSON" };
        var command = new Command("datasets", "List the known datasets, where each was found and each file's checksum state") { dataDir, json };
        command.SetAction(parse => Execute(parse.GetValue(dataDir), parse.GetValue(json), output));
        return command;
    }

    public static int Execute(string? dataDir, bool json, TextWriter output)
    {
        var catalog = new DatasetCatalog(dataDir);
        var survey = catalog.Survey();
        if (json)
        {
            output.WriteLine(JsonOutput.Serialize(survey.Select(d => new
            {
                d.Name, d.Folder, d.IsReady, d.Searched, DownloadUrl = d.DownloadUrl.ToString(),
                Files = d.Files.Select(f => new { f.Name, f.Path, Check = f.Check.ToString().ToLowerInvariant(), f.Detail }),
            })));
            return 0;
        }
        output.WriteLine($"searched, in order: {string.Join(", ", catalog.Roots)}");
        foreach (var d in survey)
        {
            string where = d.Folder ?? $"not found (would be downloaded from {d.DownloadUrl} into {catalog.CacheDir})";
            output.WriteLine();
            output.WriteLine($"{d.Name}: {(d.IsReady ? "ready" : "not ready")}, {where}");
            foreach (var f in d.Files)
                output.WriteLine($"  {Mark(f.Check)} {f.Name,-30} {f.Detail}");
        }
        return 0;
    }

    private static string Mark(FileCheck check) => check switch
    {
        FileCheck.Ok => "ok      ",
        FileCheck.SizeOnly => "size ok ",
        FileCheck.Mismatch => "MISMATCH",
        _ => "missing ",
    };
}
