using System.Globalization;

namespace LayerEntropy.Tests.Data;

/// <summary>
/// The PNG files and image folders that make_png.py writes (most with Pillow itself), made once per test class into
/// a temporary folder, with the pixels Pillow reads back from each. A missing interpreter or module fails the test
/// with what to install: Pillow is the independent reference for the decoder and must never pass by skipping.
/// </summary>
public sealed class PngFiles : IDisposable
{
    private const string Install = "install python3, python3-numpy and python3-pil (e.g. apt-get install python3-numpy python3-pil)";

    private readonly TempDir dir = new();
    private readonly Lazy<string> folder;

    public PngFiles() => folder = new Lazy<string>(Generate);

    /// <summary>The path of <c>name.png</c> (writing everything on first use).</summary>
    public string Png(string name) => Path.Combine(folder.Value, name + ".png");

    /// <summary>The path of the image folder <c>folder_name</c>.</summary>
    public string Folder(string name) => Path.Combine(folder.Value, "folder_" + name);

    /// <summary>The pixels Pillow read from <c>name.png</c> (CHW), or all images of folder <c>name</c> in reading order.</summary>
    public byte[] Expected(string name) => File.ReadAllBytes(Path.Combine(folder.Value, name + ".expected"));

    /// <summary>The labels make_png.py gave the images of folder <c>folder_name</c>.</summary>
    public byte[] Labels(string name) => File.ReadAllBytes(Folder(name) + ".labels");

    /// <summary>Every readable case: its name, channels, height, width and the row filter types its file uses.</summary>
    public IReadOnlyList<(string Name, int Channels, int Height, int Width, int[] Filters)> Cases() =>
        File.ReadAllLines(Path.Combine(folder.Value, "cases.txt")).Where(l => l.Length > 0).Select(l => l.Split(' ')).Select(f =>
            (f[0], Int(f[1]), Int(f[2]), Int(f[3]), f[4].Split(',').Select(Int).ToArray())).ToArray();

    /// <summary>A copy of <c>name.png</c> under a fresh name, changed by <paramref name="damage"/>.</summary>
    public string Damaged(string name, Func<byte[], byte[]> damage) =>
        dir.Write($"damaged/{name}-{Guid.NewGuid():N}.png", damage(File.ReadAllBytes(Png(name))));

    /// <summary>A file of the given bytes under a fresh name.</summary>
    public string Write(string name, byte[] bytes) => dir.Write($"written/{Guid.NewGuid():N}/{name}", bytes);

    public void Dispose() => dir.Dispose();

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private string Generate()
    {
        string target = dir.File("png");
        Directory.CreateDirectory(target);
        DebianPython.Run(Path.Combine("Data", "make_png.py"), [target], Install);
        return target;
    }
}
