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
        for (int i = 0; i < h.Length; i++) h[i] = Entropy.BinaryOfCount(firing[i], count);
        var (mean, sum) = MeanAndSum(h);
        return (mean, sum, h);
    }

    /// <summary>The mean and sum of <see cref="Pattern"/> without the per-unit values.</summary>
    public static (double Mean, double Sum) PatternTotals(long[] firing, long count)
    {
        double sum = 0;
        for (int i = 0; i < firing.Length; i++) sum += Entropy.BinaryOfCount(firing[i], count);
        return (firing.Length == 0 ? 0 : sum / firing.Length, sum);
    }

    /// <summary>The mean and the sum of per-unit values, summed in unit order (as the totals are).</summary>
    private static (double Mean, double Sum) MeanAndSum(double[] values)
    {
        double sum = 0;
        foreach (double v in values) sum += v;
        return (values.Length == 0 ? 0 : sum / values.Length, sum);
    }

    /// <summary>codeword: H of the distinct patterns' counts; normalised by log M (M &gt; 1); Miller–Madow H + (K−1)/(2M ln 2).</summary>
    public static (double Raw, double? Normalized, double MillerMadow) Codeword(CountSummary counts, long total)
    {
        double h = Entropy.OfCounts(counts, total);
        return (h, total > 1 ? h / Math.Log2(total) : null, h + (counts.Distinct - 1) / (2.0 * total * Entropy.Ln2));
    }

    /// <inheritdoc cref="Codeword(CountSummary, long)"/>
    public static (double Raw, double? Normalized, double MillerMadow) Codeword(IEnumerable<long> counts, long total) =>
        Codeword(CountSummary.Of(counts), total);

    /// <summary>
    /// codeword (and binned): the Chao–Shen estimate H = −Σ_k p̃_k log₂ p̃_k / (1 − (1 − p̃_k)^M), p̃_k = C·n_k/M,
    /// C = 1 − f₁/M; the summary carries the sum (<see cref="Entropy.ChaoShenTerm"/>).
    /// </summary>
    public static double ChaoShen(CountSummary counts) => counts.ChaoShen;

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
        var list = classes.ToArray();
        for (int i = 0; i < info.Length; i++) info[i] = LabelInformationOfUnit(i, pooledFiring, pooledCount, list);
        return (MeanAndSum(info).Mean, info);
    }

    /// <summary>The mean of <see cref="LabelInformation"/> without the per-unit values.</summary>
    public static double LabelInformationMean(long[] pooledFiring, long pooledCount, IReadOnlyList<(long[] Firing, long Count)> classes)
    {
        var list = classes as (long[] Firing, long Count)[] ?? [.. classes];
        double sum = 0;
        for (int i = 0; i < pooledFiring.Length; i++) sum += LabelInformationOfUnit(i, pooledFiring, pooledCount, list);
        return pooledFiring.Length == 0 ? 0 : sum / pooledFiring.Length;
    }

    private static double LabelInformationOfUnit(int i, long[] pooledFiring, long pooledCount, (long[] Firing, long Count)[] classes)
    {
        double conditional = 0;
        foreach (var (firing, count) in classes)
            if (count > 0) conditional += (double)count / pooledCount * Entropy.BinaryOfCount(firing[i], count);
        return Math.Max(0, Entropy.BinaryOfCount(pooledFiring[i], pooledCount) - conditional);
    }

    /// <summary>Unit census: dead units never fire on the set, always-on units fire on every input of it.</summary>
    public static (int Dead, int AlwaysOn) Census(long[] firing, long count)
    {
        int dead = 0, alwaysOn = 0;
        foreach (long f in firing)
        {
            if (f == 0) dead++;
            if (f == count) alwaysOn++;
        }
        return (dead, alwaysOn);
    }
}
