using System.Globalization;

namespace LayerEntropy.Experiments;

/// <summary>
/// Finds where a comparison read from comparison.json contradicts itself, so that `report` refuses it with the place
/// named rather than drawing from it numbers that do not fit: a curve of another length than its taps, a depth, rank
/// or count outside the runs and taps there are, a ranking that is not the runs' labels, a fraction or ρ out of range.
/// </summary>
internal static class ComparisonConsistency
{
    public static string? FirstProblem(ComparisonResult c)
    {
        var labels = new HashSet<string>(StringComparer.Ordinal);
        int deepest = 0;
        for (int i = 0; i < c.Runs.Count; i++)
        {
            var run = c.Runs[i];
            string at = $"runs[{i}]";
            if (!labels.Add(run.Label)) return $"{at}.label '{run.Label}' labels an earlier run too";
            if (run.Curve.Count == 0 || run.Curve.Count != run.Taps.Count) return $"{at}.curve has {run.Curve.Count} values for {run.Taps.Count} taps";
            deepest = Math.Max(deepest, run.Curve.Count);
            if (run.SaturationDepth is int d && (d < 1 || d > run.Curve.Count)) return $"{at}.saturation_depth is {d}, not a depth within 1..{run.Curve.Count}";
            if (run.Rank < 1 || run.Rank > c.Runs.Count) return $"{at}.rank is {run.Rank}, not within 1..{c.Runs.Count}";
            if (run.TestAccuracy is double a && !(a >= 0 && a <= 1)) return $"{at}.test_accuracy is {Text(a)}, not a fraction in [0, 1]";
        }
        if (c.Ranking.Count != c.Runs.Count || !c.Ranking.Order(StringComparer.Ordinal).SequenceEqual(labels.Order(StringComparer.Ordinal)))
            return $"ranking [{string.Join(", ", c.Ranking)}] is not the runs' labels, each once";
        if (Correlation("score_vs_accuracy", c.ScoreVsAccuracy.Runs, c.ScoreVsAccuracy.Spearman, c.Runs.Count) is { } problem) return problem;
        for (int i = 0; i < c.TapsVsAccuracy.Count; i++)
        {
            var t = c.TapsVsAccuracy[i];
            if (t.Depth < 1 || t.Depth > deepest) return $"taps_vs_accuracy[{i}].depth is {t.Depth}, not a depth within 1..{deepest}";
            if (Correlation($"taps_vs_accuracy[{i}]", t.Runs, t.Spearman, c.Runs.Count) is { } tap) return tap;
        }
        return null;
    }

    private static string? Correlation(string at, int runs, double? spearman, int count)
    {
        if (runs < 0 || runs > count) return $"{at}.runs is {runs}, not within 0..{count}";
        if (spearman is double rho && !(rho >= -1 && rho <= 1)) return $"{at}.spearman is {Text(rho)}, not within [-1, 1]";
        return null;
    }

    private static string Text(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
