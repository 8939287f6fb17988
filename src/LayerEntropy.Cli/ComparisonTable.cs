using System.Globalization;
using LayerEntropy.Analysis;
using LayerEntropy.Experiments;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace LayerEntropy.Cli;

/// <summary>
/// Shows a comparison on the terminal: one row per run in rank order, its value at each depth and its score (each
/// with a bar scaled to the table's largest value) and its test accuracy; then the ranking sentence, how each
/// depth's values follow accuracy, and the warnings.
/// </summary>
internal static class ComparisonTable
{
    public static void Render(ComparisonResult result, TextWriter output, int? width = null)
    {
        var console = AnalysisTables.ConsoleFor(output, width);
        var cells = new TableCell(console.Profile.Capabilities.Unicode);
        var view = new TableView(result.Measure, result.Statistic, result.Units);
        var position = result.Ranking.Select((label, i) => (label, i)).ToDictionary(x => x.label, x => x.i, StringComparer.Ordinal);
        var runs = result.Runs.OrderBy(r => position[r.Label]).ToList();
        double max = TableCell.Max(runs.SelectMany(r => r.Curve.Select(v => (double?)v).Append(r.Score)));

        var table = new Table { Border = TableBorder.Rounded, Title = new TableTitle(Markup.Escape($"{view.Title}, {SetName(result.Set)}"), new Style(decoration: Decoration.Bold)) };
        table.AddColumn(new TableColumn(TableCell.Header("rank", "")).RightAligned());
        table.AddColumn(new TableColumn(TableCell.Header("run", "model")));
        foreach (var tap in result.TapsVsAccuracy)
            table.AddColumn(new TableColumn(TableCell.Header(tap.Tap ?? $"depth {tap.Depth}", $"depth {tap.Depth}")));
        table.AddColumn(new TableColumn(TableCell.Header("score", result.Score == ScoreKind.Last ? "last layer" : "mean")));
        table.AddColumn(new TableColumn(TableCell.Header("test acc.", "")));
        foreach (var run in runs)
        {
            var row = new List<IRenderable>
            {
                new Text(run.Rank.ToString(CultureInfo.InvariantCulture)),
                new Rows(new Text(run.Label), new Text(run.Model is null ? "-" : Path.GetFileName(run.Model), new Style(decoration: Decoration.Dim))),
            };
            for (int d = 0; d < result.TapsVsAccuracy.Count; d++)
                row.Add(cells.Value(d < run.Curve.Count ? run.Curve[d] : null, max, view.IsCount, d < run.Curve.Count && result.TapsVsAccuracy[d].Tap is null ? run.Taps[d] : null));
            row.Add(cells.Value(run.Score, max, view.IsCount));
            row.Add(new Text(run.TestAccuracy is { } a ? Percent(a) : "-"));
            table.AddRow(row);
        }
        console.Write(table);
        console.WriteLine();
        Line(console, output, result.Summary);
        if (result.TapsVsAccuracy.Any(t => t.Spearman is not null))
        {
            string byTap = string.Join(", ", result.TapsVsAccuracy.Select(t =>
                $"{t.Tap ?? $"depth {t.Depth}"} {(t.Spearman is { } rho ? Signed(rho) : "-")} ({t.Runs} runs)"));
            Line(console, output, $"Spearman ρ of each layer's value with test accuracy: {byTap}");
        }
        foreach (string warning in result.Warnings) Line(console, output, $"warning: {warning}", new Style(Color.Yellow));
    }

    /// <summary>
    /// A sentence after the table: through Spectre on a terminal (colour, wrapped to its width), else one unbroken
    /// line, so that a pipe or a file can be searched line by line.
    /// </summary>
    private static void Line(IAnsiConsole console, TextWriter output, string text, Style? style = null)
    {
        if (!console.Profile.Capabilities.Ansi)
        {
            output.WriteLine(text);
            return;
        }
        console.Write(new Text(text, style));
        console.WriteLine();
    }

    private static string Signed(double x) => x.ToString("0.00", CultureInfo.InvariantCulture).Replace("-", "\u2212", StringComparison.Ordinal);

    private static string Percent(double fraction) => (100 * fraction).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    private static string SetName(string set) => set == InputSet.PooledName ? "pooled set" : $"set {set}";
}
