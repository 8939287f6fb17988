using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using LayerEntropy.Reports;

namespace LayerEntropy.Tests.Reports;

/// <summary>What a decoded PNG looked like on the inside.</summary>
internal sealed record PngInfo(int ColourType, int IdatChunks, IReadOnlySet<int> FilterTypes);

/// <summary>
/// A PNG reader written from the specification for these tests, sharing no code with the encoder: its own bitwise
/// CRC, its own unfiltering. It reads 8-bit RGB and RGBA without interlacing and rejects anything it cannot vouch
/// for, a bad CRC above all.
/// </summary>
internal static class PngDecoder
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static RgbaImage Decode(byte[] png) => Decode(png, out _);

    public static RgbaImage Decode(byte[] png, out PngInfo info)
    {
        if (png.Length < 8 || !png.AsSpan(0, 8).SequenceEqual(Signature)) throw new InvalidDataException("no PNG signature");
        int offset = 8, width = 0, height = 0, colourType = -1, idatChunks = 0;
        var compressed = new MemoryStream();
        bool ended = false;
        while (!ended)
        {
            if (offset + 12 > png.Length) throw new InvalidDataException("truncated chunk");
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            if (length < 0 || offset + 12 + length > png.Length) throw new InvalidDataException("chunk length past the end");
            string type = Encoding.ASCII.GetString(png, offset + 4, 4);
            var data = png.AsSpan(offset + 8, length);
            uint stored = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + length));
            uint actual = BitwiseCrc(png.AsSpan(offset + 4, 4 + length));
            if (stored != actual) throw new InvalidDataException($"CRC mismatch in {type}: stored {stored:x8}, computed {actual:x8}");
            if (offset == 8 && type != "IHDR") throw new InvalidDataException("IHDR must come first");
            switch (type)
            {
                case "IHDR":
                    if (length != 13) throw new InvalidDataException("IHDR length");
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    colourType = data[9];
                    if (width <= 0 || height <= 0) throw new InvalidDataException("empty image");
                    if (data[8] != 8 || colourType is not (2 or 6) || data[10] != 0 || data[11] != 0 || data[12] != 0)
                        throw new InvalidDataException($"unsupported IHDR: depth {data[8]}, colour type {colourType}, methods {data[10]}/{data[11]}/{data[12]}");
                    break;
                case "IDAT":
                    compressed.Write(data);
                    idatChunks++;
                    break;
                case "IEND":
                    ended = true;
                    if (offset + 12 + length != png.Length) throw new InvalidDataException("bytes after IEND");
                    break;
                default:
                    if (char.IsUpper(type[0])) throw new InvalidDataException($"unknown critical chunk {type}");
                    break;
            }
            offset += 12 + length;
        }
        if (colourType < 0 || idatChunks == 0) throw new InvalidDataException("no IHDR or no IDAT");

        int channels = colourType == 6 ? 4 : 3;
        int stride = width * channels;
        var raw = new MemoryStream();
        compressed.Position = 0;
        using (var zlib = new ZLibStream(compressed, CompressionMode.Decompress)) zlib.CopyTo(raw);
        byte[] filtered = raw.ToArray();
        if (filtered.Length != height * (1 + stride)) throw new InvalidDataException($"{filtered.Length} bytes of image data, expected {height * (1 + stride)}");

        var filters = new HashSet<int>();
        var previous = new byte[stride];
        var image = new RgbaImage(width, height);
        for (int y = 0; y < height; y++)
        {
            int filter = filtered[y * (1 + stride)];
            filters.Add(filter);
            var row = filtered.AsSpan(y * (1 + stride) + 1, stride).ToArray();
            Unfilter(filter, row, previous, channels);
            for (int x = 0; x < width; x++)
                image[x, y] = new Rgba(row[x * channels], row[x * channels + 1], row[x * channels + 2], channels == 4 ? row[x * channels + 3] : (byte)255);
            previous = row;
        }
        info = new PngInfo(colourType, idatChunks, filters);
        return image;
    }

    private static void Unfilter(int filter, byte[] row, byte[] above, int bpp)
    {
        for (int i = 0; i < row.Length; i++)
        {
            int left = i >= bpp ? row[i - bpp] : 0, up = above[i], upLeft = i >= bpp ? above[i - bpp] : 0;
            int prediction = filter switch
            {
                0 => 0,
                1 => left,
                2 => up,
                3 => (left + up) / 2,
                4 => PaethPredictor(left, up, upLeft),
                _ => throw new InvalidDataException($"filter type {filter}"),
            };
            row[i] = unchecked((byte)(row[i] + prediction));
        }
    }

    private static int PaethPredictor(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    /// <summary>CRC-32 bit by bit, the slow way, so that it shares nothing with the encoder's table.</summary>
    internal static uint BitwiseCrc(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
        }
        return ~crc;
    }
}
