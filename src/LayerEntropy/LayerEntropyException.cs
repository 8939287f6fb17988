using System.Globalization;
using System.Text;

namespace LayerEntropy;

/// <summary>
/// A problem with what the user gave us (a file, a path, an option): the message is one line that names
/// the file and says what is wrong. The command line prints it without a stack trace and exits with code 2.
/// Control characters and line breaks in the message (quoted from a damaged file, or in a file's name) are
/// written as escapes, so the message stays one line whatever it quotes.
/// A setting out of its range, or at odds with another, is named by its <see cref="SettingName"/> ("TrainingOptions.Epochs
/// must be at least 1 (got 0)"); a front end that knows the settings by other names (the command line's flags) words the
/// same message with them through <see cref="Describe"/>.
/// </summary>
public class LayerEntropyException : Exception
{
    private readonly FormattableString? text;

    public LayerEntropyException(string message, Exception? inner = null) : base(OneLine(message), inner) { }

    private LayerEntropyException(FormattableString text, Exception? inner) : base(OneLine(Format(text, n => n.ToString())), inner) => this.text = text;

    /// <summary>Builds the message "<paramref name="path"/>: <paramref name="problem"/>".</summary>
    public static LayerEntropyException ForFile(string path, string problem, Exception? inner = null) =>
        new($"{path}: {problem}", inner);

    /// <summary>A problem with settings: <paramref name="text"/> holds each setting it names as a <see cref="SettingName"/> among its holes.</summary>
    public static LayerEntropyException ForSetting(FormattableString text, Exception? inner = null) => new(text, inner);

    /// <summary>The settings the message names, in order (none for a problem with a file).</summary>
    public IReadOnlyList<SettingName> Settings => text is null ? [] : [.. text.GetArguments().OfType<SettingName>().Distinct()];

    /// <summary>The message with every setting it names called by <paramref name="name"/>, on one line.</summary>
    public string Describe(Func<SettingName, string> name) => text is null ? Message : OneLine(Format(text, name));

    private static string Format(FormattableString text, Func<SettingName, string> name) =>
        string.Format(CultureInfo.CurrentCulture, text.Format, [.. text.GetArguments().Select(a => a is SettingName n ? name(n) : a)]);

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
