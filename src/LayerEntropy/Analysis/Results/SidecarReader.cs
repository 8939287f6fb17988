using LayerEntropy.Data;

namespace LayerEntropy.Analysis;

/// <summary>
/// Reads the .npy arrays an analysis.json refers to (<see cref="SidecarArrays"/>) and puts each row back where its
/// reference stood, so that a loaded result equals the one written. Each file is read once, whole, and checked
/// before any row is taken: float64 for statistics and float32 for activations, two axes, one column per unit of
/// the tap, enough rows, every value finite. A file that is missing or fails a check stops the load with one line
/// naming the file, what is wrong, and where the JSON refers to it.
/// </summary>
internal sealed class SidecarReader
{
    private readonly string jsonPath;
    private readonly string folder;
    private readonly Dictionary<string, (int Rows, int Columns, Array Values)> files = [];

    private SidecarReader(string jsonPath)
    {
        this.jsonPath = jsonPath;
        folder = Path.GetDirectoryName(jsonPath) ?? "";
    }

    /// <summary>
    /// <paramref name="parsed"/> with every reference replaced by the row it names. Entries the JSON left null are
    /// passed over, for <see cref="ResultCheck"/> to name afterwards.
    /// </summary>
    public static AnalysisResult Resolve(AnalysisResult parsed, string jsonPath)
    {
        var reader = new SidecarReader(jsonPath);
        TapSetResult Set(TapSetResult set, int t, int s, int units) =>
            set?.Units is not { } u ? set! : set with { Units = reader.Units(u, units, $"taps[{t}].sets[{s}].units") };
        TapResult Tap(TapResult tap, int t) =>
            tap?.Sets is null ? tap! : tap with { Sets = [.. tap.Sets.Select((set, s) => Set(set, t, s, tap.Units))] };
        SampleInput Input(SampleInput x, int i) => x?.Taps is null ? x! : x with
        {
            Taps = [.. x.Taps.Select((v, t) => reader.Row(v, t < parsed.Taps.Count ? parsed.Taps[t]?.Units : null, $"samples.inputs[{i}].taps[{t}]"))],
        };
        var result = parsed with { Taps = [.. parsed.Taps.Select(Tap)] };
        if (parsed.Samples?.Inputs is { } inputs) result = result with { Samples = parsed.Samples with { Inputs = [.. inputs.Select(Input)] } };
        return result;
    }

    private UnitStatistics Units(UnitStatistics u, int units, string at) =>
        new(Row(u.FiringProbability, units, $"{at}.firing_probability"), Row(u.Entropy, units, $"{at}.entropy"),
            u.LabelInformation is { } info ? Row(info, units, $"{at}.label_information") : null)
        {
            MeanActivation = u.MeanActivation is { } mean ? Row(mean, units, $"{at}.mean_activation") : null,
        };

    /// <summary>The list itself, or, for a reference, a copy of the row it names out of a file of <paramref name="units"/> columns.</summary>
    private IReadOnlyList<T> Row<T>(IReadOnlyList<T> list, int? units, string at) where T : unmanaged
    {
        if (list is not ArrayReference<T> reference) return list;
        string referredBy = $"(referred to by {jsonPath} at {at})";
        if (Path.IsPathRooted(reference.File) || reference.File.Split('/', '\\').Any(part => part is "" or "." or ".."))
            throw LayerEntropyException.ForFile(jsonPath, $"{at} refers to {System.Text.Json.JsonSerializer.Serialize(reference.File)}, which is not a path inside the analysis folder");
        string path = Path.Combine(folder, reference.File);
        if (units is null) throw LayerEntropyException.ForFile(jsonPath, $"{at} refers to {path}, but there is no such tap");
        var (rows, columns, values) = Read<T>(path, referredBy);
        if (columns != units)
            throw LayerEntropyException.ForFile(path, $"wrong shape ({rows}, {columns}): rows of {columns} values, but the tap has {units} units {referredBy}");
        if (reference.Row >= rows)
            throw LayerEntropyException.ForFile(path, $"wrong shape ({rows}, {columns}): no row {reference.Row} {referredBy}");
        return ((T[])values).AsSpan(reference.Row * columns, columns).ToArray();
    }

    private (int Rows, int Columns, Array Values) Read<T>(string path, string referredBy) where T : unmanaged
    {
        if (files.TryGetValue(path, out var known)) return known;
        try
        {
            return files[path] = FileErrors.Guard(path, () => ReadFile<T>(path));
        }
        catch (LayerEntropyException e)
        {
            throw new LayerEntropyException($"{e.Message} {referredBy}", e);
        }
    }

    private static (int Rows, int Columns, Array Values) ReadFile<T>(string path) where T : unmanaged
    {
        using var stream = NpyReader.Open(path);
        var header = NpyHeader.Read(stream, path);
        bool doubles = typeof(T) == typeof(double);
        string wanted = doubles ? "float64" : "float32";
        if (header.Dtype.Kind != 'f' || header.Dtype.Size != (doubles ? 8 : 4))
            throw LayerEntropyException.ForFile(path, $"wrong dtype {header.Dtype}, expected {wanted}");
        if (header.Shape.Length != 2)
            throw LayerEntropyException.ForFile(path, $"wrong shape {header.ShapeText}, expected two axes (rows, units)");
        Array values = doubles ? NpyReader.ReadDoubles(stream, header) : NpyReader.ReadFloats(stream, header);
        if (header.FortranOrder) values = doubles ? NpyReader.ToRowMajor((double[])values, header.Shape) : NpyReader.ToRowMajor((float[])values, header.Shape);
        // The header check bounds the element count by Array.MaxLength, so both axes fit an int.
        int rows = (int)header.Shape[0], columns = (int)header.Shape[1];
        int bad = doubles ? Array.FindIndex((double[])values, v => !double.IsFinite(v)) : Array.FindIndex((float[])values, v => !float.IsFinite(v));
        if (bad >= 0)
            throw LayerEntropyException.ForFile(path, $"row {bad / columns}, unit {bad % columns} is {Convert.ToString(values.GetValue(bad), System.Globalization.CultureInfo.InvariantCulture)}, not a finite number");
        return (rows, columns, values);
    }
}
