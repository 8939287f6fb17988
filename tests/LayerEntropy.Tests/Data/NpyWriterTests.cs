using LayerEntropy.Data;

namespace LayerEntropy.Tests.Data;

/// <summary>NpyWriter writes what NumPy writes: its headers against NumPy's own, its data through our reader.</summary>
public class NpyWriterTests
{
    private const string Install = "install python3 and python3-numpy (e.g. apt-get install python3-numpy)";

    [Fact]
    public void Headers_are_byte_for_byte_numpys_for_every_width_of_shape()
    {
        long[] rows = [0, 1, 9, 10, 11, 99, 12345, 1_000_000_000, 999_999_999_999_999];
        long[] columns = [0, 1, 7, 3000, 123_456_789, 1_000_000_000_000];
        string[] cases = [.. new[] { "<f8", "<f4" }.SelectMany(d => rows.SelectMany(r => columns.Select(c => $"{d}:{r}:{c}")))];

        string output = DebianPython.Run(Path.Combine("Data", "npy_headers.py"), cases, Install);

        var numpy = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(cases.Length, numpy.Count);
        foreach (string c in cases) Assert.Equal(numpy[c], Convert.ToHexStringLower(Header(c)));
    }

    [Fact]
    public void Rows_read_back_as_written_with_any_length_of_list()
    {
        double[][] doubles = [[1.5, -0.0, double.Epsilon, 1e300], [2, 3, 4, 5]];
        IReadOnlyList<float>[] floats = [new List<float> { 1.25f, float.MaxValue, -7 }];
        using var d = new MemoryStream();
        using var f = new MemoryStream();

        NpyWriter.WriteDoubles(d, doubles, 4);
        NpyWriter.WriteFloats(f, floats, 3);

        Assert.Equal(doubles.SelectMany(r => r), Read(d, "<f8", [2, 4], NpyReader.ReadDoubles));
        Assert.Equal(floats[0], Read(f, "<f4", [1, 3], NpyReader.ReadFloats));
        Assert.Throws<ArgumentException>(() => NpyWriter.WriteDoubles(new MemoryStream(), doubles, 5));
    }

    private static byte[] Header(string c)
    {
        var parts = c.Split(':');
        return NpyWriter.Header(parts[0], long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static T[] Read<T>(MemoryStream written, string descr, long[] shape, Func<Stream, NpyHeader, T[]> read)
    {
        using var dir = new TempDir();
        string path = dir.Write("a.npy", written.ToArray());
        using var stream = NpyReader.Open(path);
        var header = NpyHeader.Read(stream, path);
        Assert.Equal(descr, header.Dtype.Descr);
        Assert.Equal(shape, header.Shape);
        Assert.False(header.FortranOrder);
        return read(stream, header);
    }
}
