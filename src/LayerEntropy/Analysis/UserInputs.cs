using System.Globalization;
using LayerEntropy.Data;
using LayerEntropy.Nn;

namespace LayerEntropy.Analysis;

/// <summary>
/// The user's own inputs for `analyze --data`: a folder of PNG images with one subfolder per class, or an NPY pair of
/// inputs and labels. Reads them, settles their preprocessing, and fits them to the model's input: where the model
/// takes flat inputs, or the same image with its channels last, the model is given a first layer that does it.
/// Everything done is written down for the run manifest.
/// </summary>
internal static class UserInputs
{
    /// <summary>What was read and how it reaches the model.</summary>
    public sealed record Prepared(Sequential Model, Dataset Data, Preprocessing Preprocessing, IReadOnlyList<string> Notes,
        IReadOnlyDictionary<string, string> Files);

    /// <summary>The name a run gives the user's data: the folder's or the file's name, also for "." or a trailing slash.</summary>
    public static string Name(string path)
    {
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        return Directory.Exists(full) ? Path.GetFileName(full) : Path.GetFileNameWithoutExtension(full);
    }

    /// <param name="trained">The normalisation recorded in the model by `layerentropy train`, used when none is given.</param>
    public static Prepared Prepare(AnalyzeSettings s, Sequential model, Normalization? trained)
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

        Preprocessing preprocessing;
        if (s.Scale is not null || s.Mean is not null || s.Std is not null) preprocessing = Preprocessing.Parse(s.Scale, s.Mean, s.Std, data);
        else if (trained is not null && trained.Channels == data.Channels)
        {
            preprocessing = Preprocessing.For(data, trained);
            notes.Add("the normalisation recorded in the model is applied (give --scale, --mean and --std to change it)");
        }
        else preprocessing = Preprocessing.Default(data);
        notes.Add($"preprocessing: {preprocessing.Describe()}");
        return new Prepared(Fit(model, data, s.Model, notes), data, preprocessing, notes, files);
    }

    /// <summary>
    /// The model as is when it takes the data's C×H×W inputs; else the model behind a first layer that flattens them
    /// (a flat input of C·H·W values) or moves their channels last (an H×W×C input); else a one-line error with both shapes.
    /// </summary>
    internal static Sequential Fit(Sequential model, Dataset data, string modelPath, List<string> notes)
    {
        int[] shape = [data.Channels, data.Height, data.Width];
        int[] wanted = model.InputShape;
        if (wanted.SequenceEqual(shape)) return model;
        int values = data.ImageLength;
        if (wanted.Length == 1 && wanted[0] == values)
        {
            notes.Add($"the model takes flat inputs of {values} values: each {Shape(data)} input is flattened (channel, row, column order)");
            return Prepend(model, shape, new Flatten { Name = "input-flatten" });
        }
        if (wanted.SequenceEqual([data.Height, data.Width, data.Channels]))
        {
            notes.Add($"the model takes channels-last inputs [{string.Join(",", wanted)}]: each {Shape(data)} input is transposed to H×W×C");
            return Prepend(model, shape, new Permute([1, 2, 0]) { Name = "input-transpose" });
        }
        throw LayerEntropyException.ForFile(modelPath,
            $"the model takes inputs of shape [{string.Join(",", wanted)}] but the data are [{string.Join(",", shape)}] ({values} values each); they cannot be fitted by a flatten or a transpose");
    }

    private static Sequential Prepend(Sequential model, int[] shape, Layer first) => new(shape, [first, .. model.Layers]);

    private static InputLayout Layout(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "nchw" => InputLayout.Nchw,
        "nhwc" => InputLayout.Nhwc,
        _ => throw new LayerEntropyException($"--layout must be nchw or nhwc (got '{text}')"),
    };

    private static string Shape(Dataset data) => string.Create(CultureInfo.InvariantCulture, $"{data.Channels}×{data.Height}×{data.Width}");
}
