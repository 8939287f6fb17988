using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using LayerEntropy.Data;
using LayerEntropy.IO;

namespace LayerEntropy.Analysis;

/// <summary>
/// Reads and writes analysis.json (docs/FORMATS.md): the whole <see cref="AnalysisResult"/>, indented, with
/// snake_case names, lowercase enum names, null for undefined values and every number in the shortest form that
/// parses back to the same double, so <c>Load(Save(r))</c> equals <c>r</c> value for value. The per-unit arrays of
/// taps of more than 1,024 units go to .npy files beside it, which the JSON refers to (<see cref="SidecarArrays"/>).
/// </summary>
public static class AnalysisJson
{
    /// <summary>The name whose arrays folder <see cref="Serialize"/>'s references name: that of analysis.json.</summary>
    private static readonly string DefaultStem = Path.GetFileNameWithoutExtension(AnalysisOutput.JsonFileName);

    /// <summary>
    /// The version a file with every number inline is marked with: what it was before arrays could move to .npy
    /// files, so that earlier versions still read it. A file that refers to arrays is marked
    /// <see cref="AnalysisResult.CurrentSchemaVersion"/>, which earlier readers refuse with a clear message.
    /// </summary>
    private const int InlineSchemaVersion = 1;

    internal static readonly JsonSerializerOptions Options = Build(references: false);

    // analysis.json's own: as Options, with references to .npy arrays where numbers may stand.
    private static readonly JsonSerializerOptions FileOptions = Build(references: true);

    private static JsonSerializerOptions Build(bool references) => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        // Strict numbers: NaN and infinity are refused rather than written as strings no JSON reader expects.
        NumberHandling = JsonNumberHandling.Strict,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        Converters =
        {
            new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false),
            new NumberRowConverter<double>(x => x, x => x ?? throw new JsonException("expected a number, got null"), references: references),
            new NumberRowConverter<double?>(x => x, x => x),
            // Activations are float32: written in float32's shortest form, not as the longer double they widen to.
            new NumberRowConverter<float>(x => x, x => (float)(x ?? throw new JsonException("expected a number, got null")),
                x => ((float)x).ToString("R", System.Globalization.CultureInfo.InvariantCulture), references),
            new NumberRowConverter<int>(x => x, x => x is { } d && d == Math.Round(d) && Math.Abs(d) <= int.MaxValue ? (int)d : throw new JsonException($"expected an integer, got {x?.ToString() ?? "null"}")),
        },
        // Computed properties (InputSet.IsPooled) are conveniences of the records, not data: leave them out.
        TypeInfoResolver = new DefaultJsonTypeInfoResolver
        {
            Modifiers = { info => { foreach (var p in info.Properties.Where(p => p.Set is null).ToList()) info.Properties.Remove(p); } },
        },
    };

    /// <summary>
    /// The text of analysis.json for <paramref name="result"/>, exactly as <see cref="AnalysisOutput.Write"/> writes
    /// it: taps of more than 1,024 units refer to the .npy files that Write puts beside it (this writes nothing).
    /// Marked schema version 1 when every number is inline, else the current version.
    /// </summary>
    /// <exception cref="ArgumentException">A number is NaN or infinite, an entry is null, or a big tap's list has the wrong length; the message names where.</exception>
    public static string Serialize(AnalysisResult result) => Render(result, DefaultStem).Json;

    /// <summary>The JSON text of a result bound for <paramref name="stem"/>.json, and the arrays that go beside it.</summary>
    internal static (string Json, SidecarArrays Arrays) Render(AnalysisResult result, string stem)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (ResultCheck.FirstProblem(result) is { } problem) throw new ArgumentException($"cannot write the analysis: {problem}", nameof(result));
        var arrays = SidecarArrays.Plan(result, stem);
        int version = arrays.Folder is null ? InlineSchemaVersion : AnalysisResult.CurrentSchemaVersion;
        try
        {
            return (JsonSerializer.Serialize(arrays.View with { SchemaVersion = version }, FileOptions) + "\n", arrays);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"cannot write the analysis: {e.Message}", nameof(result), e);
        }
    }

    /// <summary>
    /// Reads the text of an analysis.json; <paramref name="path"/> names it in error messages, and the .npy arrays it
    /// refers to are read from its folder. The result is marked with the current schema version, whatever the file's.
    /// </summary>
    /// <exception cref="LayerEntropyException">The text is not an analysis result this version can read, or an array it refers to is missing or damaged.</exception>
    public static AnalysisResult Deserialize(string json, string path)
    {
        using (var document = Parse(json, path)) CheckSchemaVersion(document.RootElement, path);
        AnalysisResult? result;
        try
        {
            // From the text rather than the document, so that errors carry the file's line numbers.
            result = JsonSerializer.Deserialize<AnalysisResult>(json, FileOptions);
        }
        catch (JsonException e)
        {
            throw LayerEntropyException.ForFile(path, Describe("not a valid analysis file", e), e);
        }
        if (result is null) throw LayerEntropyException.ForFile(path, "not an analysis file (null)");
        result = SidecarReader.Resolve(result, path);
        if ((ResultCheck.FirstProblem(result) ?? ResultConsistency.FirstProblem(result)) is { } problem)
            throw LayerEntropyException.ForFile(path, $"not a valid analysis file: {problem}");
        return result with { SchemaVersion = AnalysisResult.CurrentSchemaVersion };
    }

    /// <summary>
    /// Writes <paramref name="result"/> to <paramref name="path"/> and the arrays of its big taps beside it,
    /// replacing any earlier analysis there atomically (<see cref="AnalysisOutput.Write"/> adds measures.csv).
    /// </summary>
    /// <exception cref="ArgumentException">A number is NaN or infinite, or an entry is null.</exception>
    /// <exception cref="LayerEntropyException">The file cannot be written.</exception>
    public static void Save(AnalysisResult result, string path)
    {
        var (json, arrays) = Render(result, Path.GetFileNameWithoutExtension(path));
        FileFailure.Guard(path, "write the analysis", () => AnalysisFiles.Write(path, json, arrays, []));
    }

    /// <summary>Reads an analysis.json written by this or an earlier version, with the .npy arrays it refers to.</summary>
    /// <exception cref="LayerEntropyException">The file or an array it refers to is missing or damaged, or the file is from a newer version; the message names the file.</exception>
    public static AnalysisResult Load(string path) => Deserialize(FileErrors.Guard(path, () => File.ReadAllText(path)), path);

    private static JsonDocument Parse(string json, string path)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw LayerEntropyException.ForFile(path, Describe("damaged or truncated JSON", e), e);
        }
    }

    private static void CheckSchemaVersion(JsonElement root, string path)
    {
        if (root.ValueKind != JsonValueKind.Object) throw LayerEntropyException.ForFile(path, "not an analysis file (expected a JSON object)");
        if (!root.TryGetProperty("schema_version", out var version)) throw LayerEntropyException.ForFile(path, "not an analysis file (no schema_version)");
        if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out int v) || v < 1)
            throw LayerEntropyException.ForFile(path, $"not an analysis file (schema_version {version.GetRawText()} is not a version number)");
        if (v > AnalysisResult.CurrentSchemaVersion)
            throw LayerEntropyException.ForFile(path,
                $"written by a newer LayerEntropy (schema version {v}; this version reads up to {AnalysisResult.CurrentSchemaVersion}): update LayerEntropy to read it");
    }

    /// <summary>One line from a parser error: where (JSON path and line) and its first sentence.</summary>
    private static string Describe(string problem, JsonException e)
    {
        string first = e.Message.Split('\n')[0];
        int cut = first.IndexOf(". ", StringComparison.Ordinal);
        if (cut > 0) first = first[..(cut + 1)];
        string where = e.LineNumber is { } line ? $" at line {line + 1}" : "";
        string at = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" ({e.Path})";
        return $"{problem}{where}{at}: {first}";
    }
}
