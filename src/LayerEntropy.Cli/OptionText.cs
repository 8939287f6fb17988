using System.Globalization;
using LayerEntropy.Analysis;

namespace LayerEntropy.Cli;

/// <summary>The options whose text has a form of its own (a list of depths, of controls, a scale as a fraction), read into the values the library takes.</summary>
internal static class OptionText
{
    /// <summary>Depths as "1..6", "1,2,4" or a mix ("1..3,6"), each at least 1, in increasing order without repeats.</summary>
    public static IReadOnlyList<int> Depths(string text)
    {
        var depths = new SortedSet<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var range = part.Split("..");
            if (range.Length == 1 && Depth(range[0]) is int one) depths.Add(one);
            else if (range.Length == 2 && Depth(range[0]) is int from && Depth(range[1]) is int to && from <= to && to - from < 64)
                for (int d = from; d <= to; d++) depths.Add(d);
            else throw new LayerEntropyException($"--depths must be depths of at least 1 like 1..6 or 1,2,4 (got '{text}')");
        }
        if (depths.Count == 0) throw new LayerEntropyException($"--depths names no depth (got '{text}')");
        return [.. depths];

        static int? Depth(string s) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v >= 1 ? v : null;
    }

    /// <summary>The control kinds named in <paramref name="values"/>, each one or several separated by commas, in the order given and once each.</summary>
    public static IReadOnlyList<string> Controls(IEnumerable<string> values)
    {
        var kinds = new List<string>();
        foreach (var value in values)
            foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                string kind = part.ToLowerInvariant();
                if (!ControlKinds.All.Contains(kind))
                    throw new LayerEntropyException($"--control: unknown control '{part}'; use {string.Join(" or ", ControlKinds.All)} (or both, separated by a comma)");
                if (!kinds.Contains(kind)) kinds.Add(kind);
            }
        if (kinds.Count == 0) throw new LayerEntropyException($"--control needs a control: {string.Join(" or ", ControlKinds.All)}");
        return kinds;
    }

    /// <summary>A scale such as <c>0.5</c> or <c>1/255</c>; null for none given.</summary>
    public static double? Scale(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        string[] parts = text.Split('/', StringSplitOptions.TrimEntries);
        double value = parts.Length switch
        {
            1 => Number(parts[0]),
            2 => Number(parts[0]) / Number(parts[1]),
            _ => double.NaN,
        };
        if (!(value > 0) || !double.IsFinite(value)) throw new LayerEntropyException($"scale '{text}' is not a positive number (e.g. 1, 0.5 or 1/255)");
        return value;

        static double Number(string s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN;
    }

    /// <summary>The means of the inputs' channels, separated by commas (one for every channel, or one per channel); null for none given.</summary>
    public static IReadOnlyList<float>? Means(string? text) => Numbers("mean", text, positive: false);

    /// <summary>The stds of the inputs' channels, separated by commas, each positive; null for none given.</summary>
    public static IReadOnlyList<float>? Stds(string? text) => Numbers("std", text, positive: true);

    private static float[]? Numbers(string name, string? text, bool positive)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new float[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            bool ok = float.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) && float.IsFinite(values[i]);
            if (!ok || (positive && !(values[i] > 0)))
                throw new LayerEntropyException($"{name} '{text}' is not a comma-separated list of {(positive ? "positive" : "finite")} numbers");
        }
        return values;
    }
}
