namespace LayerEntropy.Analysis;

/// <summary>
/// What the codeword-style measures read of a table of counts n_k (how many inputs showed each distinct vector):
/// Σ n_k log₂ n_k, the number of distinct vectors that occur (n_k &gt; 0) and of those that occur once (f₁), which add
/// over disjoint groups of vectors, so a bootstrap resample's summary is built from parts without listing its counts;
/// and ChaoShen, Σ_k of <see cref="Entropy.ChaoShenTerm"/> with the coverage of the whole table, which does not add
/// (its coverage needs f₁ first), so builders sum it once f₁ is known.
/// </summary>
internal readonly record struct CountSummary(double SumNLog2N, long Distinct, long Singletons, double ChaoShen)
{
    public static CountSummary Of(IEnumerable<long> counts) => Of(counts as long[] ?? [.. counts]);

    public static CountSummary Of(ReadOnlySpan<long> counts)
    {
        double sum = 0;
        long distinct = 0, singletons = 0, total = 0;
        foreach (long n in counts)
        {
            if (n > 0) distinct++;
            if (n == 1) singletons++;
            total += n;
            sum += Entropy.NLog2N(n);
        }
        double coverage = Entropy.Coverage(singletons, total), chaoShen = 0;
        foreach (long n in counts) chaoShen += Entropy.ChaoShenTerm(n, coverage, total);
        return new CountSummary(sum, distinct, singletons, chaoShen);
    }
}
