using System.Globalization;
using LayerEntropy.Analysis;
using LayerEntropy.Onnx;

namespace LayerEntropy.Experiments;

/// <summary>
/// The test accuracy that layerentropy train recorded in the model an analysis names: read from the model file when
/// it is still there and still the file that was analysed, else unknown with a note saying why.
/// </summary>
internal static class RecordedAccuracy
{
    public const string MetadataKey = "test_accuracy";

    public static (double? Accuracy, string? Note) Of(AnalysisResult result, string analysisPath)
    {
        if (result.Manifest.Model is not { } model) return (null, "no model file recorded (recorded activations)");
        var found = Candidates(model, analysisPath).Where(File.Exists).ToList();
        if (found.Count == 0) return (null, $"model {model} not found");
        // A model trained on with --resume is replaced in place: a file that no longer hashes to what was analysed
        // records the accuracy of a later checkpoint, not of this one.
        string? path = result.Manifest.ModelSha256 is { } sha ? found.FirstOrDefault(f => Sha256(f) == sha) : found[0];
        if (path is null) return (null, $"{found[0]} has changed since it was analysed (its SHA-256 differs)");
        IReadOnlyDictionary<string, string> metadata;
        try
        {
            metadata = OnnxReader.ReadMetadata(path);
        }
        catch (LayerEntropyException e)
        {
            return (null, e.Message);
        }
        if (!metadata.TryGetValue(MetadataKey, out var text)) return (null, $"{path} records no {MetadataKey}");
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double accuracy) || !(accuracy is >= 0 and <= 1))
            return (null, $"{path}: {MetadataKey} '{text}' is not a fraction in [0, 1]");
        return (accuracy, null);
    }

    /// <summary>
    /// Where the model may be: as recorded when absolute; else beside the analysis (a folder moved with its model),
    /// then from the current folder (analyze was given the path from there).
    /// </summary>
    private static IEnumerable<string> Candidates(string model, string analysisPath)
    {
        if (Path.IsPathRooted(model)) return [model];
        string folder = Path.GetDirectoryName(Path.GetFullPath(analysisPath))!;
        return new[] { Path.GetFullPath(Path.Combine(folder, model)), Path.GetFullPath(model) }.Distinct();
    }

    private static string? Sha256(string path)
    {
        try
        {
            return ModelAnalysis.Sha256(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
