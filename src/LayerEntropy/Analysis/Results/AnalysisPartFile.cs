using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using LayerEntropy.Data;
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

    /// <summary>
    /// Reads a part written by <see cref="Save"/>, checked whole before any of it is used: every field there, of its
    /// type, every count and index within what it counts or indexes, every record list one entry per input.
    /// </summary>
    /// <exception cref="LayerEntropyException">The file is missing, damaged or not a part; the message names the file and the field.</exception>
    public static AnalysisPart Load(string path)
    {
        if (!File.Exists(path)) throw LayerEntropyException.ForFile(path, "file not found");
        string text = FileErrors.Guard(path, () => File.ReadAllText(path));
        try
        {
            var part = Read(text);
            part.Source = path;
            return part;
        }
        catch (FormatException e)
        {
            throw LayerEntropyException.ForFile(path, $"not a readable analysis part: {e.Message}", e);
        }
        catch (JsonException e)
        {
            throw LayerEntropyException.ForFile(path, $"not a readable analysis part: damaged JSON: {e.Message.Split('\n')[0]}", e);
        }
    }

    private static AnalysisPart Read(string text)
    {
        // A member written twice is damage, not a choice of one of the two.
        var root = Object(JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }), "the file");
        if (Field(root, "kind") is not JsonValue kind || kind.GetValueKind() != JsonValueKind.String || (string?)kind != Kind)
            throw new FormatException($"kind: not {Kind}; merge takes the part files of a sharded analysis");
        if (Integer(Field(root, "version"), "version", 0, int.MaxValue) != Version) throw new FormatException($"version: part format {root["version"]} is not {Version}");
        var manifest = Typed<RunManifest>(Field(root, "manifest"), "manifest");
        var options = Typed<AnalysisOptions>(Field(root, "options"), "options");
        if (ResultConsistency.Options("options", options) is { } badOptions) throw new FormatException(badOptions);
        if (ResultConsistency.Options("manifest.options", manifest.Options) is { } badManifest) throw new FormatException(badManifest);
        var names = Array(Field(root, "class_names"), "class_names").Select((n, i) => Text(n, $"class_names[{i}]")).ToArray();
        if (names.Length == 0) throw new FormatException("class_names: no classes");
        for (int c = 1; c < names.Length; c++)
            if (System.Array.IndexOf(names, names[c], 0, c) >= 0) throw new FormatException($"class_names[{c}]: '{names[c]}' names an earlier class too");

        var ids = FromBase64<long>(Field(root, "ids"), "ids");
        int count = ids.Length;
        if (ids.Any(id => id < 0)) throw new FormatException("ids: a negative dataset position");
        if (new HashSet<long>(ids).Count != count) throw new FormatException("ids: an input appears twice");
        if (manifest.Inputs != count) throw new FormatException($"manifest.inputs: {manifest.Inputs}, but the part holds {count} inputs");
        var labels = FromBase64<int>(Field(root, "labels"), "labels", count);
        int badLabel = System.Array.FindIndex(labels, l => l < 0 || l >= names.Length);
        if (badLabel >= 0) throw new FormatException($"labels[{badLabel}]: {labels[badLabel]} is none of the {names.Length} classes");

        // The taps' names and widths first, each width checked against its activation sums (one per class and unit)
        // before anything is made that big.
        var tapNodes = Array(Field(root, "taps"), "taps");
        var taps = tapNodes.Select((t, i) =>
        {
            var tap = Object(t, $"taps[{i}]");
            int units = Integer(Field(tap, "units", $"taps[{i}]"), $"taps[{i}].units", 1, int.MaxValue);
            var sums = FromBase64<long>(Field(tap, "activation_sums", $"taps[{i}]"), $"taps[{i}].activation_sums", (long)names.Length * units);
            return (Node: tap, Name: Text(Field(tap, "name", $"taps[{i}]"), $"taps[{i}].name"), Layer: Text(Field(tap, "layer", $"taps[{i}]"), $"taps[{i}].layer"), Units: units, Sums: sums);
        }).ToArray();
        if (!manifest.Taps.SequenceEqual(taps.Select(t => t.Name)))
            throw new FormatException($"manifest.taps: [{string.Join(", ", manifest.Taps)}] does not name the part's taps [{string.Join(", ", taps.Select(t => t.Name))}]");
        var ranges = Field(root, "ranges") is { } rangeNode ? Array(rangeNode, "ranges").Select((r, i) => Range(r, $"ranges[{i}]", names.Length)).ToArray() : null;
        if (ranges is not null && ranges.Length != taps.Length) throw new FormatException($"ranges: {ranges.Length} entries, but there are {taps.Length} taps");
        if ((ranges is null) != (options.Bins == 0)) throw new FormatException($"ranges: {(ranges is null ? "null" : "given")}, but options.bins is {options.Bins}");
        int perClass = Integer(Field(root, "samples_per_class"), "samples_per_class", 0, 100);

        var state = new AnalysisState(names, taps.Select(t => (t.Name, t.Layer, t.Units)), ranges, perClass);
        state.Ids.AddRange(ids);
        state.Labels.AddRange(labels);
        for (int i = 0; i < taps.Length; i++) ReadRecords(taps[i].Node, $"taps[{i}]", state.Taps[i], labels, taps[i].Sums);

        state.InputShape = Field(root, "input_shape") is { } shapeNode
            ? [.. Array(shapeNode, "input_shape").Select((d, i) => Integer(d, $"input_shape[{i}]", 1, int.MaxValue))] : null;
        if (state.InputShape is { } shape && (shape.Length != 3 || shape.Aggregate(1L, (p, d) => p * d) > int.MaxValue))
            throw new FormatException($"input_shape: [{string.Join(", ", shape)}] is not (channels, rows, columns) of an image");
        state.TapValues = Field(root, "tap_values") is { } valuesNode
            ? [.. Array(valuesNode, "tap_values").Select((v, i) => v is null ? null : Text(v, $"tap_values[{i}]"))] : null;
        if (state.TapValues is not null && state.TapValues.Length != taps.Length) throw new FormatException($"tap_values: {state.TapValues.Length} names, but there are {taps.Length} taps");
        var scored = Object(Field(root, "scored"), "scored");
        long inputs = Integer(Field(scored, "inputs", "scored"), "scored.inputs", 0, count), correct = Integer(Field(scored, "correct", "scored"), "scored.correct", 0, inputs);
        state.Scored = (inputs, correct);
        state.ModelOutputs = root["model_outputs"] is { } outputs ? Integer(outputs, "model_outputs", 1, int.MaxValue) : null;
        state.WarnAccuracy = root["warn_accuracy"] is { } warn && (warn.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? warn.GetValue<bool>() : throw new FormatException("warn_accuracy: not true or false"));
        state.LayerNoun = root["layer_noun"] is { } noun ? Text(noun, "layer_noun") switch
        {
            AnalysisState.TappedLayers => AnalysisState.TappedLayers,
            AnalysisState.FcLayers => AnalysisState.FcLayers,
            var other => throw new FormatException($"layer_noun: '{other}' is neither '{AnalysisState.FcLayers}' nor '{AnalysisState.TappedLayers}'"),
        } : AnalysisState.FcLayers;

        var position = new Dictionary<long, int>(count);
        for (int x = 0; x < count; x++) position[ids[x]] = x;
        var samples = Array(Field(root, "samples"), "samples");
        for (int k = 0; k < samples.Count; k++)
        {
            string at = $"samples[{k}]";
            var x = Object(samples[k], at);
            long id = Integer(Field(x, "id", at), $"{at}.id", 0, long.MaxValue);
            int label = Integer(Field(x, "label", at), $"{at}.label", 0, names.Length - 1);
            if (!position.TryGetValue(id, out int p) || labels[p] != label) throw new FormatException($"{at}: input {id} of class {label} is none of the part's inputs");
            var rows = Array(Field(x, "taps", at), $"{at}.taps");
            if (rows.Count != taps.Length) throw new FormatException($"{at}.taps: {rows.Count} entries, but there are {taps.Length} taps");
            var values = rows.Select((r, t) => FromBase64<float>(r, $"{at}.taps[{t}]", taps[t].Units)).ToArray();
            for (int t = 0; t < values.Length; t++)
                if (System.Array.FindIndex(values[t], v => !float.IsFinite(v)) is int bad and >= 0)
                    throw new FormatException($"{at}.taps[{t}][{bad}]: {values[t][bad].ToString(System.Globalization.CultureInfo.InvariantCulture)}, not a finite activation");
            var image = Field(x, "image", at) is { } b64 ? Bytes(b64, $"{at}.image") : null;
            if ((image is null) != (state.InputShape is null) || (image is not null && image.Length != state.InputShape!.Aggregate(1, (q, d) => q * d)))
                throw new FormatException($"{at}.image: {(image is null ? "null" : $"{image.Length} bytes")}, but input_shape is {(state.InputShape is null ? "null" : $"[{string.Join(", ", state.InputShape)}]")}");
            state.Samples.Add(new Sample(id, label, values) { Image = image });
        }
        return new AnalysisPart(state, manifest, options);
    }

    /// <summary>One tap's per-input records, checked against the inputs and its width, added to <paramref name="acc"/>.</summary>
    private static void ReadRecords(JsonObject t, string at, TapAccumulator acc, int[] labels, long[] sums)
    {
        int count = labels.Length, words = acc.Words;
        var patterns = FromBase64<ulong>(Field(t, "patterns", at), $"{at}.patterns");
        var codeword = FromBase64<int>(Field(t, "codeword", at), $"{at}.codeword", count);
        var magnitude = FromBase64<double>(Field(t, "magnitude", at), $"{at}.magnitude", count);
        var own = FromBase64<UInt128>(Field(t, "binned_own", at), $"{at}.binned_own", count);
        var pooled = FromBase64<UInt128>(Field(t, "binned_pooled", at), $"{at}.binned_pooled", count);
        if (patterns.Length % words != 0) throw new FormatException($"{at}.patterns: {patterns.Length} words, not whole patterns of {words}");
        int badCode = System.Array.FindIndex(codeword, k => k < 0 || (long)(k + 1) * words > patterns.Length);
        if (badCode >= 0) throw new FormatException($"{at}.codeword[{badCode}]: {codeword[badCode]} is none of the {patterns.Length / words} patterns");
        // An input's magnitude entropy is NaN (all activations zero) or within [0, log₂ N], give or take the
        // float32 logarithms' rounding.
        double most = Math.Log2(acc.Units) + 1e-5;
        int badMagnitude = System.Array.FindIndex(magnitude, h => !double.IsNaN(h) && !(h >= 0 && h <= most));
        if (badMagnitude >= 0) throw new FormatException($"{at}.magnitude[{badMagnitude}]: {magnitude[badMagnitude].ToString(System.Globalization.CultureInfo.InvariantCulture)} is outside [0, log2 {acc.Units}]");
        ulong past = acc.Units % 64 == 0 ? 0 : ~0UL << (acc.Units % 64);
        for (int k = words - 1; past != 0 && k < patterns.Length; k += words)
            if ((patterns[k] & past) != 0) throw new FormatException($"{at}.patterns: pattern {k / words} has bits past its {acc.Units} units");
        for (int x = 0; x < count; x++)
        {
            var bits = patterns.AsSpan(codeword[x] * words, words);
            acc.Add(bits, magnitude[x], own[x], pooled[x]);
            acc.CountFiring(bits, labels[x]);
        }
        for (int c = 0; c < acc.ActivationSum.Length; c++) acc.AddActivations(c, sums.AsSpan(c * acc.Units, acc.Units));
    }

    /// <summary>A tap's binned ranges: per class, [min, max] of finite values, or +∞/−∞ for a class with no inputs.</summary>
    private static TapRange Range(JsonNode? node, string at, int classes)
    {
        var r = Object(node, at);
        var range = new TapRange(classes);
        float[] min = FromBase64<float>(Field(r, "min", at), $"{at}.min", classes), max = FromBase64<float>(Field(r, "max", at), $"{at}.max", classes);
        for (int c = 0; c < classes; c++)
        {
            bool empty = min[c] == float.PositiveInfinity && max[c] == float.NegativeInfinity;
            if (!empty && !(float.IsFinite(min[c]) && float.IsFinite(max[c]) && min[c] <= max[c]))
                throw new FormatException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{at}: class {c}'s range [{min[c]}, {max[c]}] is not a finite min ≤ max"));
        }
        min.CopyTo(range.Min, 0);
        max.CopyTo(range.Max, 0);
        return range;
    }

    /// <summary>A member of <paramref name="o"/> that must be there (null where the JSON says null).</summary>
    private static JsonNode? Field(JsonObject o, string name, string? parent = null) =>
        o.TryGetPropertyValue(name, out var node) ? node : throw new FormatException($"{(parent is null ? "" : parent + ".")}{name}: missing");

    private static JsonObject Object(JsonNode? node, string at) =>
        node as JsonObject ?? throw new FormatException($"{at}: {Describe(node)}, not an object");

    private static JsonArray Array(JsonNode? node, string at) =>
        node as JsonArray ?? throw new FormatException($"{at}: {Describe(node)}, not an array");

    private static string Text(JsonNode? node, string at) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : throw new FormatException($"{at}: {Describe(node)}, not a string");

    private static int Integer(JsonNode? node, string at, int min, int max) => (int)Integer(node, at, min, (long)max);

    private static long Integer(JsonNode? node, string at, long min, long max)
    {
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number || !v.TryGetValue(out long x))
            throw new FormatException($"{at}: {Describe(node)}, not an integer");
        if (x < min || x > max) throw new FormatException($"{at}: {x} is outside {min}..{max}");
        return x;
    }

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => $"the number {v.ToJsonString()}",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => "a string",
        _ => $"{node.GetValueKind().ToString().ToLowerInvariant()}",
    };

    private static T Typed<T>(JsonNode? node, string at)
    {
        try
        {
            return node.Deserialize<T>(AnalysisJson.Options) ?? throw new FormatException($"{at}: null");
        }
        catch (JsonException e)
        {
            string where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? at : at + e.Path[1..];
            throw new FormatException($"{where}: {e.Message.Split('\n')[0]}", e);
        }
    }

    private static byte[] Bytes(JsonNode node, string at)
    {
        try
        {
            return Convert.FromBase64String(Text(node, at));
        }
        catch (FormatException)
        {
            throw new FormatException($"{at}: not base64");
        }
    }

    private static string Base64<T>(T[] values) where T : struct => Convert.ToBase64String(MemoryMarshal.AsBytes(values.AsSpan()));

    /// <summary>A little-endian array in base64, of exactly <paramref name="count"/> elements where given.</summary>
    private static T[] FromBase64<T>(JsonNode? node, string at, long? count = null) where T : struct
    {
        byte[] bytes = Bytes(node ?? throw new FormatException($"{at}: null, not an array in base64"), at);
        int size = Marshal.SizeOf<T>();
        if (bytes.Length % size != 0) throw new FormatException($"{at}: {bytes.Length} bytes, not whole {size}-byte values");
        if (count is long n && bytes.Length / size != n) throw new FormatException($"{at}: {bytes.Length / size} values, but {n} are needed");
        return MemoryMarshal.Cast<byte, T>(bytes).ToArray();
    }
}
