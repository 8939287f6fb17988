using System.Buffers.Binary;
using System.IO.Compression;

namespace LayerEntropy.Reports;

/// <summary>
/// Writes an <see cref="RgbaImage"/> as a PNG file: 8 bits per channel, no interlacing. Images whose every pixel is
/// opaque are written as RGB (colour type 2), a quarter smaller before compression; the rest as RGBA (colour type
/// 6). The same pixels always give the same bytes.
/// </summary>
internal static class PngEncoder
{
    private static ReadOnlySpan<byte> Signature => [137, 80, 78, 71, 13, 10, 26, 10];

    // Decoders accept one IDAT of any size, but splitting keeps each chunk's CRC pass and buffer modest.
    private const int MaxIdatLength = 1 << 18;

    private const byte ColourTypeRgb = 2;
    private const byte ColourTypeRgba = 6;

    public static byte[] Encode(RgbaImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        bool opaque = IsOpaque(image.Pixels);
        int channels = opaque ? 3 : 4;

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            WriteFilteredRows(image, channels, zlib);

        using var output = new MemoryStream();
        output.Write(Signature);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, image.Width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], image.Height);
        header[8] = 8; // bits per channel
        header[9] = opaque ? ColourTypeRgb : ColourTypeRgba;
        header[10] = 0; // deflate
        header[11] = 0; // adaptive filtering
        header[12] = 0; // no interlace
        WriteChunk(output, "IHDR"u8, header);
        var data = compressed.GetBuffer().AsSpan(0, (int)compressed.Length);
        for (int offset = 0; offset < data.Length; offset += MaxIdatLength)
            WriteChunk(output, "IDAT"u8, data.Slice(offset, Math.Min(MaxIdatLength, data.Length - offset)));
        WriteChunk(output, "IEND"u8, []);
        return output.ToArray();
    }

    private static bool IsOpaque(byte[] rgba)
    {
        for (int i = 3; i < rgba.Length; i += 4)
            if (rgba[i] != 255) return false;
        return true;
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        output.Write(type);
        output.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Update(Crc32.Update(0xFFFFFFFFu, type), data) ^ 0xFFFFFFFFu);
        output.Write(word);
    }

    /// <summary>
    /// Each row goes out with the filter whose output has the smallest sum of absolute values (bytes read as
    /// signed), libpng's heuristic: small residuals compress best, and trying all five costs little next to deflate.
    /// </summary>
    private static void WriteFilteredRows(RgbaImage image, int channels, Stream output)
    {
        int stride = image.Width * channels;
        var previous = new byte[stride]; // the row above the first is all zeros
        var current = new byte[stride];
        var candidates = new byte[5][];
        for (int f = 0; f < 5; f++) candidates[f] = new byte[1 + stride];

        for (int y = 0; y < image.Height; y++)
        {
            CopyRow(image, y, channels, current);
            int best = 0;
            long bestSum = long.MaxValue;
            for (int f = 0; f < 5; f++)
            {
                long sum = ApplyFilter(f, current, previous, channels, candidates[f]);
                if (sum < bestSum) (best, bestSum) = (f, sum);
            }
            output.Write(candidates[best]);
            (previous, current) = (current, previous);
        }
    }

    private static void CopyRow(RgbaImage image, int y, int channels, byte[] row)
    {
        var source = image.Pixels.AsSpan(y * image.Width * 4, image.Width * 4);
        if (channels == 4)
        {
            source.CopyTo(row);
            return;
        }
        for (int x = 0, o = 0; x < source.Length; x += 4, o += 3)
        {
            row[o] = source[x];
            row[o + 1] = source[x + 1];
            row[o + 2] = source[x + 2];
        }
    }

    /// <summary>Writes the filter type and the filtered row to <paramref name="output"/> and returns the row's cost.</summary>
    private static long ApplyFilter(int filter, byte[] row, byte[] above, int bpp, byte[] output)
    {
        output[0] = (byte)filter;
        long sum = 0;
        for (int i = 0; i < row.Length; i++)
        {
            int a = i >= bpp ? row[i - bpp] : 0;
            int b = above[i];
            int c = i >= bpp ? above[i - bpp] : 0;
            int predicted = filter switch
            {
                0 => 0,
                1 => a,
                2 => b,
                3 => (a + b) >> 1,
                _ => Paeth(a, b, c),
            };
            byte value = (byte)(row[i] - predicted);
            output[1 + i] = value;
            sum += Math.Abs((int)(sbyte)value);
        }
        return sum;
    }

    /// <summary>The PNG specification's predictor: whichever of left, above and upper-left is nearest a + b - c.</summary>
    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        if (pa <= pb && pa <= pc) return a;
        return pb <= pc ? b : c;
    }
}
