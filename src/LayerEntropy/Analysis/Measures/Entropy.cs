namespace LayerEntropy.Analysis;

/// <summary>The entropy arithmetic of MEASURES.md, in bits, with 0·log 0 = 0.</summary>
internal static class Entropy
{
    public static readonly double Ln2 = Math.Log(2);

    /// <summary>
    /// H = −Σ (n_k/M) log₂(n_k/M) of counts summing to M ("codeword", "binned"), from Σ n_k log₂ n_k:
    /// H = log₂ M − (1/M) Σ n_k log₂ n_k, fewer roundings than summing −q log q.
    /// </summary>
    public static double OfCounts(CountSummary counts, long total) =>
        total <= 0 ? 0 : Math.Max(0, Math.Log2(total) - counts.SumNLog2N / total);

    private static readonly double[] Table = [.. Enumerable.Range(0, 1 << 17).Select(n => n < 2 ? 0 : n * Math.Log2(n))];

    /// <summary>n·log₂ n at index n, for the counts below 2¹⁷.</summary>
    public static ReadOnlySpan<double> NLog2NTable => Table;

    /// <summary>n·log₂ n (0 for n ≤ 1), from the table below 2¹⁷ (same value as computed).</summary>
    public static double NLog2N(long n) => n < 2 ? 0 : n < Table.Length ? Table[n] : n * Math.Log2(n);

    /// <summary>
    /// h(p) = −p log₂ p − (1−p) log₂(1−p) for p = k/m, the entropy of one unit's binary state ("pattern"), as
    /// (T(m) − T(k) − T(m − k)) / m with T(n) = n log₂ n, so counts read the table; clamped to [0, 1] against rounding.
    /// </summary>
    public static double BinaryOfCount(long k, long m) =>
        k <= 0 || k >= m ? 0 : Math.Clamp((NLog2N(m) - NLog2N(k) - NLog2N(m - k)) / m, 0, 1);

    /// <summary>
    /// Chao–Shen's sample coverage C = 1 − f₁/M ("codeword", "binned"), f₁ the counts equal to 1 among counts summing
    /// to M; when every count is 1, f₁ = M − 1 (Chao &amp; Shen 2003), so that C &gt; 0.
    /// </summary>
    public static double Coverage(long singletons, long total) =>
        total <= 0 ? 0 : 1 - (double)(singletons >= total ? total - 1 : singletons) / total;

    /// <summary>
    /// One count's term of the Chao–Shen estimate, −p̃ log₂ p̃ / (1 − (1 − p̃)^M) with p̃ = C·n/M: the coverage-adjusted
    /// probability, weighted by the inverse of the chance that its vector shows up in M draws at all (0 for n = 0).
    /// </summary>
    public static double ChaoShenTerm(long n, double coverage, long total)
    {
        if (n <= 0) return 0;
        double p = coverage * n / total;
        return p >= 1 ? 0 : -p * Math.Log2(p) / (1 - Math.Pow(1 - p, total));
    }

    /// <summary>Converts bits to the reporting unit.</summary>
    public static double In(EntropyUnit unit, double bits) => unit == EntropyUnit.Nats ? bits * Ln2 : bits;
}
