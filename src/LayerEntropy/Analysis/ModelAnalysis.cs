using System.Globalization;
using System.Security.Cryptography;
using LayerEntropy.Data;
using LayerEntropy.Onnx;

namespace LayerEntropy.Analysis;

/// <summary>What `layerentropy analyze` is asked to do.</summary>
public sealed record AnalyzeSettings
{
    public required string Model { get; init; }
    public string Dataset { get; init; } = "mnist";
    public string? DataDir { get; init; }
    public SplitChoice Split { get; init; } = SplitChoice.Test;
    public string Taps { get; init; } = "fc";
    public bool PreActivation { get; init; }
    public AnalysisOptions Options { get; init; } = new();
    /// <summary>Inputs per forward batch; null chooses: 500 for our engine's models, for an imported graph as many as keep its values within about 256 MB.</summary>
    public int? BatchSize { get; init; }
    public (int Index, int Count)? Shard { get; init; }

    /// <summary>The user's own inputs instead of a built-in dataset: a folder of image files (one subfolder per class, or listed by a labels CSV) or a .npy file.</summary>
    public string? Data { get; init; }

    /// <summary>The labels of .npy inputs (a .npy file), or of a folder of images (a CSV file of path,label lines).</summary>
    public string? Labels { get; init; }

    /// <summary>Resize each image file's shorter side to this many pixels (bilinear, antialiased, as torchvision's Resize).</summary>
    public int? Resize { get; init; }

    /// <summary>Crop a square of this side from the middle of each image file (after <see cref="Resize"/>).</summary>
    public int? CenterCrop { get; init; }

    /// <summary>The color mode of each image file; null leaves it as stored.</summary>
    public ImageColor? Color { get; init; }

    /// <summary>A named normalisation in place of <see cref="Mean"/> and <see cref="Std"/>.</summary>
    public NormalizationName? Normalize { get; init; }

    /// <summary>Skip (and count) image files that cannot be read, and links to outside the folder, instead of failing.</summary>
    public bool SkipBad { get; init; }

    /// <summary>Layout of 4-D .npy inputs; null: NCHW.</summary>
    public InputLayout? Layout { get; init; }

    /// <summary>
    /// Preprocessing of the inputs, x = (v·scale − mean[c])/std[c]: the scale (null: 1/255 for bytes, 1 for floats), and
    /// the means and stds, one for every channel or one per channel (null: 0 and 1).
    /// </summary>
    public double? Scale { get; init; }
    public IReadOnlyList<float>? Mean { get; init; }
    public IReadOnlyList<float>? Std { get; init; }

    /// <summary>Repeat gray images' one channel this many times (3, for a model that takes RGB); null leaves the images as they are.</summary>
    public int? Channels { get; init; }
}

/// <summary>
/// Analyses an ONNX model file: the library function behind `layerentropy analyze`. A model `layerentropy train`
/// wrote runs on our engine; any other graph on ONNX Runtime.
/// </summary>
public static class ModelAnalysis
{
    /// <summary>About how much memory one batch's values may take when an imported graph's batch size is chosen.</summary>
    internal const long BatchBudget = 256L << 20;

    public static AnalysisResult Run(AnalyzeSettings s, IProgress<AnalysisProgress>? progress = null, CancellationToken cancel = default)
    {
        AnalysisPart part;
        using (var prepared = Prepare(s with { Shard = null }))
            part = Analyzer.AnalyzePart(prepared.Model, prepared.Fit, prepared.Data, prepared.Request, progress, cancel);
        // The model (for an imported graph, ONNX Runtime's session and the memory it holds) goes before the measures and
        // the bootstrap allocate theirs.
        return AnalysisCalculator.Compute(part.State, part.Options, part.Manifest, cancel);
    }

    public static AnalysisPart RunPart(AnalyzeSettings s, IProgress<AnalysisProgress>? progress = null, CancellationToken cancel = default)
    {
        using var prepared = Prepare(s);
        return Analyzer.AnalyzePart(prepared.Model, prepared.Fit, prepared.Data, prepared.Request, progress, cancel);
    }

    /// <summary>The model, its inputs fitted to it, and the request, ready for <see cref="Analyzer"/>.</summary>
    internal sealed record Prepared(AnalysedModel Model, InputFit Fit, Dataset Data, AnalysisRequest Request, OnnxModel? Ours, ImportedModel? Imported) : IDisposable
    {
        /// <summary>The taps of an imported graph, for its controls.</summary>
        public IReadOnlyList<TapPoint>? ImportedTaps { get; init; }

        public void Dispose() => Model.Dispose();
    }

    internal static Prepared Prepare(AnalyzeSettings s)
    {
        s.Options.Validate();
        if (s.BatchSize is < 1) throw LayerEntropyException.ForSetting($"{Of(nameof(s.BatchSize))} must be at least 1 (got {s.BatchSize})");
        var (ours, graph) = OnnxReader.ReadAny(s.Model);
        var metadata = ours?.Metadata ?? graph!.Metadata;
        var (data, notes, files, name, split) = Inputs(s);
        var normalization = ours is null ? null : NormalizationOf(metadata, s.Model);
        Preprocessing? preprocessing = null;
        if (s.Normalize is NormalizationName chosen)
        {
            var normalize = Of(nameof(s.Normalize));
            if (s.Mean is not null || s.Std is not null)
                throw LayerEntropyException.ForSetting($"{normalize} gives the mean and std: leave out {Of(nameof(s.Mean))} and {Of(nameof(s.Std))}, or {normalize}");
            var named = Normalization.Named(chosen);
            string label = chosen.ToString().ToLowerInvariant();
            if (named.Channels != data.Channels)
                throw LayerEntropyException.ForSetting(
                    $"{normalize} {label} is for {named.Channels} channels but the images have {data.Channels}; give {Of(nameof(s.Color))} rgb (or {Of(nameof(s.Channels))} {named.Channels}) for gray images");
            preprocessing = new Preprocessing(s.Scale ?? Preprocessing.DefaultScale(data), named.Mean, named.Std);
            notes.Add($"preprocessing (--normalize {label}): {preprocessing.Describe()}");
        }
        else if (s.Scale is not null || s.Mean is not null || s.Std is not null)
        {
            preprocessing = Preprocessing.Of(s.Scale, s.Mean, s.Std, data);
            notes.Add($"preprocessing: {preprocessing.Describe()}");
        }
        else if (s.Data is not null)
        {
            preprocessing = normalization is not null && normalization.Channels == data.Channels ? Preprocessing.For(data, normalization) : Preprocessing.Default(data);
            if (normalization is not null && normalization.Channels == data.Channels)
                notes.Add("the normalisation recorded in the model is applied (give --scale, --mean and --std to change it)");
            notes.Add($"preprocessing: {preprocessing.Describe()}");
        }
        else if (ours is null)
            notes.Add($"preprocessing: {Preprocessing.Default(data).Describe()} (give --scale, --mean and --std as the model was trained with)");

        IReadOnlyList<int?> wanted = ours is not null ? [.. ours.Model.InputShape.Select(d => (int?)d)] : graph!.Input.Dims;
        string wantedText = ours is not null ? $"[N, {string.Join(", ", ours.Model.InputShape)}]" : graph!.Input.Describe();
        // The data's shape comes from a file: the first image of a folder (which may be the odd one out), or the .npy header.
        string? shapeFrom = data.Source is { } images ? $"the shape of the first image, {images.FirstFile}, which every image must have"
            : s.Data is string given && File.Exists(given) ? $"the shape {given} gives" : null;
        var fit = InputFit.Resolve(data.Channels, data.Height, data.Width, wanted, s.Model, wantedText, shapeFrom);
        if (fit.Note is not null) notes.Add(fit.Note);

        var request = new AnalysisRequest
        {
            Taps = s.Taps, PreActivation = s.PreActivation, Options = s.Options, Shard = s.Shard,
            Normalization = normalization, Preprocessing = preprocessing, ModelPath = s.Model, ModelSha256 = Sha256(s.Model),
            DatasetName = name, DatasetFiles = files, Split = split,
            // A model train wrote, on a built-in dataset: its file records its test accuracy, and its analysis.json stays as it was.
            RecordAccuracy = ours is null || s.Data is not null,
            WarnAccuracy = true,
        };
        if (ours is not null)
        {
            var engine = new EngineModel(ours.Model, s.Taps, s.PreActivation);
            return new Prepared(engine, fit, data, request with { BatchSize = s.BatchSize ?? 500, InputNotes = notes.Count > 0 ? notes : null }, ours, null);
        }
        var imported = new ImportedModel(graph!, fit.Shape, Tensors.Compute.Threads);
        var taps = imported.Layers.Resolve(s.Taps, s.PreActivation);
        bool fc = false;
        if (s.Taps.Trim().ToLowerInvariant() is "" or "fc")
        {
            string rule = imported.Layers.Default(s.PreActivation).Rule;
            notes.Add($"taps: {rule}");
            fc = rule.StartsWith("hidden FC", StringComparison.Ordinal);
        }
        notes.Insert(0, $"run by ONNX Runtime {RuntimeSession.Version}");
        int batch = graph!.Input.BatchOfOne ? 1 : s.BatchSize ?? AutomaticBatch(imported, taps);
        var model = new RuntimeModel(imported, taps);
        return new Prepared(model, fit, data, request with { BatchSize = batch, InputNotes = notes, LayerNoun = fc ? AnalysisState.FcLayers : AnalysisState.TappedLayers }, null, imported)
        {
            ImportedTaps = taps,
        };
    }

    /// <summary>
    /// The batch for an imported graph: as many inputs (1 to 500) as keep about <see cref="BatchBudget"/> bytes of
    /// values, counting each input's taps five times (ONNX Runtime's output, the two sets of rows that let one batch be
    /// consumed while the next runs, and the two sets of rows packed for the binned measure) and its largest value three
    /// times (what the graph holds at once around it).
    /// </summary>
    internal static int AutomaticBatch(ImportedModel model, IReadOnlyList<TapPoint> taps)
    {
        long largest = model.Shapes.Values.Select(v => v.Units).DefaultIfEmpty(1).Max();
        long perInput = 4 * (model.InputShape.Aggregate(1L, (a, d) => a * d) + 5 * taps.Sum(t => t.Shape.Units) + 3 * largest);
        return (int)Math.Clamp(BatchBudget / Math.Max(1, perInput), 1, 500);
    }

    /// <summary>The inputs to analyse: the user's own, or a built-in dataset's split; with what the manifest records.</summary>
    private static (Dataset Data, List<string> Notes, IReadOnlyDictionary<string, string> Files, string Name, string Split) Inputs(AnalyzeSettings s)
    {
        Dataset data;
        List<string> notes;
        IReadOnlyDictionary<string, string> files;
        string name, split;
        if (s.Data is not null)
        {
            var read = UserInputs.Load(s);
            (data, notes, files, name, split) = (read.Data, [.. read.Notes], read.Files, UserInputs.Name(s.Data), "given");
        }
        else
        {
            var catalog = new DatasetCatalog(s.DataDir);
            var splits = s.Split switch
            {
                SplitChoice.Train => [DatasetSplit.Train],
                SplitChoice.All => [DatasetSplit.Train, DatasetSplit.Test],
                _ => new[] { DatasetSplit.Test },
            };
            data = splits.Select(sp => catalog.Load(s.Dataset, sp, verify: true)).Aggregate((a, b) => a.Concat(b));
            var checksums = new Dictionary<string, string>();
            foreach (var sp in splits)
                foreach (var (file, sha) in catalog.FileChecksums(s.Dataset, sp)) checksums[file] = sha;
            (notes, files, name, split) = ([], checksums, s.Dataset, s.Split.ToString().ToLowerInvariant());
        }
        if (s.Channels is int channels && channels != data.Channels)
        {
            if (data.Channels != 1 || channels < 1)
                throw LayerEntropyException.ForSetting($"{Of(nameof(s.Channels))} {channels}: only one-channel (gray) images can be repeated into more channels; the data have {data.Channels}");
            data = data.RepeatChannel(channels);
            notes.Add($"each gray image's channel is repeated into {channels} channels (--channels {channels})");
        }
        return (data, notes, files, name, split);
    }
    private static SettingName Of(string property) => SettingName.Of<AnalyzeSettings>(property);

    /// <summary>The pixel normalisation recorded by `layerentropy train`, if any; a damaged record is an error naming <paramref name="model"/>.</summary>
    internal static Normalization? NormalizationOf(IReadOnlyDictionary<string, string> metadata, string model)
    {
        if (!metadata.TryGetValue("normalization_mean", out var mean) || mean.Length == 0) return null;
        string std = metadata.GetValueOrDefault("normalization_std") ?? "";
        LayerEntropyException Bad() => LayerEntropyException.ForFile(model,
            $"damaged metadata: normalization_mean '{Excerpt(mean)}' and normalization_std '{Excerpt(std)}' must be one positive std per mean, finite numbers separated by commas");
        float[] Parse(string v) => [.. v.Split(',').Select(x => float.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out float f) && float.IsFinite(f) ? f : throw Bad())];
        float[] means = Parse(mean), stds = Parse(std);
        if (means.Length != stds.Length || stds.Any(d => !(d > 0))) throw Bad();
        return new Normalization(means, stds);
    }

    private static string Excerpt(string text) => text.Length <= 40 ? text : text[..37] + "...";

    internal static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
