using System.Globalization;
using LayerEntropy.Data;

namespace LayerEntropy.Tests.Data;

/// <summary>
/// The image files that make_images.py writes with Pillow, made once per test class into a temporary folder, with
/// what Pillow and torchvision make of each. A missing interpreter or module fails the test with what to install:
/// Pillow and torchvision are the independent reference and must never pass by skipping.
/// </summary>
public sealed class ImageFiles : IDisposable
{
    private const string Install = "install python3-numpy, python3-pil and python3-torchvision (e.g. apt-get install python3-numpy python3-pil python3-torchvision)";

    private readonly TempDir dir = new();
    private readonly Lazy<string> folder;

    public ImageFiles() => folder = new Lazy<string>(Generate);

    /// <summary>One expected result: the file, the transform, how far each value may be off, and the shape.</summary>
    public sealed record Case(string Name, string File, ImageTransform Transform, int Tolerance, int Channels, int Height, int Width);

    /// <summary>The path of a file make_images.py wrote (writing everything on first use).</summary>
    public string Path(string file) => System.IO.Path.Combine(folder.Value, file);

    /// <summary>The planes Pillow and torchvision gave for the case.</summary>
    public byte[] Expected(Case c) => File.ReadAllBytes(Path(c.Name + ".expected"));

    public IReadOnlyList<Case> Cases() =>
        File.ReadAllLines(Path("cases.txt")).Where(l => l.Length > 0).Select(l => l.Split(' ')).Select(f => new Case(
            f[0], f[1], new ImageTransform(Color(f[2]), Size(f[3]), Size(f[4])), Int(f[5]), Int(f[6]), Int(f[7]), Int(f[8]))).ToArray();

    /// <summary>A file of the given bytes under a fresh name.</summary>
    public string Write(string name, byte[] bytes) => dir.Write($"written/{Guid.NewGuid():N}/{name}", bytes);

    public void Dispose() => dir.Dispose();

    private static ImageColor Color(string text) => text switch
    {
        "stored" => ImageColor.AsStored,
        "RGB" => ImageColor.Rgb,
        "L" => ImageColor.Gray,
        _ => throw new FormatException($"unknown color {text}"),
    };

    private static int? Size(string text) => text == "-" ? null : Int(text);

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private string Generate()
    {
        string target = dir.File("images");
        Directory.CreateDirectory(target);
        DebianPython.Run(System.IO.Path.Combine("Data", "make_images.py"), [target], Install);
        return target;
    }
}
