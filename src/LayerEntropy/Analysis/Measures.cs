namespace LayerEntropy.Analysis;

/// <summary>
/// The measures of MEASURES.md as pure functions of accumulator contents, in bits (callers convert units).
/// Each reads like its definition there.
/// </summary>
internal static class Measures
{
    /// <summary>pattern: p_i = F_i / M, h_i = h(p_i); reported as the mean over units and the sum.</summary>
    public static (double Mean, double Sum, double[] PerUnit) Pattern(long[] firing, long count)
    {
        var h = new double[firing.Length];
        double sum = 0;
        for (int i = 0; i < h.Length; i++) sum += h[i] = Entropy.Binary((double)firing[i] / count);
        return (h.Length == 0 ? 0 : sum / h.Length, sum, h);
    }

    /// <summary>codeword: H of the distinct patterns' counts; normalised by log M (M &gt; 1); Miller–Madow H + (K−1)/(2M ln 2).</summary>
    public static (double Raw, double? Normalized, double MillerMadow) Codeword(IReadOnlyList<long> counts, long total)
    {
        double h = Entropy.OfCounts(counts, total);
        long k = 0;
        for (int i = 0; i < counts.Count; i++)
            if (counts[i] > 0) k++;
        return (h, total > 1 ? h / Math.Log2(total) : null, h + (k - 1) / (2.0 * total * Entropy.Ln2));
    }

    /// <summary>
    /// magnitude of one input, by the definition: q_i = |a_i| / Σ_j |a_j|, H(x) = −Σ q_i log₂ q_i; null for an input
    /// whose activations are all zero (counted, not averaged in). The analysis runs the vectorised
    /// <c>TapKernels.Magnitude</c>; this is its reference.
    /// </summary>
    public static double? MagnitudeOfInput(ReadOnlySpan<float> a)
    {
        double s = 0;
        foreach (float v in a) s += Math.Abs((double)v);
        if (s == 0) return null;
        double h = 0;
        foreach (float v in a)
        {
            double q = Math.Abs((double)v) / s;
            if (q > 0) h -= q * Math.Log2(q);
        }
        return h;
    }

    /// <summary>magnitude over a set: the mean of H(x) over inputs with activation mass, and that mean over log₂ N.</summary>
    public static (double? Mean, double? Normalized) Magnitude(double sum, long inputs, int units)
    {
        if (inputs == 0) return (null, null);
        double mean = sum / inputs;
        return (mean, units > 1 ? mean / Math.Log2(units) : null);
    }

    /// <summary>label-information: I_i = h_i(pooled) − Σ_c (M_c/M) h_i(S_c), per unit and its mean.</summary>
    public static (double Mean, double[] PerUnit) LabelInformation(long[] pooledFiring, long pooledCount, IReadOnlyList<(long[] Firing, long Count)> classes)
    {
        var info = new double[pooledFiring.Length];
        for (int i = 0; i < info.Length; i++)
        {
            double conditional = 0;
            foreach (var (firing, count) in classes)
                if (count > 0) conditional += (double)count / pooledCount * Entropy.Binary((double)firing[i] / count);
            info[i] = Math.Max(0, Entropy.Binary((double)pooledFiring[i] / pooledCount) - conditional);
        }
        return (info.Length == 0 ? 0 : info.Average(), info);
    }

    /// <summary>Unit census: dead units never fire on the set, always-on units fire on every input of it.</summary>
    public static (int Dead, int AlwaysOn) Census(long[] firing, long count) =>
        (firing.Count(f => f == 0), firing.Count(f => f == count));
}
