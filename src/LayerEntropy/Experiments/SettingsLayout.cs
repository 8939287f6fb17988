using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LayerEntropy.Experiments;

/// <summary>
/// Reads the experiments' settings as earlier versions wrote them: flat (schema version 1), the training and analysis
/// settings beside the experiment's own, where today's files hold them in <c>training</c> and <c>analysis</c>. A sweep
/// or dynamics folder started by an earlier version is continued, and its sweep.json or dynamics.json is read, as if
/// written today.
/// </summary>
internal static class SettingsLayout
{
    /// <summary>The schema version whose settings were flat.</summary>
    private const int FlatVersion = 1;

    private static readonly string[] TrainingKeys = ["dataset", "activation", "init", "epochs", "batch_size", "optimizer", "learning_rate", "normalize", "train_limit"];
    private static readonly string[] AnalysisKeys = ["bootstrap", "delta"];

    /// <summary>The text of a flat settings object (runs/settings.json, checkpoints/settings.json) in today's layout; null when it is in it already.</summary>
    public static string? Upgrade(string text) =>
        Parse(text) is JsonObject settings && Nest(settings) ? settings.ToJsonString() : null;

    /// <summary>
    /// The text of a sweep.json or dynamics.json of schema version 1 in today's layout; null when it is of
    /// <paramref name="current"/>. One of a later version is refused.
    /// </summary>
    public static Func<string, string?> UpgradeResult(int current) => text =>
    {
        if (Parse(text) is not JsonObject root || root["schema_version"] is not JsonValue v || !v.TryGetValue(out double d) || d != Math.Round(d)) return null;
        if (d > current)
            throw new JsonException(string.Create(CultureInfo.InvariantCulture,
                $"written by a newer LayerEntropy (schema version {d}; this version reads up to {current}): update LayerEntropy to read it"));
        if (d != FlatVersion || root["settings"] is not JsonObject settings || !Nest(settings)) return null;
        root["schema_version"] = current;
        return root.ToJsonString();
    };

    /// <summary>Moves the training and analysis settings of a flat object into their own objects; false when it is not flat.</summary>
    private static bool Nest(JsonObject settings)
    {
        if (settings.ContainsKey("training") || !settings.ContainsKey("epochs")) return false;
        settings["training"] = Take(settings, TrainingKeys);
        settings["analysis"] = Take(settings, AnalysisKeys);
        return true;
    }

    private static JsonObject Take(JsonObject from, string[] keys)
    {
        var taken = new JsonObject();
        foreach (string key in keys)
            if (from.Remove(key, out var value)) taken[key] = value;
        return taken;
    }

    /// <summary>The document, or null where it is not JSON (the reader then says what is wrong with it).</summary>
    private static JsonNode? Parse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
