using System.CommandLine;

namespace LayerEntropy.Cli;

/// <summary>--all-tables and --quiet, which the commands that print an analysis share, and their binding to <see cref="OutputLevel"/>.</summary>
internal sealed class OutputLevelOptions
{
    private readonly Option<bool> allTables = new("--all-tables") { Description = "Print a table per measure statistic (codeword, magnitude, binned, label information, census), not only the pattern entropy's" };
    private readonly Option<bool> quiet = new("--quiet", "-q") { Description = "Print only the finding: no tables, no accuracy, no notes, and nothing on stderr but errors" };

    public void AddTo(Command command)
    {
        command.Add(allTables);
        command.Add(quiet);
    }

    public OutputLevel Bind(ParseResult parse) => (parse.GetValue(allTables), parse.GetValue(quiet)) switch
    {
        (true, true) => throw new LayerEntropyException("--all-tables and --quiet ask for opposite things: give one of them"),
        (true, false) => OutputLevel.AllTables,
        (false, true) => OutputLevel.Quiet,
        _ => OutputLevel.Default,
    };
}
