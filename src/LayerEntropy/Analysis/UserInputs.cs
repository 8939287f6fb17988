using System.Globalization;
using LayerEntropy.Data;

namespace LayerEntropy.Analysis;

/// <summary>
/// The user's own inputs for `analyze --data`: a folder of PNG images with one subfolder per class, or an NPY pair of
/// inputs and labels. Reads them and writes down what was read, for the run manifest.
/// </summary>
internal static class UserInputs
{
    /// <summary>What was read: the inputs, the notes for the manifest and the files' checksums.</summary>
    public sealed record Read(Dataset Data, IReadOnlyList<string> Notes, IReadOnlyDictionary<string, string> Files);

    /// <summary>The name a run gives the user's data: the folder's or the file's name, also for "." or a trailing slash.</summary>
    public static string Name(string path)
    {
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        return Directory.Exists(full) ? Path.GetFileName(full) : Path.GetFileNameWithoutExtension(full);
    }

    public static Read Load(AnalyzeSettings s)
    {
        string path = s.Data ?? throw new ArgumentException("no --data given", nameof(s));
        var notes = new List<string>();
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        Dataset data;
        if (Directory.Exists(path))
        {
            if (s.Labels is not null) throw LayerEntropyException.ForFile(s.Labels, "--labels goes with .npy inputs; the labels of a folder of images are its subfolders");
            data = ImageFolder.Read(path);
            notes.Add($"images: the PNG files of {path}, one subfolder per class ({data.Count} images of {Shape(data)})");
        }
        else if (File.Exists(path))
        {
            if (!path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
                throw LayerEntropyException.ForFile(path, "is neither a folder of PNG images (one subfolder per class) nor a .npy file of inputs");
            string labels = s.Labels ?? throw LayerEntropyException.ForFile(path, "needs its labels: add --labels LABELS.npy");
            var layout = Layout(s.Layout);
            data = NpyInputs.Read(path, labels, layout);
            notes.Add($"inputs: {path} ({data.Count} inputs of {Shape(data)}{(data.Values is null ? ", uint8" : ", float32")}, layout {layout.ToString().ToLowerInvariant()}); labels: {labels}");
            files[Path.GetFileName(path)] = ModelAnalysis.Sha256(path);
            files[Path.GetFileName(labels)] = ModelAnalysis.Sha256(labels);
        }
        else throw LayerEntropyException.ForFile(path, "not found: give a folder of PNG images or a .npy file of inputs");
        return new Read(data, notes, files);
    }

    private static InputLayout Layout(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "nchw" => InputLayout.Nchw,
        "nhwc" => InputLayout.Nhwc,
        _ => throw new LayerEntropyException($"--layout must be nchw or nhwc (got '{text}')"),
    };

    internal static string Shape(Dataset data) => string.Create(CultureInfo.InvariantCulture, $"{data.Channels}×{data.Height}×{data.Width}");
}
