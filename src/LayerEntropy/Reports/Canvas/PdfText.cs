namespace LayerEntropy.Reports;

/// <summary>
/// One line of text split into runs of one standard font each, as byte codes of that font's encoding: Helvetica
/// (WinAnsiEncoding) for Latin text, Symbol for Greek and mathematical signs, the oblique for ℓ (drawn as an
/// italic l); any other character is drawn as '?', as the raster canvas does.
/// </summary>
internal static class PdfText
{
    /// <summary>The resource names of the fonts, as <see cref="PdfDocument"/> declares them.</summary>
    public static readonly (string Name, string BaseFont)[] Fonts =
    [
        ("F1", "Helvetica"), ("F2", "Helvetica-Bold"), ("F3", "Helvetica-Oblique"), ("F4", "Helvetica-BoldOblique"), ("F5", "Symbol"),
    ];

    /// <summary>A run: its font's resource name, its codes, and its width in thousandths of the font size.</summary>
    public sealed record Run(string Font, byte[] Codes, double Width);

    public static IReadOnlyList<Run> Runs(string text, bool bold)
    {
        var runs = new List<Run>();
        string? font = null;
        var codes = new List<byte>();
        double width = 0;
        foreach (char ch in text)
        {
            var (f, code, w) = Encode(ch, bold);
            if (f != font && codes.Count > 0)
            {
                runs.Add(new Run(font!, [.. codes], width));
                codes.Clear();
                width = 0;
            }
            font = f;
            codes.Add(code);
            width += w;
        }
        if (codes.Count > 0) runs.Add(new Run(font!, [.. codes], width));
        return runs;
    }

    private static (string Font, byte Code, double Width) Encode(char ch, bool bold)
    {
        short[] widths = bold ? PdfFontMetrics.HelveticaBold : PdfFontMetrics.Helvetica;
        string latin = bold ? "F2" : "F1";
        if (WinAnsi(ch) is byte code && widths[code - PdfFontMetrics.FirstCode] > 0) return (latin, code, widths[code - PdfFontMetrics.FirstCode]);
        if (PdfFontMetrics.Symbol.TryGetValue(ch, out var symbol)) return ("F5", symbol.Code, symbol.Width);
        if (ch == 'ℓ') return (bold ? "F4" : "F3", (byte)'l', widths['l' - PdfFontMetrics.FirstCode]);
        return (latin, (byte)'?', widths['?' - PdfFontMetrics.FirstCode]);
    }

    private static byte? WinAnsi(char ch) => ch switch
    {
        >= ' ' and <= '~' => (byte)ch,
        >= '\u00A0' and <= '\u00FF' => (byte)ch,
        _ => PdfFontMetrics.WinAnsiHigh.TryGetValue(ch, out byte b) ? b : null,
    };
}
