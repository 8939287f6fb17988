using System.Text;
using System.Text.Json;
using LayerEntropy.Analysis;
using LayerEntropy.Data;
using LayerEntropy.IO;

namespace LayerEntropy.Experiments;

/// <summary>
/// The JSON files of the experiments (sweep.json, dynamics.json and the per-model records that make a run
/// resumable), written with analysis.json's conventions: snake_case, strict numbers, atomic replacement.
/// </summary>
internal static class ExperimentFiles
{
    /// <summary>analysis.json's conventions, with the text's symbols (ℓ*, &lt;, apostrophes) written as themselves for readers of the file.</summary>
    private static readonly JsonSerializerOptions Options = new(AnalysisJson.Options) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options) + "\n";

    public static void Save<T>(T value, string path, string what)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(Serialize(value));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        AtomicFile.Write(path, s => s.Write(utf8), what);
    }

    /// <summary>Reads a file this program wrote; a damaged one is an error naming it.</summary>
    public static T Load<T>(string path, string what)
    {
        string text = FileErrors.Guard(path, () => File.ReadAllText(path));
        try
        {
            return JsonSerializer.Deserialize<T>(text, Options) ?? throw LayerEntropyException.ForFile(path, $"not {what} (null)");
        }
        catch (JsonException e)
        {
            throw LayerEntropyException.ForFile(path, $"not {what}: {e.Message.Split('\n')[0]}", e);
        }
    }

    /// <summary>Writes text (a CSV) atomically.</summary>
    public static void SaveText(string text, string path, string what)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        AtomicFile.Write(path, s => s.Write(utf8), what);
    }
}
