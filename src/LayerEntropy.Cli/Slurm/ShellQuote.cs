using System.Text.RegularExpressions;

namespace LayerEntropy.Cli.Slurm;

/// <summary>Words for a POSIX shell script: left bare when every character is safe, else in single quotes.</summary>
internal static partial class ShellQuote
{
    public static string Word(string text) =>
        text.Length > 0 && Safe().IsMatch(text) ? text : "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    public static string Words(IEnumerable<string> words) => string.Join(" ", words.Select(Word));

    [GeneratedRegex("^[A-Za-z0-9_@%+=:,./-]+$")]
    private static partial Regex Safe();
}
