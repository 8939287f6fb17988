namespace LayerEntropy.Analysis;

/// <summary>The entropy arithmetic of MEASURES.md, in bits, with 0·log 0 = 0.</summary>
internal static class Entropy
{
    public static readonly double Ln2 = Math.Log(2);

    /// <summary>h(p) = −p log₂ p − (1−p) log₂(1−p): the entropy of one unit's binary state ("pattern").</summary>
    public static double Binary(double p) => p <= 0 || p >= 1 ? 0 : -(p * Math.Log2(p) + (1 - p) * Math.Log2(1 - p));

    /// <summary>H = −Σ (n_k/M) log₂(n_k/M) over the counts of the distinct values ("codeword", "binned").</summary>
    public static double OfCounts(IEnumerable<long> counts, long total)
    {
        if (total <= 0) return 0;
        // Σ n log n first, in one order, then H = log M − (1/M) Σ n log n: fewer roundings than summing −q log q.
        double sum = 0;
        foreach (long n in counts)
            if (n > 0) sum += n * Math.Log2(n);
        return Math.Max(0, Math.Log2(total) - sum / total);
    }

    /// <summary>Converts bits to the reporting unit.</summary>
    public static double In(EntropyUnit unit, double bits) => unit == EntropyUnit.Nats ? bits * Ln2 : bits;
}
