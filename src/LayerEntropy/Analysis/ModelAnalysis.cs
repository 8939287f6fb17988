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
    public int BatchSize { get; init; } = 500;
    public (int Index, int Count)? Shard { get; init; }

    /// <summary>The user's own inputs instead of a built-in dataset: a folder of PNG images (one subfolder per class) or a .npy file.</summary>
    public string? Data { get; init; }

    /// <summary>The labels of .npy inputs.</summary>
    public string? Labels { get; init; }

    /// <summary>Layout of 4-D .npy inputs: nchw (default) or nhwc.</summary>
    public string? Layout { get; init; }

    /// <summary>Preprocessing of the user's inputs, x = (v·scale − mean)/std: the scale (e.g. 1/255), and the means and stds separated by commas.</summary>
    public string? Scale { get; init; }
    public string? Mean { get; init; }
    public string? Std { get; init; }
}

/// <summary>Analyses an ONNX model file on a catalogued dataset: the library function behind `layerentropy analyze`.</summary>
public static class ModelAnalysis
{
    public static AnalysisResult Run(AnalyzeSettings s, IProgress<AnalysisProgress>? progress = null, CancellationToken cancel = default)
    {
        var (model, data, request) = Prepare(s with { Shard = null });
        return Analyzer.Analyze(model, data, request, progress, cancel);
    }

    public static AnalysisPart RunPart(AnalyzeSettings s, IProgress<AnalysisProgress>? progress = null, CancellationToken cancel = default)
    {
        var (model, data, request) = Prepare(s);
        return Analyzer.AnalyzePart(model, data, request, progress, cancel);
    }

    internal static (Nn.Sequential Model, Dataset Data, AnalysisRequest Request) Prepare(AnalyzeSettings s)
    {
        s.Options.Validate();
        var file = OnnxModelFile.Load(s.Model);
        var request = new AnalysisRequest
        {
            Taps = s.Taps, PreActivation = s.PreActivation, Options = s.Options, BatchSize = s.BatchSize, Shard = s.Shard,
            Normalization = NormalizationOf(file.Metadata), ModelPath = s.Model, ModelSha256 = Sha256(s.Model),
        };
        if (s.Data is not null)
        {
            var user = UserInputs.Prepare(s, file.Model, request.Normalization);
            return (user.Model, user.Data, request with
            {
                Preprocessing = user.Preprocessing, InputNotes = user.Notes, DatasetName = UserInputs.Name(s.Data), DatasetFiles = user.Files, Split = "given",
            });
        }
        var catalog = new DatasetCatalog(s.DataDir);
        var splits = s.Split switch
        {
            SplitChoice.Train => [DatasetSplit.Train],
            SplitChoice.All => [DatasetSplit.Train, DatasetSplit.Test],
            _ => new[] { DatasetSplit.Test },
        };
        var data = splits.Select(split => catalog.Load(s.Dataset, split, verify: true)).Aggregate((a, b) => a.Concat(b));
        int[] imageShape = [data.Channels, data.Height, data.Width];
        if (!file.Model.InputShape.SequenceEqual(imageShape))
            throw LayerEntropyException.ForFile(s.Model, $"the model takes inputs of shape [{string.Join(",", file.Model.InputShape)}] but {s.Dataset} images are [{string.Join(",", imageShape)}]");
        var files = new Dictionary<string, string>();
        foreach (var split in splits)
            foreach (var (name, sha) in catalog.FileChecksums(s.Dataset, split)) files[name] = sha;
        request = request with { DatasetName = s.Dataset, DatasetFiles = files, Split = s.Split.ToString().ToLowerInvariant() };
        return (file.Model, data, request);
    }

    /// <summary>The pixel normalisation recorded by `layerentropy train`, if any.</summary>
    internal static Normalization? NormalizationOf(IReadOnlyDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue("normalization_mean", out var mean) || mean.Length == 0) return null;
        static float[] Parse(string v) => [.. v.Split(',').Select(x => float.Parse(x, CultureInfo.InvariantCulture))];
        return new Normalization(Parse(mean), Parse(metadata["normalization_std"]));
    }

    internal static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
