using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using LayerEntropy.Reports;
using LayerEntropy.Tensors;

namespace LayerEntropy.Data;

/// <summary>
/// Reads PNG files into the planar bytes a <see cref="Dataset"/> stores: the signature, then chunks whose CRC-32 is
/// checked one by one: IHDR first, PLTE, the IDAT chunks (one zlib stream across all of them), IEND; tRNS and other
/// ancillary chunks are skipped, an unknown critical chunk is refused. All five row filters are undone. Read are
/// 8-bit grayscale (1 channel), RGB and RGBA (3 channels; alpha is dropped), grayscale of 1, 2 and 4 bits (scaled to
/// 0..255 as v·255/(2^depth − 1)) and palette images of 1 to 8 bits (3 channels, RGB from PLTE). Interlaced files,
/// 16-bit samples and grayscale with alpha are refused with what to save instead.
/// </summary>
internal static class PngDecoder
{
    private static ReadOnlySpan<byte> Signature => [137, 80, 78, 71, 13, 10, 26, 10];

    private const byte Gray = 0, Rgb = 2, Palette = 3, GrayAlpha = 4, Rgba = 6;

    /// <summary>The image in <paramref name="path"/>: its size, channels (1 or 3) and pixels, channel planes one after another.</summary>
    public static (int Width, int Height, int Channels, byte[] Pixels) Read(string path) =>
        FileErrors.Guard(path, () => Decode(File.ReadAllBytes(path), path));

    /// <summary>Decodes <paramref name="png"/>; errors name <paramref name="path"/>.</summary>
    public static (int Width, int Height, int Channels, byte[] Pixels) Decode(ReadOnlySpan<byte> png, string path)
    {
        if (png.Length < Signature.Length || !png[..Signature.Length].SequenceEqual(Signature))
            throw LayerEntropyException.ForFile(path, png.Length == 0 ? "the file is empty, not a PNG image" : "not a PNG image: it does not start with the PNG signature");

        Header? header = null;
        byte[]? palette = null;
        using var idat = new MemoryStream();
        int at = Signature.Length;
        while (true)
        {
            if (png.Length - at < 12)
                throw LayerEntropyException.ForFile(path, at == png.Length ? "truncated file: it ends without an IEND chunk" : $"truncated file: it ends inside a chunk header at byte {at}");
            uint length = BinaryPrimitives.ReadUInt32BigEndian(png[at..]);
            ReadOnlySpan<byte> type = png.Slice(at + 4, 4);
            string name = ChunkName(type);
            if (length > int.MaxValue || length > png.Length - at - 12)
            {
                long present = png.Length - at - 8;
                throw LayerEntropyException.ForFile(path, $"truncated file: chunk {name} claims {length} data bytes but the file ends " +
                    (present < length ? $"{present} bytes into them" : "before its CRC"));
            }
            ReadOnlySpan<byte> data = png.Slice(at + 8, (int)length);
            uint stored = BinaryPrimitives.ReadUInt32BigEndian(png[(at + 8 + (int)length)..]);
            if (Crc32.Compute(png.Slice(at + 4, 4 + (int)length)) != stored)
                throw LayerEntropyException.ForFile(path, $"PNG chunk {name} has a bad CRC (file damaged)");
            at += 12 + (int)length;

            if (header is null && name != "IHDR")
                throw LayerEntropyException.ForFile(path, $"missing IHDR chunk: the first chunk is {name}");
            switch (name)
            {
                case "IHDR":
                    if (header is not null) throw LayerEntropyException.ForFile(path, "a second IHDR chunk");
                    header = Header.Parse(data, path);
                    break;
                case "PLTE":
                    if (length % 3 != 0 || length is 0 or > 768)
                        throw LayerEntropyException.ForFile(path, $"PLTE chunk of {length} bytes is not 1 to 256 RGB entries");
                    palette = data.ToArray();
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
                case "IEND":
                    return Pixels(header!, palette, idat, path);
                default:
                    if ((type[0] & 0x20) == 0)
                        throw LayerEntropyException.ForFile(path, $"unknown critical chunk {name}; this decoder reads IHDR, PLTE, IDAT and IEND");
                    break; // ancillary (tRNS, gAMA, pHYs, text, ...): not needed for the pixels
            }
        }
    }

    private static (int, int, int, byte[]) Pixels(Header h, byte[]? palette, MemoryStream idat, string path)
    {
        if (h.ColourType == Palette && palette is null) throw LayerEntropyException.ForFile(path, "palette image without a PLTE chunk");
        if (idat.Length == 0) throw LayerEntropyException.ForFile(path, "no IDAT chunk: the file holds no image data");
        byte[] raw = Inflate(idat, h, path);
        Unfilter(raw, h, path);

        int channels = h.ColourType == Gray ? 1 : 3;
        var interleaved = new byte[(long)h.Width * h.Height * channels];
        for (int y = 0; y < h.Height; y++)
        {
            ReadOnlySpan<byte> row = raw.AsSpan(y * (h.RowBytes + 1) + 1, h.RowBytes);
            Span<byte> target = interleaved.AsSpan(y * h.Width * channels, h.Width * channels);
            switch (h.ColourType)
            {
                case Rgb:
                    row.CopyTo(target);
                    break;
                case Rgba:
                    for (int x = 0; x < h.Width; x++) row.Slice(4 * x, 3).CopyTo(target[(3 * x)..]);
                    break;
                case Gray when h.BitDepth == 8:
                    row.CopyTo(target);
                    break;
                case Gray:
                    int scale = 255 / ((1 << h.BitDepth) - 1);
                    for (int x = 0; x < h.Width; x++) target[x] = (byte)(Sample(row, x, h.BitDepth) * scale);
                    break;
                default:
                    for (int x = 0; x < h.Width; x++)
                    {
                        int index = Sample(row, x, h.BitDepth);
                        if (3 * index >= palette!.Length)
                            throw LayerEntropyException.ForFile(path, $"palette index {index} at pixel ({x}, {y}) is out of range (the palette has {palette.Length / 3} entries)");
                        palette.AsSpan(3 * index, 3).CopyTo(target[(3 * x)..]);
                    }
                    break;
            }
        }
        if (channels == 1) return (h.Width, h.Height, 1, interleaved);
        var planar = new byte[interleaved.Length];
        ChannelLayout.ToPlanar<byte>(interleaved, planar, channels);
        return (h.Width, h.Height, channels, planar);
    }

    /// <summary>Sample <paramref name="x"/> of a row packed at <paramref name="depth"/> bits, leftmost pixel in the high bits.</summary>
    private static int Sample(ReadOnlySpan<byte> row, int x, int depth)
    {
        if (depth == 8) return row[x];
        int bit = x * depth;
        return (row[bit >> 3] >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
    }

    private static byte[] Inflate(MemoryStream idat, Header h, string path)
    {
        long expected = (long)h.Height * (h.RowBytes + 1);
        if (expected > Array.MaxLength - 1)
            throw LayerEntropyException.ForFile(path, $"image {h.Width}x{h.Height} is too large to read");
        var raw = new byte[expected + 1];
        int got;
        idat.Position = 0;
        try
        {
            using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
            got = zlib.ReadAtLeast(raw, raw.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw LayerEntropyException.ForFile(path, "corrupt compressed image data (damaged zlib stream in the IDAT chunks)", e);
        }
        if (got != expected)
            throw LayerEntropyException.ForFile(path, got > expected
                ? $"the image data decompresses to more than the {expected} bytes that {h.Width}x{h.Height} pixels need"
                : $"the image data decompresses to {got} bytes, but {h.Width}x{h.Height} pixels need {expected}");
        return raw;
    }

    /// <summary>Undoes the row filters in place: None, Sub, Up, Average and Paeth, each row after its leading filter byte.</summary>
    private static void Unfilter(byte[] raw, Header h, string path)
    {
        int stride = h.RowBytes + 1, bpp = h.BytesPerPixel;
        for (int y = 0; y < h.Height; y++)
        {
            byte filter = raw[y * stride];
            Span<byte> row = raw.AsSpan(y * stride + 1, h.RowBytes);
            ReadOnlySpan<byte> up = y == 0 ? new byte[h.RowBytes] : raw.AsSpan((y - 1) * stride + 1, h.RowBytes);
            switch (filter)
            {
                case 0:
                    break;
                case 1:
                    for (int i = bpp; i < row.Length; i++) row[i] += row[i - bpp];
                    break;
                case 2:
                    for (int i = 0; i < row.Length; i++) row[i] += up[i];
                    break;
                case 3:
                    for (int i = 0; i < row.Length; i++) row[i] += (byte)(((i >= bpp ? row[i - bpp] : 0) + up[i]) >> 1);
                    break;
                case 4:
                    for (int i = 0; i < row.Length; i++)
                        row[i] += i >= bpp ? Paeth(row[i - bpp], up[i], up[i - bpp]) : up[i];
                    break;
                default:
                    throw LayerEntropyException.ForFile(path, $"row {y} has unknown filter type {filter} (0 to 4 exist)");
            }
        }
    }

    private static byte Paeth(byte a, byte b, byte c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static string ChunkName(ReadOnlySpan<byte> type)
    {
        foreach (byte b in type)
            if (!char.IsAsciiLetter((char)b)) return "0x" + Convert.ToHexString(type);
        return Encoding.ASCII.GetString(type);
    }

    /// <summary>The IHDR fields this decoder uses, checked.</summary>
    private sealed record Header(int Width, int Height, int BitDepth, byte ColourType)
    {
        private int SamplesPerPixel => ColourType switch { Rgb => 3, Rgba => 4, _ => 1 };

        public int BytesPerPixel => Math.Max(1, SamplesPerPixel * BitDepth / 8);

        public int RowBytes => checked((int)(((long)Width * SamplesPerPixel * BitDepth + 7) / 8));

        public static Header Parse(ReadOnlySpan<byte> data, string path)
        {
            if (data.Length != 13) throw LayerEntropyException.ForFile(path, $"IHDR chunk of {data.Length} bytes (13 expected)");
            uint width = BinaryPrimitives.ReadUInt32BigEndian(data), height = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
            byte depth = data[8], colour = data[9];
            if (width is 0 or > int.MaxValue || height is 0 or > int.MaxValue)
                throw LayerEntropyException.ForFile(path, $"image size {width}x{height} is invalid");
            if (data[10] != 0) throw LayerEntropyException.ForFile(path, $"unknown compression method {data[10]} (only 0, deflate, exists)");
            if (data[11] != 0) throw LayerEntropyException.ForFile(path, $"unknown filter method {data[11]} (only 0 exists)");
            if (data[12] == 1) throw LayerEntropyException.ForFile(path, "interlaced PNGs are not supported; save it without interlacing");
            if (data[12] != 0) throw LayerEntropyException.ForFile(path, $"unknown interlace method {data[12]}");
            if (depth == 16 && colour is Gray or Rgb or GrayAlpha or Rgba)
                throw LayerEntropyException.ForFile(path, "16-bit PNGs are not supported; save it with 8 bits per channel");
            if (colour == GrayAlpha && depth == 8)
                throw LayerEntropyException.ForFile(path, "grayscale with alpha (colour type 4) is not supported; save it as grayscale (L) or RGB");
            bool supported = colour switch
            {
                Gray or Palette => depth is 1 or 2 or 4 or 8,
                Rgb or Rgba => depth == 8,
                _ => false,
            };
            if (!supported)
                throw LayerEntropyException.ForFile(path, $"colour type {colour} with bit depth {depth} is not a PNG format this decoder reads " +
                    "(8-bit grayscale, RGB, RGBA or palette images are)");
            if ((long)width * height * 3 > Array.MaxLength)
                throw LayerEntropyException.ForFile(path, $"image {width}x{height} is too large to read");
            return new Header((int)width, (int)height, depth, colour);
        }
    }
}
