using System.Globalization;

namespace LayerEntropy.Analysis;

/// <summary>
/// Finds what analysis.json cannot hold or a reader could not use: a number that is not finite, or a null where
/// the records promise an entry. Undefined values are null by contract (<see cref="MeasureValue"/>), so NaN or
/// infinity means a bug upstream; writing it as null would hide the bug and break the exact round trip, so it is
/// refused instead. The place is named as a JSON path, e.g. <c>taps[1].sets[0].values[2].ci_low</c>.
/// </summary>
internal static class ResultCheck
{
    public static string? FirstProblem(AnalysisResult r)
    {
        var manifest = r.Manifest;
        if (manifest?.Options is null) return "manifest.options is missing (null)";
        return Number("manifest.options.threshold", manifest.Options.Threshold)
            ?? Number("manifest.options.delta", manifest.Options.Delta)
            ?? Each("manifest.taps", manifest.Taps, None)
            ?? manifest.DatasetFiles?.Where(kv => kv.Value is null).Select(kv => $"manifest.dataset_files[\"{kv.Key}\"] is missing (null)").FirstOrDefault()
            ?? Each("sets", r.Sets, None)
            ?? Each("taps", r.Taps, (tap, t) => Each($"{tap}.sets", t.Sets, (set, s) =>
                Each($"{set}.values", s.Values, Value) ?? (s.Units is { } u ? Units($"{set}.units", u) ?? Widths($"{set}.units", u, t) : null)))
            ?? Each("findings", r.Findings, (at, f) => Numbers($"{at}.values", f.Values) ?? Number($"{at}.spearman", f.Spearman))
            ?? Each("warnings", r.Warnings, None)
            ?? (r.Samples is { } samples ? Each("samples.inputs", samples.Inputs, (at, x) => Each($"{at}.taps", x.Taps, (tap, v) => Floats(tap, v))
                ?? SampleWidths(at, x, r.Taps) ?? Image(at, x.Image, samples.StoredShape)) : null)
            ?? (r.Controls is { } controls ? Each("controls", controls, (at, c) => Number($"{at}.test_accuracy", c.TestAccuracy)
                ?? Each($"{at}.findings", c.Findings, (f, d) => Numbers($"{f}.values", d.Values) ?? Number($"{f}.spearman", d.Spearman))) : null);
    }

    private static string? Number(string path, double? value) =>
        value is { } x && !double.IsFinite(x)
            ? $"{path} is {x.ToString(CultureInfo.InvariantCulture)}, not a finite number (undefined values must be null)"
            : null;

    private static string? None<T>(string path, T item) => null;

    /// <summary>The same test for one value, for writers that see only the measures.</summary>
    public static string? Value(string path, MeasureValue v) =>
        Number($"{path}.value", v.Value) ?? Number($"{path}.ci_low", v.CiLow) ?? Number($"{path}.ci_high", v.CiHigh);

    private static string? Units(string path, UnitStatistics u) =>
        Numbers($"{path}.firing_probability", u.FiringProbability)
        ?? Numbers($"{path}.entropy", u.Entropy)
        ?? (u.LabelInformation is { } info ? Numbers($"{path}.label_information", info) : null)
        ?? (u.MeanActivation is { } mean ? Numbers($"{path}.mean_activation", mean) : null);

    /// <summary>
    /// A big tap's per-unit lists go to .npy files as the rows of one array (<see cref="SidecarArrays"/>), so each
    /// must hold one value per unit; small taps are written as they are, as they always were.
    /// </summary>
    private static string? Widths(string path, UnitStatistics u, TapResult tap)
    {
        if (!SidecarArrays.IsBig(tap)) return null;
        (string Name, IReadOnlyList<double>? Values)[] lists =
            [("firing_probability", u.FiringProbability), ("entropy", u.Entropy), ("label_information", u.LabelInformation), ("mean_activation", u.MeanActivation)];
        return lists.Where(l => l.Values is not null && l.Values.Count != tap.Units)
            .Select(l => $"{path}.{l.Name} has {l.Values!.Count} values, but the tap has {tap.Units} units").FirstOrDefault();
    }

    private static string? SampleWidths(string path, SampleInput x, IReadOnlyList<TapResult> taps)
    {
        for (int t = 0; t < taps.Count; t++)
        {
            if (!SidecarArrays.IsBig(taps[t])) continue;
            if (t >= x.Taps.Count) return $"{path}.taps has {x.Taps.Count} entries, but there are {taps.Count} taps";
            if (x.Taps[t].Count != taps[t].Units) return $"{path}.taps[{t}] has {x.Taps[t].Count} values, but taps[{t}] has {taps[t].Units} units";
        }
        return null;
    }

    /// <summary>An image must fill the shape it is stored in, or the activation maps could not draw it.</summary>
    private static string? Image(string path, IReadOnlyList<int>? image, IReadOnlyList<int>? shape)
    {
        if (image is null || shape is null) return null;
        if (shape.Count != 3 || shape.Any(d => d < 1)) return $"samples: the image shape [{string.Join(", ", shape)}] is not (channels, rows, columns)";
        long length = (long)shape[0] * shape[1] * shape[2];
        return image.Count == length ? null : $"{path}.image has {image.Count} values, but the images are {shape[0]}×{shape[1]}×{shape[2]} = {length}";
    }

    private static string? Floats(string path, IReadOnlyList<float> values)
    {
        for (int i = 0; i < values.Count; i++)
            if (!float.IsFinite(values[i])) return Number($"{path}[{i}]", values[i]);
        return null;
    }

    private static string? Each<T>(string path, IReadOnlyList<T>? items, Func<string, T, string?> check) where T : class
    {
        if (items is null) return $"{path} is missing (null)";
        for (int i = 0; i < items.Count; i++)
        {
            string at = $"{path}[{i}]";
            if (items[i] is null) return $"{at} is missing (null)";
            if (check(at, items[i]) is { } problem) return problem;
        }
        return null;
    }

    private static string? Numbers(string path, IReadOnlyList<double>? values)
    {
        if (values is null) return $"{path} is missing (null)";
        for (int i = 0; i < values.Count; i++)
            if (values[i] is { } x && !double.IsFinite(x)) return Number($"{path}[{i}]", x);
        return null;
    }

    private static string? Numbers(string path, IReadOnlyList<double?>? values)
    {
        if (values is null) return $"{path} is missing (null)";
        for (int i = 0; i < values.Count; i++)
            if (values[i] is { } x && !double.IsFinite(x)) return Number($"{path}[{i}]", x);
        return null;
    }
}
