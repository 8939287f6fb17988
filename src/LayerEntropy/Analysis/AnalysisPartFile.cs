using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using LayerEntropy.IO;

namespace LayerEntropy.Analysis;

/// <summary>
/// A shard's accumulators as JSON (`analyze --shard i/n -o part-i.json`), read back by `merge`. Per-input
/// records and patterns are little-endian arrays in base64; the layout is in docs/FORMATS.md.
/// </summary>
public static class AnalysisPartFile
{
    public const string Kind = "layerentropy-analysis-part";
    public const int Version = 2;

    /// <summary>The name a shard's part takes in a folder of parts: part-0002-of-0004.json for the second of four.</summary>
    public static string NameOf(int index, int count) => FormattableString.Invariant($"part-{index + 1:D4}-of-{count:D4}.json");

    /// <summary>Writes <paramref name="part"/> to <paramref name="path"/>, replacing any earlier file atomically.</summary>
    /// <exception cref="LayerEntropyException">The file cannot be written.</exception>
    public static void Save(AnalysisPart part, string path)
    {
        var s = part.State;
        var root = new JsonObject
        {
            ["kind"] = Kind,
            ["version"] = Version,
            ["manifest"] = JsonSerializer.SerializeToNode(part.Manifest, AnalysisJson.Options),
            ["options"] = JsonSerializer.SerializeToNode(part.Options, AnalysisJson.Options),
            ["class_names"] = new JsonArray([.. s.ClassNames.Select(n => (JsonNode?)n)]),
            ["ids"] = Base64<long>([.. s.Ids]),
            ["labels"] = Base64<int>([.. s.Labels]),
            ["ranges"] = s.Ranges is null ? null : new JsonArray([.. s.Ranges.Select(r => (JsonNode?)new JsonObject { ["min"] = Base64<float>(r.Min), ["max"] = Base64<float>(r.Max) })]),
            ["taps"] = new JsonArray([.. s.Taps.Select(t => (JsonNode?)new JsonObject
            {
                ["name"] = t.Name, ["layer"] = t.Layer, ["units"] = t.Units,
                ["patterns"] = Base64<ulong>(Patterns(t.Patterns)),
                ["codeword"] = Base64<int>([.. t.Codeword]),
                ["magnitude"] = Base64<double>([.. t.Magnitude]),
                ["binned_own"] = Base64<UInt128>([.. t.BinnedOwn]),
                ["binned_pooled"] = Base64<UInt128>([.. t.BinnedPooled]),
                ["activation_sums"] = Base64<long>([.. t.ActivationSum.SelectMany(a => a)]),
            })]),
            ["input_shape"] = s.InputShape is null ? null : new JsonArray([.. s.InputShape.Select(d => (JsonNode?)d)]),
            ["tap_values"] = s.TapValues is null ? null : new JsonArray([.. s.TapValues.Select(v => (JsonNode?)v)]),
            ["scored"] = new JsonObject { ["inputs"] = s.Scored.Inputs, ["correct"] = s.Scored.Correct },
            ["model_outputs"] = s.ModelOutputs,
            ["warn_accuracy"] = s.WarnAccuracy,
            ["layer_noun"] = s.LayerNoun,
            ["samples_per_class"] = s.Samples.PerClass,
            ["samples"] = new JsonArray([.. s.Samples.All.Select(x => (JsonNode?)new JsonObject
            {
                ["id"] = x.Id, ["label"] = x.Label,
                ["image"] = x.Image is null ? null : Convert.ToBase64String(x.Image),
                ["taps"] = new JsonArray([.. x.Taps.Select(a => (JsonNode?)Base64<float>(a))]),
            })]),
        };
        AtomicFile.Write(path, stream =>
        {
            using var writer = new Utf8JsonWriter(stream);
            root.WriteTo(writer);
        }, "the analysis part");
    }

    /// <summary>Every pattern of <paramref name="table"/>, one after another.</summary>
    private static ulong[] Patterns(CodewordTable table)
    {
        var all = new ulong[(long)table.Count * table.Words];
        for (int k = 0; k < table.Count; k++) table.Read(k, all.AsSpan(k * table.Words, table.Words));
        return all;
    }

    public static AnalysisPart Load(string path)
    {
        if (!File.Exists(path)) throw LayerEntropyException.ForFile(path, "file not found");
        try
        {
            var root = JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new FormatException("empty");
            if ((string?)root["kind"] != Kind) throw new FormatException($"not an analysis part (kind is not {Kind}); merge takes the files written by analyze --shard");
            if ((int?)root["version"] != Version) throw new FormatException($"part format version {root["version"]} is not {Version}");
            var manifest = root["manifest"].Deserialize<RunManifest>(AnalysisJson.Options) ?? throw new FormatException("no manifest");
            var options = root["options"].Deserialize<AnalysisOptions>(AnalysisJson.Options) ?? throw new FormatException("no options");
            var names = root["class_names"]!.AsArray().Select(n => (string)n!).ToArray();
            var ranges = root["ranges"] is JsonArray ra ? ra.Select(r =>
            {
                var range = new TapRange(names.Length);
                float[] min = FromBase64<float>(r!["min"]), max = FromBase64<float>(r!["max"]);
                if (min.Length != names.Length || max.Length != names.Length) throw new FormatException("a binned range does not have one minimum and maximum per class");
                min.CopyTo(range.Min, 0);
                max.CopyTo(range.Max, 0);
                return range;
            }).ToArray() : null;
            var taps = root["taps"]!.AsArray();
            if (ranges is not null && ranges.Length != taps.Count) throw new FormatException("the binned ranges do not match the taps");
            var state = new AnalysisState(names, taps.Select(t => ((string)t!["name"]!, (string)t["layer"]!, (int)t["units"]!)), ranges,
                (int?)root["samples_per_class"] ?? throw new FormatException("samples_per_class is missing"));
            state.Ids.AddRange(FromBase64<long>(root["ids"]));
            state.Labels.AddRange(FromBase64<int>(root["labels"]));
            // Checked once, before any record is read: the firing counts index by label.
            if (state.Labels.Count != state.Count || state.Labels.Any(l => l < 0 || l >= names.Length))
                throw new FormatException("labels do not match the inputs or the classes");
            for (int i = 0; i < taps.Count; i++)
            {
                var t = taps[i]!;
                var acc = state.Taps[i];
                var patterns = FromBase64<ulong>(t["patterns"]);
                var codeword = FromBase64<int>(t["codeword"]);
                var magnitude = FromBase64<double>(t["magnitude"]);
                var own = FromBase64<UInt128>(t["binned_own"]);
                var pooled = FromBase64<UInt128>(t["binned_pooled"]);
                int words = acc.Words;
                if (codeword.Length != state.Count || magnitude.Length != state.Count || own.Length != state.Count || pooled.Length != state.Count
                    || patterns.Length % Math.Max(1, words) != 0 || codeword.Any(k => k < 0 || (long)(k + 1) * words > patterns.Length))
                    throw new FormatException($"tap {acc.Name}: its records do not match the {state.Count} inputs");
                // An input's magnitude entropy is NaN (all activations zero) or within [0, log₂ N], give or take the
                // float32 logarithms' rounding.
                double most = Math.Log2(Math.Max(1, acc.Units)) + 1e-5;
                if (magnitude.Any(h => !double.IsNaN(h) && !(h >= 0 && h <= most)))
                    throw new FormatException($"tap {acc.Name}: a magnitude entropy is outside [0, log2 {acc.Units}]");
                ulong past = acc.Units % 64 == 0 ? 0 : ~0UL << (acc.Units % 64);
                for (int k = words - 1; past != 0 && k < patterns.Length; k += words)
                    if ((patterns[k] & past) != 0) throw new FormatException($"tap {acc.Name}: a pattern has bits past its {acc.Units} units");
                for (int x = 0; x < codeword.Length; x++)
                {
                    var bits = patterns.AsSpan(codeword[x] * words, words);
                    acc.Add(bits, magnitude[x], own[x], pooled[x]);
                    acc.CountFiring(bits, state.Labels[x]);
                }
                var sums = FromBase64<long>(t["activation_sums"]);
                if (sums.Length != (long)names.Length * acc.Units) throw new FormatException($"tap {acc.Name}: activation sums do not give every class one per unit");
                for (int c = 0; c < names.Length; c++) acc.AddActivations(c, sums.AsSpan(c * acc.Units, acc.Units));
            }
            state.InputShape = root["input_shape"] is JsonArray shape ? [.. shape.Select(d => (int)d!)] : null;
            state.TapValues = root["tap_values"] is JsonArray values ? [.. values.Select(v => (string?)v)] : null;
            if (state.TapValues is not null && state.TapValues.Length != taps.Count) throw new FormatException("tap_values does not name one value per tap");
            if (root["scored"] is JsonObject scored)
            {
                long inputs = (long)scored["inputs"]!, correct = (long)scored["correct"]!;
                if (inputs < 0 || correct < 0 || correct > inputs) throw new FormatException("scored counts are negative or more are right than were scored");
                state.Scored = (inputs, correct);
            }
            state.ModelOutputs = (int?)root["model_outputs"];
            state.WarnAccuracy = (bool?)root["warn_accuracy"] ?? false;
            state.LayerNoun = (string?)root["layer_noun"] is AnalysisState.TappedLayers ? AnalysisState.TappedLayers : AnalysisState.FcLayers;
            foreach (var x in root["samples"]?.AsArray() ?? throw new FormatException("samples are missing"))
            {
                int label = (int)x!["label"]!;
                var rows = x["taps"]!.AsArray().Select(a => FromBase64<float>(a)).ToArray();
                if (label < 0 || label >= names.Length || rows.Length != taps.Count || rows.Where((r, i) => r.Length != state.Taps[i].Units).Any())
                    throw new FormatException("a sample does not match the classes or the taps");
                var image = (string?)x["image"] is { } b64 ? Convert.FromBase64String(b64) : null;
                if ((image is null) != (state.InputShape is null) || (image is not null && image.Length != state.InputShape!.Aggregate(1, (p, d) => p * d)))
                    throw new FormatException("a sample's image does not match the input shape");
                state.Samples.Add(new Sample((long)x["id"]!, label, rows) { Image = image });
            }
            return new AnalysisPart(state, manifest, options);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NullReferenceException or ArgumentException or InvalidCastException)
        {
            throw LayerEntropyException.ForFile(path, $"not a readable analysis part: {e.Message.Split('\n')[0]}");
        }
    }

    private static string Base64<T>(T[] values) where T : struct => Convert.ToBase64String(MemoryMarshal.AsBytes(values.AsSpan()));

    private static T[] FromBase64<T>(JsonNode? node) where T : struct
    {
        byte[] bytes = Convert.FromBase64String((string?)node ?? throw new FormatException("a record array is missing"));
        if (bytes.Length % Marshal.SizeOf<T>() != 0) throw new FormatException("a record array has a partial element");
        return MemoryMarshal.Cast<byte, T>(bytes).ToArray();
    }
}
