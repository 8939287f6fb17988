using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace LayerEntropy.Data;

/// <summary>
/// The header of a NumPy .npy file (format versions 1.0, 2.0 and 3.0): the magic <c>\x93NUMPY</c>, two version
/// bytes, the header length (uint16 for 1.0, uint32 for 2.0 and 3.0, little-endian), then a Python dict literal
/// naming <c>descr</c>, <c>fortran_order</c> and <c>shape</c>, padded with spaces and a newline. The data follows
/// at <see cref="DataOffset"/>. <see cref="Read"/> checks the header against the file's length, so once it returns
/// the data is known to be exactly there.
/// </summary>
internal sealed record NpyHeader(string Version, NpyDtype Dtype, bool FortranOrder, long[] Shape, long DataOffset)
{
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    // NumPy's own writers keep headers to a few hundred bytes; a length field past this is damage, not a header.
    private const int MaxHeaderLength = 1 << 20;

    private static readonly string[] Keys = ["descr", "fortran_order", "shape"];

    public long Elements => Shape.Aggregate(1L, (a, d) => a * d);

    /// <summary>The shape as Python prints it: <c>(3, 4)</c>, <c>(5,)</c>, <c>()</c>.</summary>
    public string ShapeText => Format(Shape);

    public static string Format(IReadOnlyList<long> shape) => shape.Count == 1
        ? string.Create(CultureInfo.InvariantCulture, $"({shape[0]},)")
        : "(" + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + ")";

    public static NpyHeader Read(FileStream stream, string path)
    {
        long length = stream.Length;
        Span<byte> start = stackalloc byte[12];
        int got = stream.ReadAtLeast(start[..8], 8, throwOnEndOfStream: false);
        if (got >= 4 && start[..4].SequenceEqual("PK\x03\x04"u8))
            throw LayerEntropyException.ForFile(path, "this is a zip archive (an .npz?), not a .npy file; unpack its arrays (e.g. np.load(path)['name']) and save each with np.save");
        if (length == 0)
            throw LayerEntropyException.ForFile(path, "the file is empty, not a .npy file");
        int shown = Math.Min(got, Magic.Length);
        if (!start[..shown].SequenceEqual(Magic[..shown]))
            throw LayerEntropyException.ForFile(path, $"not a .npy file: it does not start with the magic bytes \\x93NUMPY (found {Hex(start[..shown])})");
        if (got < 8)
            throw LayerEntropyException.ForFile(path, $"truncated header: the file has {length} bytes, too few for the magic, version and header length");

        int major = start[6], minor = start[7];
        if (major is < 1 or > 3 || minor != 0)
            throw LayerEntropyException.ForFile(path, $"unsupported .npy format version {major}.{minor} (versions 1.0, 2.0 and 3.0 are read)");
        int lengthBytes = major == 1 ? 2 : 4;
        if (stream.ReadAtLeast(start[8..(8 + lengthBytes)], lengthBytes, throwOnEndOfStream: false) < lengthBytes)
            throw LayerEntropyException.ForFile(path, $"truncated header: the file has {length} bytes, too few for the header length of format {major}.0");
        long headerLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(start[8..]) : BinaryPrimitives.ReadUInt32LittleEndian(start[8..]);
        long dataOffset = 8 + lengthBytes + headerLength;
        if (dataOffset > length)
            throw LayerEntropyException.ForFile(path, $"truncated header: the header should be {headerLength} bytes but the file ends {length - 8 - lengthBytes} bytes after its length field");
        if (headerLength > MaxHeaderLength)
            throw LayerEntropyException.ForFile(path, $"header length {headerLength} is implausible (at most {MaxHeaderLength} bytes are read)");

        var bytes = new byte[headerLength];
        stream.ReadExactly(bytes);
        // Format 3.0 differs from 2.0 only here: its header is UTF-8 rather than Latin-1.
        string text = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(bytes);
        var header = Parse(text, path, $"{major}.0", dataOffset);
        header.CheckDataLength(length - dataOffset, path);
        return header;
    }

    private static NpyHeader Parse(string text, string path, string version, long dataOffset)
    {
        object? value;
        try
        {
            value = PythonLiteral.Parse(text);
        }
        catch (FormatException e)
        {
            throw LayerEntropyException.ForFile(path, $"unparsable header: {e.Message} in {Excerpt(text)}", e);
        }
        if (value is not Dictionary<string, object?> dict)
            throw LayerEntropyException.ForFile(path, $"the header is not a dict: {Excerpt(text)}");
        foreach (string key in Keys)
            if (!dict.ContainsKey(key)) throw LayerEntropyException.ForFile(path, $"the header has no '{key}': {Excerpt(text)}");
        if (dict.Keys.FirstOrDefault(k => !Keys.Contains(k)) is string extra)
            throw LayerEntropyException.ForFile(path, $"the header has an unexpected key '{extra}': {Excerpt(text)}");

        if (dict["fortran_order"] is not bool fortran)
            throw LayerEntropyException.ForFile(path, $"the header's 'fortran_order' is not True or False: {Excerpt(text)}");
        if (dict["shape"] is not List<object?> items || items.Any(d => d is not long))
            throw LayerEntropyException.ForFile(path, $"the header's 'shape' is not a tuple of integers: {Excerpt(text)}");
        long[] shape = items.Select(d => (long)d!).ToArray();
        if (shape.Any(d => d < 0))
            throw LayerEntropyException.ForFile(path, $"the header's shape {Format(shape)} has a negative dimension");
        return new NpyHeader(version, NpyDtype.Parse(dict["descr"], path), fortran, shape, dataOffset);
    }

    /// <summary>The bytes after the header must be exactly what the shape and dtype promise, before anything is allocated.</summary>
    private void CheckDataLength(long present, string path)
    {
        BigInteger elements = Shape.Aggregate(BigInteger.One, (a, d) => a * d);
        BigInteger expected = elements * Dtype.Size;
        if (expected != present)
            throw LayerEntropyException.ForFile(path,
                $"header says shape {ShapeText} of {Dtype} = {expected} data bytes, but the file holds {present} bytes after the header");
        if (elements > Array.MaxLength)
            throw LayerEntropyException.ForFile(path, $"shape {ShapeText} has {elements} elements, more than one array can hold");
    }

    private static string Excerpt(string text)
    {
        string line = text.Trim().ReplaceLineEndings(" ");
        return line.Length <= 120 ? line : line[..117] + "...";
    }

    private static string Hex(ReadOnlySpan<byte> bytes) =>
        string.Join(" ", bytes.ToArray().Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
}
