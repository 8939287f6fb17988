using System.Buffers.Binary;
using System.IO.Compression;

namespace LayerEntropy.Data;

/// <summary>
/// Reads IDX files (MNIST, Fashion-MNIST): a big-endian header of magic number, count and dimensions,
/// then one unsigned byte per value. A file may be gzip-compressed (recognised by its first two bytes,
/// whatever its name) or raw. The header is checked against the file before anything is allocated from it.
/// </summary>
internal static class IdxReader
{
    public const int ImageMagic = 2051; // 0x00000803: unsigned bytes, three dimensions
    public const int LabelMagic = 2049; // 0x00000801: unsigned bytes, one dimension

    // Deflate expands at most about 1032:1, so a header promising more than that from a gzip file is wrong.
    private const long MaxGzipRatio = 1032;

    // Gzip data is read in growing chunks, so a header that lies costs at most twice what the file really holds.
    private const int FirstChunk = 1 << 22;

    /// <summary>An image file and its label file as one dataset; the two counts must agree.</summary>
    public static Dataset Read(string imagesPath, string labelsPath, string name, DatasetSplit split, IReadOnlyList<string> classNames)
    {
        var (pixels, count, rows, cols) = ReadImages(imagesPath);
        byte[] labels = ReadLabels(labelsPath, classNames.Count);
        if (labels.Length != count)
            throw LayerEntropyException.ForFile(labelsPath, $"holds {labels.Length} labels but {imagesPath} holds {count} images");
        return new Dataset(name, split, 1, rows, cols, classNames, pixels, labels);
    }

    public static (byte[] Pixels, int Count, int Rows, int Cols) ReadImages(string path)
    {
        var (data, dims) = ReadFile(path, ImageMagic, 3);
        return (data, dims[0], dims[1], dims[2]);
    }

    /// <summary>Labels, each checked to be below <paramref name="classCount"/>.</summary>
    public static byte[] ReadLabels(string path, int classCount)
    {
        byte[] labels = ReadFile(path, LabelMagic, 1).Data;
        int bad = labels.AsSpan().IndexOfAnyExceptInRange((byte)0, (byte)(classCount - 1));
        if (bad >= 0)
            throw LayerEntropyException.ForFile(path, $"label {labels[bad]} at index {bad} is out of range 0-{classCount - 1}");
        return labels;
    }

    private static (byte[] Data, int[] Dims) ReadFile(string path, int magic, int rank) => FileErrors.Guard(path, () =>
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        bool gzip = IsGzip(file);
        using Stream stream = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        string where = gzip ? "decompressed data" : "file";

        var header = new byte[4 + 4 * rank];
        int got = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (got < header.Length)
            throw LayerEntropyException.ForFile(path, $"truncated header: the {where} has {got} bytes, an {Kind(magic)} header needs {header.Length}");
        int found = BinaryPrimitives.ReadInt32BigEndian(header);
        if (found != magic)
            throw LayerEntropyException.ForFile(path, $"wrong magic number: expected {magic} ({Kind(magic)}), found {found} ({Kind(found)})");

        uint[] sizes = Enumerable.Range(0, rank).Select(d => BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4 + 4 * d))).ToArray();
        int zero = Array.IndexOf(sizes, 0u, 1);
        if (zero > 0) throw LayerEntropyException.ForFile(path, $"header dimension {zero} is 0");
        long expected = 1;
        foreach (uint v in sizes)
        {
            expected *= v;
            if (expected > Array.MaxLength)
                throw LayerEntropyException.ForFile(path, $"header dimensions {string.Join("x", sizes)} need more bytes than one array can hold");
        }
        int[] dims = sizes.Select(v => (int)v).ToArray();

        string described = $"header says {Describe(dims)} = {expected} data bytes";
        if (!gzip && file.Length - header.Length != expected)
            throw LayerEntropyException.ForFile(path, $"{described}, but the file holds {file.Length - header.Length} bytes after the header");
        if (gzip && expected > file.Length * MaxGzipRatio)
            throw LayerEntropyException.ForFile(path, $"{described}, more than a {file.Length}-byte gzip file can hold");

        // A raw file's length was just checked, so its data is read into one buffer of the final size.
        byte[] data = ReadChunked(stream, (int)expected, gzip ? FirstChunk : (int)expected, out int filled);
        if (filled < expected)
            throw LayerEntropyException.ForFile(path, $"truncated: {described}, but the {where} ends after {filled} of them");
        if (gzip && stream.ReadByte() >= 0)
            throw LayerEntropyException.ForFile(path, $"{described}, but the {where} continues past them");
        return (data, dims);
    });

    private static bool IsGzip(FileStream file)
    {
        Span<byte> head = stackalloc byte[2];
        int n = file.ReadAtLeast(head, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return n == 2 && head[0] == 0x1f && head[1] == 0x8b;
    }

    /// <summary>Reads up to <paramref name="expected"/> bytes, growing the buffer from <paramref name="first"/> as data actually arrives.</summary>
    private static byte[] ReadChunked(Stream stream, int expected, int first, out int filled)
    {
        var buffer = new byte[Math.Min(expected, first)];
        filled = 0;
        while (filled < expected)
        {
            if (filled == buffer.Length) Array.Resize(ref buffer, (int)Math.Min(expected, 2L * buffer.Length));
            int n = stream.Read(buffer, filled, buffer.Length - filled);
            if (n == 0) break;
            filled += n;
        }
        return buffer;
    }

    private static string Describe(int[] dims) => dims.Length == 3
        ? $"{dims[0]} images of {dims[1]}x{dims[2]}"
        : $"{dims[0]} labels";

    private static string Kind(int magic) => magic switch
    {
        ImageMagic => "IDX images",
        LabelMagic => "IDX labels",
        _ => $"0x{magic:X8}, not an IDX file of unsigned bytes",
    };
}
