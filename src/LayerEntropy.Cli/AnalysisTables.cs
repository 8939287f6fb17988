using LayerEntropy.Analysis;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace LayerEntropy.Cli;

/// <summary>
/// Shows an analysis on the terminal: the mean pattern entropy's table (with <see cref="OutputLevel.AllTables"/>, one
/// table per measure statistic, pattern mean first) with the taps down in depth order and the sets across (classes,
/// then pooled), each value with a bar scaled to the table's largest; then the accuracy on the analysed inputs, the
/// finding on one line and the notes. With many classes the class columns fold into their minimum, median and
/// maximum, so a table still fits 80–120 columns. <see cref="OutputLevel.Quiet"/> prints the finding alone.
/// </summary>
internal static class AnalysisTables
{
    /// <summary>Above this many sets, a table shows pooled and the spread over the classes instead of every class.</summary>
    public const int CompactAbove = 12;

    /// <summary>The width used when the output is not a terminal (a file, a pipe, a test).</summary>
    public const int DefaultWidth = 120;

    /// <param name="level">What to print: the finding alone, with the pattern table (the default) or with every table.</param>
    /// <param name="compact">Force the folded (true) or full (false) layout; null chooses by the number of sets.</param>
    /// <param name="width">Columns to fit; null: the terminal's width, or <see cref="DefaultWidth"/> when not a terminal.</param>
    public static void Render(AnalysisResult result, TextWriter output, OutputLevel level = OutputLevel.Default, bool? compact = null, int? width = null)
    {
        var console = ConsoleFor(output, width);
        if (level == OutputLevel.Quiet)
        {
            foreach (string line in FindingLines(result.Summary, console.Profile.Width)) output.WriteLine(line);
            return;
        }
        var cells = new TableCell(console.Profile.Capabilities.Unicode);
        bool fold = compact ?? result.Sets.Count > CompactAbove;
        var taps = result.Taps.OrderBy(t => t.Depth).ToList();
        var classes = result.Sets.Where(s => !s.IsPooled).ToList();
        var pooled = result.Sets.Where(s => s.IsPooled).ToList();
        var statistics = Statistics(result);
        foreach (var (measure, statistic) in level == OutputLevel.AllTables ? statistics : statistics.Take(1))
        {
            var view = new TableView(measure, statistic, result.Manifest.Options.Units);
            console.Write(fold ? Folded(view, taps, classes, pooled, cells) : Full(view, taps, [.. classes, .. pooled], cells));
            console.WriteLine();
        }
        if (result.Observed is { } accuracy) output.WriteLine(AccuracyLine(accuracy));
        foreach (string line in FindingLines(result.Summary, console.Profile.Width)) output.WriteLine(line);
        foreach (string warning in result.Warnings)
        {
            console.Write(new Text($"warning: {warning}", new Style(Color.Yellow)));
            console.WriteLine();
        }
    }

    /// <summary>
    /// The finding as printed: a line per clause (split at the "; " outside parentheses, each but the last keeping its
    /// ";"), a clause wider than <paramref name="width"/> wrapped at spaces with an indent of two, so that the words
    /// read, joined by spaces, as the summary does.
    /// </summary>
    internal static IEnumerable<string> FindingLines(string summary, int width)
    {
        var clauses = new List<string>();
        int depth = 0, start = 0;
        for (int i = 0; i < summary.Length; i++)
        {
            if (summary[i] == '(') depth++;
            else if (summary[i] == ')') depth = Math.Max(0, depth - 1);
            else if (depth == 0 && summary[i] == ';' && i + 1 < summary.Length && summary[i + 1] == ' ')
            {
                clauses.Add(summary[start..(i + 1)]);
                start = i + 2;
            }
        }
        clauses.Add(summary[start..]);
        foreach (string clause in clauses)
        {
            var line = new System.Text.StringBuilder();
            bool fresh = true;
            foreach (string word in clause.Split(' '))
            {
                if (!fresh && line.Length + 1 + word.Length > width)
                {
                    yield return line.ToString();
                    line.Clear().Append("  ");
                    fresh = true;
                }
                if (!fresh) line.Append(' ');
                line.Append(word);
                fresh = false;
            }
            yield return line.ToString();
        }
    }

    /// <summary>"accuracy on the analysed inputs: 97.78% (9,778 of 10,000)".</summary>
    internal static string AccuracyLine(ModelAccuracy accuracy) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"accuracy on the analysed inputs: {accuracy.Value:P2} ({accuracy.Correct:N0} of {accuracy.Inputs:N0})");

    internal static IAnsiConsole ConsoleFor(TextWriter output, int? width)
    {
        // Spectre decides on ANSI from the environment (TERM), not from where the text goes: a file or a test's
        // StringWriter must get plain text even when run from a colour terminal.
        bool terminal = (ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected)
            || (ReferenceEquals(output, Console.Error) && !Console.IsErrorRedirected);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width ?? (terminal ? console.Profile.Width : DefaultWidth);
        return console;
    }

    /// <summary>Every measure statistic with at least one value: the headline ones first, the rest as they appear.</summary>
    private static List<MeasureKey> Statistics(AnalysisResult result)
    {
        var present = result.Taps.SelectMany(t => t.Sets).SelectMany(s => s.Values).Where(v => v.Value is not null)
            .Select(v => v.Key).Distinct().ToList();
        return [.. MeasureNames.Headline.Where(present.Contains), .. present.Where(p => !MeasureNames.Headline.Contains(p))];
    }

    private static Table Full(TableView view, List<TapResult> taps, List<InputSet> sets, TableCell cells)
    {
        var values = taps.Select(t => sets.Select(s => view.Value(t, s.Name)).ToArray()).ToList();
        double max = TableCell.Max(values.SelectMany(v => v));
        var table = view.NewTable();
        foreach (var set in sets) table.AddColumn(new TableColumn(TableCell.Header(set.Name, $"n={set.Count:N0}")));
        for (int t = 0; t < taps.Count; t++)
            table.AddRow([TableCell.Tap(taps[t]), .. values[t].Select((v, j) => cells.Value(v, max, view.IsCount, view.Note(taps[t], sets[j].Name)))]);
        return table;
    }

    private static Table Folded(TableView view, List<TapResult> taps, List<InputSet> classes, List<InputSet> pooled, TableCell cells)
    {
        var rows = taps.Select(t =>
        {
            var spread = classes.Select(c => (c.Name, Value: view.Value(t, c.Name))).Where(x => x.Value is not null)
                .OrderBy(x => x.Value).ToList();
            return (Pooled: pooled.Select(p => view.Value(t, p.Name)).ToArray(), Spread: spread);
        }).ToList();
        double max = TableCell.Max(rows.SelectMany(r => r.Pooled.Concat(r.Spread.Select(x => x.Value))));
        var table = view.NewTable();
        foreach (var set in pooled) table.AddColumn(new TableColumn(TableCell.Header(set.Name, $"n={set.Count:N0}")));
        string of = $"of {classes.Count:N0} classes";
        foreach (string name in new[] { "min", "median", "max" }) table.AddColumn(new TableColumn(TableCell.Header(name, of)));
        for (int t = 0; t < taps.Count; t++)
        {
            var (p, spread) = rows[t];
            var row = new List<IRenderable> { TableCell.Tap(taps[t]) };
            row.AddRange(p.Select((v, j) => cells.Value(v, max, view.IsCount, view.Note(taps[t], pooled[j].Name))));
            row.Add(spread.Count == 0 ? cells.Value(null, max, view.IsCount) : cells.Value(spread[0].Value, max, view.IsCount, spread[0].Name));
            row.Add(cells.Value(Median(spread.Select(x => x.Value!.Value).ToList()), max, view.IsCount));
            row.Add(spread.Count == 0 ? cells.Value(null, max, view.IsCount) : cells.Value(spread[^1].Value, max, view.IsCount, spread[^1].Name));
            table.AddRow(row);
        }
        return table;
    }

    private static double? Median(List<double> sorted) => sorted.Count == 0 ? null
        : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
        : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}
