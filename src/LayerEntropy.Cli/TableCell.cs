using System.Globalization;
using LayerEntropy.Analysis;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace LayerEntropy.Cli;

/// <summary>The cells of the analysis tables: a value to three decimals over a bar scaled to the table's largest value.</summary>
internal sealed class TableCell(bool unicode)
{
    /// <summary>A full bar is this many characters wide; eighth blocks give it 48 steps.</summary>
    private const int BarWidth = 6;

    /// <summary>Left eighth blocks: one to seven eighths of a character.</summary>
    private const string Eighths = "▏▎▍▌▋▊▉";

    /// <summary>Longest class name shown under a minimum or maximum before it is cut.</summary>
    private const int NoteWidth = 18;

    private static readonly Style Dim = new(decoration: Decoration.Dim);
    private static readonly Style BarStyle = new(Color.Blue);

    public IRenderable Value(double? value, double max, bool count, string? note = null)
    {
        if (value is not { } x) return new Text(unicode ? "–" : "-", Dim);
        // Rounding first keeps a tiny negative (−1e−17 from cancellation) from showing as "-0.000".
        double shown = Math.Round(x, count ? 0 : 3);
        var lines = new List<IRenderable> { new Text((shown == 0 ? 0 : shown).ToString(count ? "0" : "0.000", CultureInfo.InvariantCulture)) };
        // The bar line stays even when empty, so that notes line up across a row.
        lines.Add(new Text(Bar(x, max), BarStyle));
        if (note is not null) lines.Add(new Text(note.Length > NoteWidth ? note[..(NoteWidth - 1)] + (unicode ? "…" : "~") : note, Dim));
        return new Rows(lines);
    }

    public static IRenderable Header(string name, string detail) => new Rows(new Text(name, new Style(decoration: Decoration.Bold)), new Text(detail, Dim));

    public static IRenderable Tap(TapResult tap) => new Rows(new Text(tap.Name), new Text(tap.Units.ToString("N0", CultureInfo.InvariantCulture), Dim));

    /// <summary>The largest value, the length of a full bar; 0 when there is nothing positive to draw.</summary>
    public static double Max(IEnumerable<double?> values) => values.Where(v => v > 0).Select(v => v!.Value).DefaultIfEmpty(0).Max();

    private string Bar(double value, double max)
    {
        if (!(max > 0 && value > 0)) return "";
        if (!unicode) return new string('#', (int)Math.Round(Math.Min(value / max, 1) * BarWidth));
        int eighths = (int)Math.Round(Math.Min(value / max, 1) * BarWidth * 8);
        return new string('█', eighths / 8) + (eighths % 8 > 0 ? Eighths[eighths % 8 - 1].ToString() : "");
    }
}
