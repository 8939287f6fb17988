using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace LayerEntropy.Reports;

/// <summary>
/// Assembles a one-page PDF 1.4 file (ISO 32000-1's object syntax, a cross-reference table, Flate-compressed
/// streams) around a page's content stream, its images and the opacities it uses.
/// </summary>
internal static class PdfDocument
{
    public static byte[] Write(double width, double height, string content, IReadOnlyList<RgbaImage> images, IReadOnlyCollection<int> opacities, string title)
    {
        var objects = new List<byte[]>();
        int Add(byte[] body) { objects.Add(body); return objects.Count; }
        byte[] Dict(string text) => Encoding.ASCII.GetBytes(text);

        // 1 catalog, 2 pages, 3 page, 4 content, 5 info, then fonts and images.
        int catalog = Add(Dict("<< /Type /Catalog /Pages 2 0 R >>"));
        int pages = Add(Dict("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"));
        int page = Add([]);
        int stream = Add(Stream("", Encoding.ASCII.GetBytes(content)));
        int info = Add(Dict($"<< /Title {Literal(title)} /Producer (LayerEntropy) >>"));
        var fonts = new StringBuilder();
        foreach (var (name, baseFont) in PdfText.Fonts)
        {
            bool symbol = baseFont == "Symbol";
            short[]? widths = symbol ? null : baseFont.StartsWith("Helvetica-Bold", StringComparison.Ordinal) ? PdfFontMetrics.HelveticaBold : PdfFontMetrics.Helvetica;
            string metrics = widths is null ? "" : $" /Encoding /WinAnsiEncoding /FirstChar {PdfFontMetrics.FirstCode} /LastChar 255 /Widths [{string.Join(' ', widths)}]";
            fonts.Append($"/{name} {Add(Dict($"<< /Type /Font /Subtype /Type1 /BaseFont /{baseFont}{metrics} >>"))} 0 R ");
        }
        var xobjects = new StringBuilder();
        for (int i = 0; i < images.Count; i++)
        {
            var (rgb, alpha) = Planes(images[i]);
            string mask = "";
            if (alpha is not null)
                mask = $" /SMask {Add(Stream($"/Type /XObject /Subtype /Image /Width {images[i].Width} /Height {images[i].Height} /ColorSpace /DeviceGray /BitsPerComponent 8", alpha))} 0 R";
            int id = Add(Stream($"/Type /XObject /Subtype /Image /Width {images[i].Width} /Height {images[i].Height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Interpolate false{mask}", rgb));
            xobjects.Append($"/Im{i + 1} {id} 0 R ");
        }
        string states = string.Concat(opacities.Select(a => $"/A{a} << /ca {PdfCanvas.N(a / 255.0)} /CA {PdfCanvas.N(a / 255.0)} >> "));
        objects[page - 1] = Dict($"<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 {PdfCanvas.N(width)} {PdfCanvas.N(height)}] /Contents {stream} 0 R "
            + $"/Resources << /Font << {fonts}>> /XObject << {xobjects}>> /ExtGState << {states}>> >> >>");

        using var file = new MemoryStream();
        void Ascii(string s) => file.Write(Encoding.ASCII.GetBytes(s));
        // The header, then a comment of high bytes that marks the file as binary for transfer programs.
        Ascii("%PDF-1.4\n");
        file.Write([(byte)'%', 0xE2, 0xE3, 0xCF, 0xD3, (byte)'\n']);
        var offsets = new long[objects.Count];
        for (int i = 0; i < objects.Count; i++)
        {
            offsets[i] = file.Position;
            Ascii($"{i + 1} 0 obj\n");
            file.Write(objects[i]);
            Ascii("\nendobj\n");
        }
        long xref = file.Position;
        Ascii($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (long o in offsets) Ascii($"{o.ToString("D10", CultureInfo.InvariantCulture)} 00000 n \n");
        Ascii($"trailer\n<< /Size {objects.Count + 1} /Root {catalog} 0 R /Info {info} 0 R >>\nstartxref\n{xref.ToString(CultureInfo.InvariantCulture)}\n%%EOF\n");
        return file.ToArray();
    }

    /// <summary>A Flate-compressed stream object with the extra dictionary entries given.</summary>
    private static byte[] Stream(string entries, byte[] data)
    {
        using var packed = new MemoryStream();
        using (var z = new ZLibStream(packed, CompressionLevel.Optimal, leaveOpen: true)) z.Write(data);
        byte[] body = packed.ToArray();
        var head = Encoding.ASCII.GetBytes($"<< {entries} /Filter /FlateDecode /Length {body.Length} >>\nstream\n");
        return [.. head, .. body, .. "\nendstream"u8];
    }

    /// <summary>The image's RGB samples, and its alpha samples where any pixel is not opaque.</summary>
    private static (byte[] Rgb, byte[]? Alpha) Planes(RgbaImage image)
    {
        int n = image.Width * image.Height;
        var rgb = new byte[3 * n];
        var alpha = new byte[n];
        bool opaque = true;
        for (int i = 0; i < n; i++)
        {
            rgb[3 * i] = image.Pixels[4 * i];
            rgb[3 * i + 1] = image.Pixels[4 * i + 1];
            rgb[3 * i + 2] = image.Pixels[4 * i + 2];
            alpha[i] = image.Pixels[4 * i + 3];
            opaque &= alpha[i] == 255;
        }
        return (rgb, opaque ? null : alpha);
    }

    /// <summary>A PDF text string: UTF-16BE with its byte order mark, as a hex string, so any character survives.</summary>
    private static string Literal(string text) => $"<FEFF{Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(text))}>";
}
