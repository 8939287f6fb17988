using System.Globalization;
using LayerEntropy.Data;

namespace LayerEntropy.Analysis;

/// <summary>
/// The user's own inputs for `analyze --data`: a folder of image files (one subfolder per class, or listed with their
/// labels in a CSV file), streamed from disk as they are used, or an NPY pair of inputs and labels. Opens them and writes
/// down what was read, for the run manifest.
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
        string path = s.Data ?? throw new ArgumentException($"{nameof(s.Data)} is not given", nameof(s));
        var notes = new List<string>();
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        Dataset data;
        if (Directory.Exists(path))
        {
            var transform = Transform(s);
            ImageFolder.Opened opened;
            if (s.Labels is not null)
            {
                if (s.Labels.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
                    throw LayerEntropyException.ForFile(s.Labels, "labels of a folder of images are a CSV file of path,label lines (or its class subfolders), not .npy");
                opened = ImageFolder.ReadList(path, s.Labels, transform, s.SkipBad);
                notes.Add($"images: the image files {s.Labels} lists with their labels, in {path} ({opened.Data.Count} images of {Shape(opened.Data)}, {opened.Data.ClassNames.Count} classes)");
                files[Path.GetFileName(s.Labels)] = ModelAnalysis.Sha256(s.Labels);
            }
            else
            {
                opened = ImageFolder.Open(path, transform, s.SkipBad);
                notes.Add($"images: the image files of {path}, one subfolder per class ({opened.Data.Count} images of {Shape(opened.Data)}, {opened.Data.ClassNames.Count} classes)");
            }
            data = opened.Data;
            notes.Add($"each image file: {Describe(transform)}; decoded as the batches are run, not held in memory");
            notes.AddRange(opened.Notes);
        }
        else if (File.Exists(path))
        {
            if (!path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
                throw LayerEntropyException.ForFile(path, "is neither a folder of images (one subfolder per class) nor a .npy file of inputs");
            foreach (var (given, setting) in new[] { (s.Resize is not null, Of(nameof(s.Resize))), (s.CenterCrop is not null, Of(nameof(s.CenterCrop))), (s.Color is not null, Of(nameof(s.Color))), (s.SkipBad, Of(nameof(s.SkipBad))) })
                if (given) throw LayerEntropyException.ForSetting($"{path}: {setting} goes with a folder of image files, not .npy inputs");
            string labels = s.Labels ?? throw LayerEntropyException.ForSetting($"{path}: needs its labels: add {Of(nameof(s.Labels))} LABELS.npy");
            var layout = s.Layout ?? InputLayout.Nchw;
            data = NpyInputs.Read(path, labels, layout);
            notes.Add($"inputs: {path} ({data.Count} inputs of {Shape(data)}{(data.Values is null ? ", uint8" : ", float32")}, layout {layout.ToString().ToLowerInvariant()}); labels: {labels}");
            files[Path.GetFileName(path)] = ModelAnalysis.Sha256(path);
            files[Path.GetFileName(labels)] = ModelAnalysis.Sha256(labels);
        }
        else throw LayerEntropyException.ForFile(path, "not found: give a folder of images or a .npy file of inputs");
        return new Read(data, notes, files);
    }

    /// <summary>The transform --color, --resize and --center-crop ask for.</summary>
    internal static ImageTransform Transform(AnalyzeSettings s)
    {
        if (s.Resize is < 1) throw LayerEntropyException.ForSetting($"{Of(nameof(s.Resize))} must be at least 1 pixel (got {s.Resize})");
        if (s.CenterCrop is < 1) throw LayerEntropyException.ForSetting($"{Of(nameof(s.CenterCrop))} must be at least 1 pixel (got {s.CenterCrop})");
        return new ImageTransform(s.Color ?? ImageColor.AsStored, s.Resize, s.CenterCrop);
    }

    /// <summary>The transform in words, for the manifest.</summary>
    internal static string Describe(ImageTransform t)
    {
        var steps = new List<string>
        {
            t.Color switch
            {
                ImageColor.Rgb => "converted to RGB (--color rgb)",
                ImageColor.Gray => "converted to gray, L = (19595 R + 38470 G + 7471 B + 2^15) / 2^16 (--color gray)",
                _ => "color as stored (gray files one channel, others RGB)",
            },
        };
        if (t.Resize is int r) steps.Add($"shorter side resized to {r} pixels, bilinear with antialias (--resize {r})");
        if (t.CenterCrop is int c) steps.Add($"center {c}×{c} crop (--center-crop {c})");
        return string.Join(", then ", steps);
    }

    private static SettingName Of(string property) => SettingName.Of<AnalyzeSettings>(property);

    internal static string Shape(Dataset data) => string.Create(CultureInfo.InvariantCulture, $"{data.Channels}×{data.Height}×{data.Width}");
}
