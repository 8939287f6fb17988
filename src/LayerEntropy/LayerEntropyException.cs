using System.Globalization;
using System.Text;

namespace LayerEntropy;

/// <summary>
/// A problem with what the user gave us (a file, a path, an option): the message is one line that names
/// the file and says what is wrong. The command line prints it without a stack trace and exits with code 2.
/// Control characters and line breaks in the message (quoted from a damaged file, or in a file's name) are
/// written as escapes, so the message stays one line whatever it quotes.
/// </summary>
public class LayerEntropyException : Exception
{
    public LayerEntropyException(string message, Exception? inner = null) : base(OneLine(message), inner) { }

    /// <summary>Builds the message "<paramref name="path"/>: <paramref name="problem"/>".</summary>
    public static LayerEntropyException ForFile(string path, string problem, Exception? inner = null) =>
        new($"{path}: {problem}", inner);

    /// <summary><paramref name="text"/> with every control character and line or paragraph separator written as an escape (\n, \r, \t, \xNN, \uNNNN).</summary>
    internal static string OneLine(string text)
    {
        if (!text.Any(Breaks)) return text;
        var line = new StringBuilder(text.Length + 16);
        foreach (char c in text)
            line.Append(c switch
            {
                '\n' => @"\n",
                '\r' => @"\r",
                '\t' => @"\t",
                _ when !Breaks(c) => c.ToString(),
                _ when c <= 0xFF => string.Create(CultureInfo.InvariantCulture, $@"\x{(int)c:X2}"),
                _ => string.Create(CultureInfo.InvariantCulture, $@"\u{(int)c:X4}"),
            });
        return line.ToString();
    }

    private static bool Breaks(char c) =>
        char.IsControl(c) || char.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
