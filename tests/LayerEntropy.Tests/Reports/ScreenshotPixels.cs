using System.Buffers.Binary;
using System.IO.Compression;

namespace LayerEntropy.Tests.Reports;

/// <summary>How much a screenshot shows.</summary>
/// <param name="LuminanceVariance">Variance of the pixels' luminance on a 0..255 scale (0 for one flat colour).</param>
/// <param name="NonBackgroundFraction">Share of pixels that differ from the most common colour (the background).</param>
internal sealed record PixelStats(int Width, int Height, double MeanLuminance, double LuminanceVariance, double NonBackgroundFraction)
{
    /// <summary>Below this variance a screenshot counts as blank; a page of text, a table and a figure is far above it.</summary>
    public const double BlankVariance = 20;

    /// <summary>Below this share of non-background pixels a screenshot counts as blank.</summary>
    public const double BlankFraction = 0.0005;

    public bool LooksBlank => LuminanceVariance < BlankVariance || NonBackgroundFraction < BlankFraction;
}

/// <summary>
/// Decodes the PNGs chromium writes (8-bit RGB or RGBA, not interlaced) to measure how much they show; independent of
/// any PNG code in the library. Anything else is rejected rather than guessed at.
/// </summary>
internal static class ScreenshotPixels
{
    private static ReadOnlySpan<byte> Signature => [137, 80, 78, 71, 13, 10, 26, 10];

    /// <summary>The image's pixels as RGBA, row by row from the top.</summary>
    public static (int Width, int Height, byte[] Rgba) Decode(byte[] png)
    {
        if (png.Length < 8 || !png.AsSpan(0, 8).SequenceEqual(Signature)) throw new InvalidDataException("not a PNG");
        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        for (int at = 8; at + 12 <= png.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            string type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            if (length < 0 || at + 12 + length > png.Length) throw new InvalidDataException($"PNG chunk {type} runs past the end");
            var data = png.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                byte depth = data[8], colour = data[9], interlace = data[12];
                channels = colour switch { 2 => 3, 6 => 4, _ => 0 };
                if (depth != 8 || channels == 0 || interlace != 0)
                    throw new InvalidDataException($"PNG with bit depth {depth}, colour type {colour}, interlace {interlace}: only 8-bit RGB/RGBA, not interlaced");
            }
            else if (type == "IDAT") idat.Write(data);
            else if (type == "IEND") break;
            at += 12 + length;
        }
        if (channels == 0) throw new InvalidDataException("PNG without IHDR");

        int stride = width * channels;
        var raw = new byte[(long)height * (stride + 1)];
        idat.Position = 0;
        using (var z = new ZLibStream(idat, CompressionMode.Decompress)) z.ReadExactly(raw);

        var rgba = new byte[(long)width * height * 4];
        var previous = new byte[stride];
        var row = new byte[stride];
        for (int y = 0; y < height; y++)
        {
            int filter = raw[y * (stride + 1)];
            raw.AsSpan(y * (stride + 1) + 1, stride).CopyTo(row);
            for (int i = 0; i < stride; i++)
            {
                int a = i >= channels ? row[i - channels] : 0, b = previous[i], c = i >= channels ? previous[i - channels] : 0;
                row[i] += filter switch
                {
                    0 => 0,
                    1 => (byte)a,
                    2 => (byte)b,
                    3 => (byte)((a + b) / 2),
                    4 => (byte)Paeth(a, b, c),
                    _ => throw new InvalidDataException($"PNG row {y} has filter {filter}"),
                };
            }
            for (int x = 0; x < width; x++)
            {
                int o = (y * width + x) * 4;
                rgba[o] = row[x * channels];
                rgba[o + 1] = row[x * channels + 1];
                rgba[o + 2] = row[x * channels + 2];
                rgba[o + 3] = channels == 4 ? row[x * channels + 3] : (byte)255;
            }
            (previous, row) = (row, previous);
        }
        return (width, height, rgba);
    }

    /// <summary>Luminance (Rec. 601, over white where a pixel is transparent) and how many pixels are not background.</summary>
    public static PixelStats Measure(byte[] png)
    {
        var (width, height, rgba) = Decode(png);
        long n = (long)width * height;
        if (n == 0) return new PixelStats(width, height, 0, 0, 0);
        double sum = 0, squares = 0;
        var counts = new Dictionary<uint, int>();
        for (long i = 0; i < n; i++)
        {
            int o = (int)(i * 4);
            double alpha = rgba[o + 3] / 255.0;
            double y = alpha * (0.299 * rgba[o] + 0.587 * rgba[o + 1] + 0.114 * rgba[o + 2]) + (1 - alpha) * 255;
            sum += y;
            squares += y * y;
            uint colour = BinaryPrimitives.ReadUInt32LittleEndian(rgba.AsSpan(o));
            counts[colour] = counts.GetValueOrDefault(colour) + 1;
        }
        double mean = sum / n;
        double variance = Math.Max(0, squares / n - mean * mean);
        return new PixelStats(width, height, mean, variance, 1 - counts.Values.Max() / (double)n);
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
