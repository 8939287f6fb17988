using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace LayerEntropy.Data;

/// <summary>
/// Writes 2-D arrays as NumPy .npy files, byte for byte as <c>np.save</c> writes them (format 1.0): the magic, the
/// version, a uint16 header length, the header dict padded with spaces and a newline so the data starts at a multiple
/// of 64 bytes, then the values row by row (C order), little-endian float64 (<c>'&lt;f8'</c>) or float32
/// (<c>'&lt;f4'</c>). <see cref="NpyHeader.Read"/> reads them back.
/// </summary>
internal static class NpyWriter
{
    // NumPy aligns the data to 64 bytes so that memory-mapped arrays suit any vector width.
    private const int Alignment = 64;

    // NumPy leaves room in the header for the first axis to grow to this many digits, so that appending rows can
    // rewrite the header in place.
    private const int GrowthDigits = 21;

    // Bytes per write: values are converted through this buffer where they cannot be copied as they lie.
    private const int Chunk = 1 << 16;

    /// <summary>Rows of float64; each row must hold <paramref name="columns"/> values.</summary>
    public static void WriteDoubles(Stream stream, IReadOnlyList<IReadOnlyList<double>> rows, int columns) =>
        Write(stream, rows, columns, "<f8", sizeof(double), (bytes, v) => BinaryPrimitives.WriteDoubleLittleEndian(bytes, v));

    /// <summary>Rows of float32; each row must hold <paramref name="columns"/> values.</summary>
    public static void WriteFloats(Stream stream, IReadOnlyList<IReadOnlyList<float>> rows, int columns) =>
        Write(stream, rows, columns, "<f4", sizeof(float), (bytes, v) => BinaryPrimitives.WriteSingleLittleEndian(bytes, v));

    /// <summary>The header of an array of <paramref name="rows"/> × <paramref name="columns"/> of the dtype <paramref name="descr"/>.</summary>
    public static byte[] Header(string descr, long rows, long columns)
    {
        string dict = string.Create(CultureInfo.InvariantCulture, $"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({rows}, {columns}), }}");
        dict += new string(' ', Math.Max(0, GrowthDigits - rows.ToString(CultureInfo.InvariantCulture).Length));
        // magic (6) + version (2) + length (2) + dict + padding + '\n'; like NumPy, a whole 64 bytes of padding
        // where the rest happens to end aligned.
        int padding = Alignment - (10 + dict.Length + 1) % Alignment;
        string text = dict + new string(' ', padding) + "\n";
        var header = new byte[10 + text.Length];
        header[0] = 0x93;
        "NUMPY"u8.CopyTo(header.AsSpan(1));
        header[6] = 1;
        header[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), (ushort)text.Length);
        Encoding.Latin1.GetBytes(text, header.AsSpan(10));
        return header;
    }

    private delegate void Put<T>(Span<byte> bytes, T value);

    private static void Write<T>(Stream stream, IReadOnlyList<IReadOnlyList<T>> rows, int columns, string descr, int size, Put<T> put) where T : unmanaged
    {
        for (int r = 0; r < rows.Count; r++)
            if (rows[r].Count != columns) throw new ArgumentException($"row {r} has {rows[r].Count} values, not {columns}", nameof(rows));
        stream.Write(Header(descr, rows.Count, columns));
        var buffer = new byte[Chunk];
        int perChunk = Chunk / size;
        foreach (var row in rows)
        {
            if (row is T[] array && BitConverter.IsLittleEndian)
            {
                stream.Write(MemoryMarshal.AsBytes(array.AsSpan()));
                continue;
            }
            for (int at = 0; at < row.Count; at += perChunk)
            {
                int count = Math.Min(perChunk, row.Count - at);
                for (int i = 0; i < count; i++) put(buffer.AsSpan(i * size), row[at + i]);
                stream.Write(buffer, 0, count * size);
            }
        }
    }
}
