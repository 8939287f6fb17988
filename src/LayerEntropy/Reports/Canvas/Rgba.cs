using System.Globalization;

namespace LayerEntropy.Reports;

/// <summary>An sRGB colour with straight (not premultiplied) alpha.</summary>
internal readonly record struct Rgba(byte R, byte G, byte B, byte A = 255)
{
    public static readonly Rgba White = new(255, 255, 255);
    public static readonly Rgba Black = new(0, 0, 0);
    public static readonly Rgba Transparent = new(0, 0, 0, 0);

    /// <summary>Parses "#rrggbb" or "#rrggbbaa".</summary>
    public static Rgba FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        if (hex.Length is not (7 or 9) || hex[0] != '#') throw new FormatException($"not a colour: {hex}");
        byte Part(int i) => byte.Parse(hex.AsSpan(1 + 2 * i, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return new Rgba(Part(0), Part(1), Part(2), hex.Length == 9 ? Part(3) : (byte)255);
    }

    /// <summary>The same colour with alpha <paramref name="opacity"/> (0..1).</summary>
    public Rgba WithOpacity(double opacity) => this with { A = (byte)Math.Round(Math.Clamp(opacity, 0, 1) * 255) };

    /// <summary>"#rrggbb", the colour without its alpha.</summary>
    public string Hex => string.Create(CultureInfo.InvariantCulture, $"#{R:x2}{G:x2}{B:x2}");
}
