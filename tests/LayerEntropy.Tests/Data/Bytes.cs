using System.Buffers.Binary;
using System.IO.Compression;

namespace LayerEntropy.Tests.Data;

/// <summary>Builds small data files byte by byte, in the exact published formats.</summary>
internal static class Bytes
{
    /// <summary>An IDX header: big-endian magic then each dimension.</summary>
    public static byte[] IdxHeader(int magic, params uint[] dims)
    {
        var header = new byte[4 + 4 * dims.Length];
        BinaryPrimitives.WriteInt32BigEndian(header, magic);
        for (int d = 0; d < dims.Length; d++) BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4 + 4 * d), dims[d]);
        return header;
    }

    public static byte[] IdxImages(int count, int rows, int cols, Func<int, byte> pixel) =>
        [.. IdxHeader(2051, (uint)count, (uint)rows, (uint)cols), .. Enumerable.Range(0, count * rows * cols).Select(pixel)];

    public static byte[] IdxLabels(params byte[] labels) => [.. IdxHeader(2049, (uint)labels.Length), .. labels];

    public static byte[] Gzip(byte[] raw)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(raw);
        return output.ToArray();
    }

    public static byte[] Gunzip(byte[] compressed)
    {
        using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>The value test CIFAR records hold at (record, channel, row, column): distinct per channel and position.</summary>
    public static byte CifarPixel(int record, int channel, int y, int x) => (byte)(record * 31 + channel * 85 + y * 7 + x);

    /// <summary>CIFAR-10 binary records: a label byte then 1024 red, 1024 green, 1024 blue bytes, each plane row by row.</summary>
    public static byte[] CifarRecords(int firstRecord, params byte[] labels)
    {
        var data = new List<byte>();
        for (int r = 0; r < labels.Length; r++)
        {
            data.Add(labels[r]);
            for (int c = 0; c < 3; c++)
                for (int y = 0; y < 32; y++)
                    for (int x = 0; x < 32; x++)
                        data.Add(CifarPixel(firstRecord + r, c, y, x));
        }
        return data.ToArray();
    }

    public static byte[] Flip(byte[] bytes, int at)
    {
        var copy = (byte[])bytes.Clone();
        copy[at] ^= 0xFF;
        return copy;
    }
}
