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
        if (counts is long[] array)
        {
            foreach (long n in array)
                if (n > 1) sum += NLog2N(n);
        }
        else
        {
            foreach (long n in counts)
                if (n > 1) sum += NLog2N(n);
        }
        return Math.Max(0, Math.Log2(total) - sum / total);
    }

    private static readonly double[] SmallNLog2N = [.. Enumerable.Range(0, 4096).Select(n => n < 2 ? 0 : n * Math.Log2(n))];

    /// <summary>n·log₂ n, from a table for the small counts that dominate codeword tables (same value as computed).</summary>
    private static double NLog2N(long n) => n < SmallNLog2N.Length ? SmallNLog2N[n] : n * Math.Log2(n);

    /// <summary>Converts bits to the reporting unit.</summary>
    public static double In(EntropyUnit unit, double bits) => unit == EntropyUnit.Nats ? bits * Ln2 : bits;
}
