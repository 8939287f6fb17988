using System.Text;

namespace LayerEntropy.Tests.Data;

/// <summary>
/// The .npy files that make_npy.py writes with NumPy itself, made once per test class into a temporary folder,
/// plus headers written by hand for what NumPy never writes. A missing interpreter or module fails the test with
/// what to install: these files are the independent reference for the reader and must never pass by skipping.
/// </summary>
public sealed class NumpyFiles : IDisposable
{
    private const string Install = "install python3 and python3-numpy (e.g. apt-get install python3-numpy)";

    private readonly TempDir dir = new();
    private readonly Lazy<string> folder;

    public NumpyFiles() => folder = new Lazy<string>(Generate);

    /// <summary>The path of NumPy's file <c>name.npy</c> (writing them all on first use).</summary>
    public string Npy(string name) => Path.Combine(folder.Value, name + ".npy");

    /// <summary>The reference values of <c>name.npy</c>, as make_npy.py wrote them.</summary>
    public byte[] Expected(string name) => File.ReadAllBytes(Path.Combine(folder.Value, name + ".expected"));

    /// <summary>A copy of NumPy's <c>name.npy</c> under a fresh name, changed by <paramref name="damage"/>.</summary>
    public string Damaged(string name, Func<byte[], byte[]> damage)
    {
        string path = dir.File("damaged", $"{name}-{Guid.NewGuid():N}.npy");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, damage(File.ReadAllBytes(Npy(name))));
        return path;
    }

    /// <summary>A file written by hand: magic, version, header length, <paramref name="header"/> as given (no padding), data.</summary>
    public string Handmade(string header, byte[] data, int major = 1)
    {
        byte[] text = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetBytes(header);
        byte[] length = major == 1 ? BitConverter.GetBytes((ushort)text.Length) : BitConverter.GetBytes((uint)text.Length);
        return dir.Write($"handmade/{Guid.NewGuid():N}.npy", [0x93, .. "NUMPY"u8, (byte)major, 0, .. length, .. text, .. data]);
    }

    public void Dispose() => dir.Dispose();

    private string Generate()
    {
        string target = dir.File("numpy");
        Directory.CreateDirectory(target);
        DebianPython.Run(System.IO.Path.Combine("Data", "make_npy.py"), [target], Install);
        return target;
    }
}
