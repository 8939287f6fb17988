using System.Runtime.InteropServices;
using System.Text;

namespace LayerEntropy.Tests.Import;

/// <summary>Writes little-endian, C-order .npy files (format 1.0) for tests that build their inputs in C#.</summary>
internal static class NumpyWrite
{
    public static void Bytes(string path, ReadOnlySpan<byte> values, int[] shape) => _ = Write(path, "|u1", shape, values);

    public static void Floats(string path, float[] values, int[] shape) => _ = Write(path, "<f4", shape, MemoryMarshal.AsBytes(values.AsSpan()));

    public static void Labels(string path, IReadOnlyList<byte> labels) => Labels(path, labels.Select(l => (int)l).ToArray());

    public static void Labels(string path, int[] labels) =>
        _ = Write(path, "<i8", [labels.Length], MemoryMarshal.AsBytes(labels.Select(l => (long)l).ToArray().AsSpan()));

    /// <summary>A version 1.0 .npy file of <paramref name="data"/>, as numpy.save writes it; returns its path.</summary>
    public static string Write(string path, string descr, int[] shape, ReadOnlySpan<byte> data)
    {
        string dims = shape.Length == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";
        string header = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {dims}, }}";
        header = header.PadRight(((10 + header.Length + 1 + 63) / 64) * 64 - 10 - 1) + "\n";
        using var stream = File.Create(path);
        stream.Write([0x93, .. "NUMPY"u8, 1, 0, (byte)(header.Length & 0xFF), (byte)(header.Length >> 8)]);
        stream.Write(Encoding.ASCII.GetBytes(header));
        stream.Write(data);
        return path;
    }
}
