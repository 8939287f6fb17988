using System.Globalization;

namespace LayerEntropy.Experiments;

/// <summary>The model spec of each depth of a sweep: the base network with a head of that many hidden FC layers.</summary>
public static class HeadSpec
{
    /// <summary>The narrowest layer a tapered head halves down to.</summary>
    public const int MinimumWidth = 16;

    /// <summary>"mlp:256,256,256" or "cnn:c32,p,c64,p|fc256,fc256,fc256" for depth 3 and width 256.</summary>
    public static string For(string baseSpec, int depth, int width, bool taper)
    {
        if (depth < 1) throw new LayerEntropyException($"an FC depth must be at least 1 (got {depth})");
        if (width < 1) throw new LayerEntropyException($"--width must be at least 1 (got {width})");
        var widths = Enumerable.Range(0, depth).Select(i => taper ? Math.Max(Math.Min(width, MinimumWidth), width >> i) : width)
            .Select(w => w.ToString(CultureInfo.InvariantCulture)).ToArray();
        string b = baseSpec.Trim();
        if (b.Equals("mlp", StringComparison.OrdinalIgnoreCase)) return "mlp:" + string.Join(",", widths);
        if (b.StartsWith("cnn:", StringComparison.OrdinalIgnoreCase) && b.EndsWith('|') && b.Count(ch => ch == '|') == 1)
            return b + string.Join(",", widths.Select(w => "fc" + w));
        throw new LayerEntropyException($"--base must be mlp or a cnn spec whose FC head is left empty after '|', e.g. cnn:c32,p,c64,p| (got '{baseSpec}')");
    }

    /// <summary>Depths as "1..6", "1,2,4" or a mix ("1..3,6"), each at least 1, in increasing order without repeats.</summary>
    public static IReadOnlyList<int> ParseDepths(string text)
    {
        var depths = new SortedSet<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var range = part.Split("..");
            if (range.Length == 1 && Int(range[0]) is int one) depths.Add(one);
            else if (range.Length == 2 && Int(range[0]) is int from && Int(range[1]) is int to && from <= to && to - from < 64)
                for (int d = from; d <= to; d++) depths.Add(d);
            else throw new LayerEntropyException($"--depths must be depths of at least 1 like 1..6 or 1,2,4 (got '{text}')");
        }
        if (depths.Count == 0) throw new LayerEntropyException($"--depths names no depth (got '{text}')");
        return [.. depths];
    }

    private static int? Int(string s) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v >= 1 ? v : null;
}
