namespace LayerEntropy.Analysis;

/// <summary>
/// What the analysis keeps of one tap: its distinct firing patterns and, per input (aligned with the state's input
/// list), the pattern it showed, its magnitude entropy in bits (NaN for an all-zero input) and its binned keys
/// under its class's range and under the pooled range. It is a multiset of per-input records: two parts of a
/// dataset merge into exactly the whole, in any order.
/// </summary>
internal sealed class TapAccumulator(string name, string layer, int units, int classes, long patternBudget = long.MaxValue)
{
    public string Name { get; } = name;
    public string Layer { get; } = layer;
    public int Units { get; } = units;
    public int Words => (Units + 63) >> 6;

    /// <summary>The distinct patterns, at most <c>patternBudget</c> bytes of them in memory and the rest on disk.</summary>
    public CodewordTable Patterns { get; } = new((units + 63) >> 6, patternBudget);
    public List<int> Codeword { get; } = [];
    public List<double> Magnitude { get; } = [];
    public List<UInt128> BinnedOwn { get; } = [];
    public List<UInt128> BinnedPooled { get; } = [];

    /// <summary>Firing[c][i]: how many inputs of class c fire unit i.</summary>
    public long[][] Firing { get; } = [.. Enumerable.Range(0, classes).Select(_ => new long[units])];

    /// <summary>
    /// ActivationSum[c][i]: unit i's activations summed over the inputs of class c, in the fixed point of
    /// <c>TapKernels.AddFixedPoint</c> (integers, so the sums do not depend on the order of the inputs).
    /// </summary>
    public long[][] ActivationSum { get; } = [.. Enumerable.Range(0, classes).Select(_ => new long[units])];

    /// <summary>Adds activation sums made elsewhere (per unit, for inputs of class <paramref name="label"/>).</summary>
    public void AddActivations(int label, ReadOnlySpan<long> sums)
    {
        var a = ActivationSum[label];
        for (int i = 0; i < a.Length; i++) a[i] += sums[i];
    }

    /// <summary>Adds one input's firing pattern to its class's firing counts.</summary>
    public void CountFiring(ReadOnlySpan<ulong> bits, int label)
    {
        var f = Firing[label];
        for (int w = 0; w < bits.Length; w++)
            for (ulong v = bits[w]; v != 0; v &= v - 1)
                f[(w << 6) + System.Numerics.BitOperations.TrailingZeroCount(v)]++;
    }

    /// <summary>Adds counts made elsewhere (per unit, for inputs of class <paramref name="label"/>).</summary>
    public void AddFiring(int label, ReadOnlySpan<int> counts)
    {
        var f = Firing[label];
        for (int i = 0; i < f.Length; i++) f[i] += counts[i];
    }

    /// <summary>Makes room for <paramref name="more"/> records beyond those held.</summary>
    public void Reserve(int more)
    {
        int total = Codeword.Count + more;
        if (Codeword.Capacity >= total) return;
        int capacity = Math.Max(total, 2 * Codeword.Capacity);
        Codeword.Capacity = capacity;
        Magnitude.Capacity = capacity;
        BinnedOwn.Capacity = capacity;
        BinnedPooled.Capacity = capacity;
    }

    public void Add(ReadOnlySpan<ulong> bits, double magnitude, UInt128 binnedOwn, UInt128 binnedPooled) =>
        Add(bits, CodewordTable.Key(bits), magnitude, binnedOwn, binnedPooled);

    public void Add(ReadOnlySpan<ulong> bits, UInt128 key, double magnitude, UInt128 binnedOwn, UInt128 binnedPooled)
    {
        Codeword.Add(Patterns.Add(bits, key));
        Magnitude.Add(magnitude);
        BinnedOwn.Add(binnedOwn);
        BinnedPooled.Add(binnedPooled);
    }

    /// <summary>Appends another part's records (its patterns renumbered into this table).</summary>
    public void Merge(TapAccumulator other)
    {
        if (other.Name != Name || other.Units != Units)
            throw new ArgumentException($"tap {other.Name} ({other.Units} units) does not match {Name} ({Units} units)");
        var renumber = new int[other.Patterns.Count];
        var pattern = new ulong[Words];
        for (int k = 0; k < renumber.Length; k++)
        {
            other.Patterns.Read(k, pattern);
            renumber[k] = Patterns.Add(pattern);
        }
        foreach (int k in other.Codeword) Codeword.Add(renumber[k]);
        for (int c = 0; c < Firing.Length; c++)
        {
            for (int i = 0; i < Units; i++) Firing[c][i] += other.Firing[c][i];
            AddActivations(c, other.ActivationSum[c]);
        }
        Magnitude.AddRange(other.Magnitude);
        BinnedOwn.AddRange(other.BinnedOwn);
        BinnedPooled.AddRange(other.BinnedPooled);
    }
}
