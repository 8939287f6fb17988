using System.Buffers.Binary;
using System.IO.Compression;

namespace LayerEntropy.Reports;

/// <summary>
/// DejaVu Sans (regular and bold) as antialiased bitmaps at one reference size, loaded once from the embedded
/// glyph atlas that Font/make_font.py writes. Both canvases measure text with its advance widths, so a layout
/// computed for SVG fits the PNG too. Characters outside the atlas draw and measure as '?'.
/// </summary>
internal sealed class GlyphFont
{
    private const string ResourceName = "LayerEntropy.Reports.Font.DejaVuSans.glyphs";
    private const char Fallback = '?';

    private static readonly Lazy<GlyphFont> Shared = new(Load);

    private readonly Dictionary<int, Glyph>[] faces; // regular, bold

    private GlyphFont(int pixelsPerEm, double ascent, double descent, Dictionary<int, Glyph>[] faces)
    {
        PixelsPerEm = pixelsPerEm;
        Ascent = ascent;
        Descent = descent;
        this.faces = faces;
    }

    /// <summary>The embedded font.</summary>
    public static GlyphFont DejaVuSans => Shared.Value;

    /// <summary>The size, in pixels per em, that the bitmaps were rasterised at.</summary>
    public int PixelsPerEm { get; }

    /// <summary>Height above the baseline that the font's lines reserve, in ems (capitals reach about 0.73).</summary>
    public double Ascent { get; }

    /// <summary>Depth below the baseline that the font's lines reserve, in ems, positive.</summary>
    public double Descent { get; }

    public bool Contains(char character, bool bold = false) => faces[bold ? 1 : 0].ContainsKey(character);

    /// <summary>The glyph that draws <paramref name="codePoint"/>: '?' where the atlas has none.</summary>
    public Glyph Find(int codePoint, bool bold = false)
    {
        var face = faces[bold ? 1 : 0];
        return face.TryGetValue(codePoint, out var glyph) ? glyph : face[Fallback];
    }

    /// <summary>The glyphs of one line of text with their pen positions in ems from its start (no kerning).</summary>
    public IEnumerable<(Glyph Glyph, double Pen)> Layout(string text, bool bold = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        double pen = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var glyph = Find(rune.Value, bold);
            yield return (glyph, pen);
            pen += glyph.Advance;
        }
    }

    /// <summary>The advance width of <paramref name="text"/> at font size <paramref name="size"/>, in the same units as the size.</summary>
    public double Measure(string text, double size, bool bold = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        double ems = 0;
        foreach (var rune in text.EnumerateRunes()) ems += Find(rune.Value, bold).Advance;
        return ems * size;
    }

    private static GlyphFont Load()
    {
        using var resource = typeof(GlyphFont).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the glyph atlas {ResourceName} is not embedded in the assembly");
        using var zlib = new ZLibStream(resource, CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        zlib.CopyTo(buffer);
        return Parse(buffer.ToArray());
    }

    /// <summary>Reads the format that make_font.py documents.</summary>
    internal static GlyphFont Parse(ReadOnlySpan<byte> data)
    {
        var reader = new SpanReader(data);
        if (!reader.Take(4).SequenceEqual("LEGF"u8)) throw new InvalidDataException("not a glyph atlas (magic)");
        if (reader.Byte() != 1) throw new InvalidDataException("unsupported glyph atlas version");
        int pixelsPerEm = reader.Byte();
        int unitsPerEm = reader.UInt16();
        int ascender = reader.UInt16(), descender = reader.UInt16();
        int faceCount = reader.Byte();
        if (pixelsPerEm == 0 || unitsPerEm == 0 || faceCount != 2) throw new InvalidDataException("glyph atlas header is inconsistent");
        var faces = new Dictionary<int, Glyph>[faceCount];
        for (int f = 0; f < faceCount; f++)
        {
            int count = reader.UInt16();
            faces[f] = new Dictionary<int, Glyph>(count);
            for (int g = 0; g < count; g++)
            {
                uint codePoint = reader.UInt32();
                if (codePoint > char.MaxValue || char.IsSurrogate((char)codePoint)) throw new InvalidDataException($"glyph atlas code point U+{codePoint:X} is outside the BMP");
                double advance = reader.UInt16() / (double)unitsPerEm;
                int left = (sbyte)reader.Byte(), top = (sbyte)reader.Byte();
                int width = reader.Byte(), height = reader.Byte();
                faces[f][(int)codePoint] = new Glyph((char)codePoint, advance, left, top, width, height, reader.Take(width * height).ToArray());
            }
            if (!faces[f].ContainsKey(Fallback)) throw new InvalidDataException("glyph atlas lacks the fallback '?'");
        }
        if (!reader.AtEnd) throw new InvalidDataException("glyph atlas has trailing bytes");
        return new GlyphFont(pixelsPerEm, ascender / (double)unitsPerEm, descender / (double)unitsPerEm, faces);
    }

    private ref struct SpanReader(ReadOnlySpan<byte> data)
    {
        private ReadOnlySpan<byte> rest = data;

        public readonly bool AtEnd => rest.IsEmpty;

        public ReadOnlySpan<byte> Take(int count)
        {
            if (count > rest.Length) throw new InvalidDataException("glyph atlas is truncated");
            var taken = rest[..count];
            rest = rest[count..];
            return taken;
        }

        public byte Byte() => Take(1)[0];
        public ushort UInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));
        public uint UInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));
    }
}
