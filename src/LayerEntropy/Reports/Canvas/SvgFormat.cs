using System.Globalization;
using System.Text;

namespace LayerEntropy.Reports;

/// <summary>How SVG output spells numbers and text.</summary>
internal static class SvgFormat
{
    /// <summary>
    /// Invariant culture, at most two decimals, trailing zeros trimmed: a hundredth of a CSS pixel is below what
    /// any screen or printer shows, and short numbers keep files with thousands of points small.
    /// </summary>
    public static string Number(double value)
    {
        string text = Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture);
        return text == "-0" ? "0" : text;
    }

    /// <summary>
    /// Escapes the five XML specials (so the text is safe in content and in either kind of quoted attribute) and
    /// drops what XML 1.0 cannot hold at all: control characters other than tab, line feed and carriage return,
    /// unpaired surrogates, U+FFFE and U+FFFF. A label is never worth an unparsable file.
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
                continue;
            }
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '"': builder.Append("&quot;"); break;
                case '\'': builder.Append("&apos;"); break;
                default:
                    if (IsXmlChar(c)) builder.Append(c);
                    break;
            }
        }
        return builder.ToString();
    }

    /// <summary>
    /// The colour as the named paint attribute ("#rrggbb") plus, unless opaque, its opacity attribute: SVG 1.1 paints
    /// have no alpha channel.
    /// </summary>
    public static string Paint(string attribute, Rgba colour) =>
        colour.A == 255
            ? $" {attribute}=\"{colour.Hex}\""
            : $" {attribute}=\"{colour.Hex}\" {attribute}-opacity=\"{Number(colour.A / 255.0)}\"";

    private static bool IsXmlChar(char c) =>
        c is '\t' or '\n' or '\r' || (c >= 0x20 && c < 0xFFFE && !char.IsSurrogate(c));
}
