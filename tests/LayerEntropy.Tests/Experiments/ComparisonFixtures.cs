using LayerEntropy.Analysis;
using LayerEntropy.Data;
using LayerEntropy.Onnx;

namespace LayerEntropy.Tests.Experiments;

/// <summary>
/// Analyses of hand-made activations whose pooled pattern entropy is known in closed form: four inputs (two of each
/// of two classes), and at each tap unit i fires (activation 1 &gt; τ = 0) on the first k_i inputs only, so its
/// entropy is h(k_i/4) and the tap's pattern mean is the average of those.
/// </summary>
internal static class ComparisonFixtures
{
    public const int Inputs = 4;
    public static readonly int[] Labels = [0, 0, 1, 1];

    /// <summary>One tap per entry of <paramref name="firing"/>, named fc1_act, fc2_act, ...; each entry holds k_i per unit.</summary>
    public static AnalysisResult Run(params int[][] firing) => Named([.. firing.Select((_, t) => $"fc{t + 1}_act")], firing);

    public static AnalysisResult Named(string[] names, int[][] firing, AnalysisOptions? options = null)
    {
        var taps = firing.Select((counts, t) =>
        {
            var values = new float[Inputs * counts.Length];
            for (int row = 0; row < Inputs; row++)
                for (int i = 0; i < counts.Length; i++)
                    values[row * counts.Length + i] = row < counts[i] ? 1 : 0;
            return new TapActivations(names[t], Inputs, counts.Length, values);
        }).ToList();
        return Analyzer.AnalyzeActivations(taps, Labels, ["zero", "one"], options ?? new AnalysisOptions { Bootstrap = 0 });
    }

    /// <summary>Binary entropy in bits, written out: the reference the analyses are checked against.</summary>
    public static double H(double p) => p is 0 or 1 ? 0 : -(p * Math.Log2(p) + (1 - p) * Math.Log2(1 - p));

    /// <summary>The pattern mean of a tap whose units fire on k_i of the four inputs.</summary>
    public static double PatternMean(params int[] counts) => counts.Average(k => H(k / (double)Inputs));

    /// <summary>Saves <paramref name="result"/> as FOLDER/analysis.json under <paramref name="dir"/>; returns its path.</summary>
    public static string Save(TempDir dir, string folder, AnalysisResult result)
    {
        string path = dir.File(folder, AnalysisOutput.JsonFileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AnalysisJson.Save(result, path);
        return path;
    }

    /// <summary>A tiny model file carrying <paramref name="metadata"/>, and the analysis pointed at it as its model (path as given, its SHA-256).</summary>
    public static AnalysisResult WithModel(AnalysisResult result, string modelPath, string recordedPath, IReadOnlyDictionary<string, string> metadata)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(modelPath)!);
        OnnxModelFile.Save(LayerEntropy.Nn.ModelSpec.Build("mlp:2", [1, 2, 2], 2), modelPath, metadata);
        string sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(modelPath)));
        return result with { Manifest = result.Manifest with { Model = recordedPath, ModelSha256 = sha } };
    }
}
