using System.Globalization;
using System.Text;

namespace LayerEntropy.Mutation;

/// <summary>Writes .npy files as NumPy does: magic, version, header length, a padded dict literal, the data.</summary>
internal static class NpyFile
{
    public static byte[] Header(string dict, int major = -1, long? lengthField = null)
    {
        int prefix = major is 2 or 3 ? 12 : 10;
        int padded = (prefix + dict.Length + 1 + 63) / 64 * 64;
        string text = dict + new string(' ', padded - prefix - dict.Length - 1) + "\n";
        if (major < 0) major = prefix + text.Length > 65535 + 10 ? 2 : 1;
        if (major is 2 or 3 && prefix == 10) return Header(dict, major, lengthField);
        var b = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)major, 0 };
        long length = lengthField ?? text.Length;
        if (major == 1) b.AddRange(BitConverter.GetBytes((ushort)length));
        else b.AddRange(BitConverter.GetBytes((uint)length));
        b.AddRange(Encoding.Latin1.GetBytes(text));
        return [.. b];
    }

    public static string Dict(string descr, string fortran, string shape) => $"{{'descr': {descr}, 'fortran_order': {fortran}, 'shape': {shape}, }}";

    public static string Shape(IEnumerable<long> dims)
    {
        var d = dims.ToArray();
        return d.Length == 1 ? $"({d[0]},)" : "(" + string.Join(", ", d.Select(x => x.ToString(CultureInfo.InvariantCulture))) + ")";
    }
}
