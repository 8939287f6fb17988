namespace LayerEntropy.Analysis;

/// <summary>The depth findings of MEASURES.md for one set's values H[1..L] over the hidden FC taps.</summary>
internal static class DepthAnalysis
{
    /// <summary>Monotonic decrease: H[ℓ+1] ≤ H[ℓ] for every ℓ; returns the first depth (1-based) that rises, or null.</summary>
    public static int? FirstBreak(IReadOnlyList<double> h)
    {
        for (int l = 0; l + 1 < h.Count; l++)
            if (h[l + 1] > h[l]) return l + 2;
        return null;
    }

    /// <summary>Spearman's ρ between depth 1..L and H (average ranks for ties); null when either side is constant or L &lt; 2.</summary>
    public static double? Spearman(IReadOnlyList<double> h)
    {
        if (h.Count < 2) return null;
        double[] depthRanks = [.. Enumerable.Range(1, h.Count).Select(d => (double)d)];
        double[] valueRanks = Ranks(h);
        return Pearson(depthRanks, valueRanks);
    }

    /// <summary>Spearman's ρ between paired values x and y (average ranks for ties); null when either side is constant or there are fewer than two pairs.</summary>
    public static double? Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count) throw new ArgumentException($"{x.Count} values paired with {y.Count}", nameof(y));
        return x.Count < 2 ? null : Pearson(Ranks(x), Ranks(y));
    }

    /// <summary>
    /// Saturation depth: with Δ = H[1] − H[L], the smallest ℓ* such that every later step H[j] − H[j+1] (j ≥ ℓ*)
    /// drops less than δ·Δ. Null when there is no drop (Δ ≤ 0) or fewer than two layers.
    /// </summary>
    public static int? Saturation(IReadOnlyList<double> h, double delta)
    {
        if (h.Count < 2) return null;
        double drop = h[0] - h[^1];
        if (!(drop > 0)) return null;
        int star = h.Count;
        // Walk back from the last step while each step is small; ℓ* is where the walk stops.
        for (int j = h.Count - 1; j >= 1; j--)
        {
            if (h[j - 1] - h[j] < delta * drop) star = j;
            else break;
        }
        return star;
    }

    internal static double[] Ranks(IReadOnlyList<double> v)
    {
        int[] order = [.. Enumerable.Range(0, v.Count).OrderBy(i => v[i])];
        var ranks = new double[v.Count];
        for (int i = 0; i < order.Length;)
        {
            int j = i;
            while (j + 1 < order.Length && v[order[j + 1]] == v[order[i]]) j++;
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) ranks[order[k]] = rank;
            i = j + 1;
        }
        return ranks;
    }

    private static double? Pearson(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? null : sxy / Math.Sqrt(sxx * syy);
    }
}
