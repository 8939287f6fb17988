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

    /// <summary>
    /// Reads a file this program wrote, checked before it is handed out: no null entry in a list that holds none, and
    /// whatever <paramref name="check"/> finds wrong (the place as a JSON path); a damaged one is an error naming it.
    /// </summary>
    /// <param name="upgrade">Rewrites the text of a file in an earlier layout to today's; null when it is in today's.</param>
    public static T Load<T>(string path, string what, Func<T, string?>? check = null, Func<string, string?>? upgrade = null)
    {
        string text = FileErrors.Guard(path, () => File.ReadAllText(path));
        T value;
        try
        {
            value = JsonSerializer.Deserialize<T>(upgrade?.Invoke(text) ?? text, Options) ?? throw LayerEntropyException.ForFile(path, $"not {what} (null)");
        }
        catch (JsonException e)
        {
            throw LayerEntropyException.ForFile(path, $"not {what}: {e.Message.Split('\n')[0]}", e);
        }
        if ((NullEntries.Find(value!) ?? check?.Invoke(value)) is { } problem) throw LayerEntropyException.ForFile(path, $"not {what}: {problem}");
        return value;
    }

    /// <summary>
    /// Keeps the settings an experiment folder was started with in <paramref name="path"/>: writes them on the first
    /// run, and refuses a later run whose settings (<paramref name="fixedPart"/>, the part that changes a model) differ,
    /// naming the settings that do.
    /// </summary>
    /// <param name="what">The experiment, for the message: "a sweep", "a dynamics run".</param>
    /// <remarks>
    /// Several processes (the shards of one experiment) may start on the same folder at once: the file is created only
    /// where none is (written in full to a temporary file, then moved into place without replacing), so exactly one
    /// process writes it and every other compares its own settings with it.
    /// </remarks>
    public static void KeepSettings<T>(T fixedPart, Func<T, T> fix, string path, string folder, string what)
    {
        if (!File.Exists(path) && CreateIfAbsent(fixedPart, path, $"the settings of {what}")) return;
        using var earlier = JsonDocument.Parse(Serialize(fix(Load<T>(path, $"the settings of {what}", upgrade: SettingsLayout.Upgrade))));
        using var now = JsonDocument.Parse(Serialize(fixedPart));
        var differs = Differences(earlier.RootElement, now.RootElement, "").ToArray();
        if (differs.Length > 0)
            throw LayerEntropyException.ForFile(folder, $"holds {what} trained with other settings ({string.Join(", ", differs)} differ); give another -o, or the same settings to continue it");
    }

    /// <summary>The settings (as dotted paths: training.epochs) whose values differ between two settings objects.</summary>
    private static IEnumerable<string> Differences(JsonElement earlier, JsonElement now, string prefix)
    {
        foreach (var p in earlier.EnumerateObject())
        {
            string name = prefix + p.Name;
            if (!now.TryGetProperty(p.Name, out var q)) yield return name;
            else if (p.Value.ValueKind == JsonValueKind.Object && q.ValueKind == JsonValueKind.Object)
                foreach (var inner in Differences(p.Value, q, name + ".")) yield return inner;
            else if (q.GetRawText() != p.Value.GetRawText()) yield return name;
        }
    }

    /// <summary>
    /// Writes <paramref name="value"/> to <paramref name="path"/> unless a file is there already, atomically: true when
    /// this call created it, false when another was there first (that one is left as it is).
    /// </summary>
    public static bool CreateIfAbsent<T>(T value, string path, string what)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(Serialize(value));
        return FileFailure.Guard(path, $"write {what}", () => AtomicFile.TryCreate(path, stream => stream.Write(utf8)));
    }

    /// <summary>Deletes a folder an interrupted run left unfinished, with what is in it; a missing one is fine.</summary>
    public static void Clear(string folder, string what)
    {
        FileFailure.Guard(folder, $"clear {what} to make it again", () =>
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        });
    }

    /// <summary>Writes text (a CSV) atomically.</summary>
    public static void SaveText(string text, string path, string what)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        AtomicFile.Write(path, s => s.Write(utf8), what);
    }
}
