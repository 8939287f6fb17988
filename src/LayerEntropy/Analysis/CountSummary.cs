namespace LayerEntropy.Analysis;

/// <summary>
/// What the codeword-style measures read of a table of counts n_k (how many inputs showed each distinct vector):
/// Σ n_k log₂ n_k and the number of distinct vectors that occur (n_k &gt; 0). Both add over disjoint groups of vectors,
/// so a bootstrap resample's summary is built from parts without listing its counts.
/// </summary>
internal readonly record struct CountSummary(double SumNLog2N, long Distinct)
{
    public static CountSummary Of(IEnumerable<long> counts) => Of(counts as long[] ?? [.. counts]);

    public static CountSummary Of(ReadOnlySpan<long> counts)
    {
        double sum = 0;
        long distinct = 0;
        foreach (long n in counts)
        {
            if (n > 0) distinct++;
            sum += Entropy.NLog2N(n);
        }
        return new CountSummary(sum, distinct);
    }
}
