namespace LayerEntropy.Analysis;

/// <summary>A set's members' codewords and binned keys renumbered 0..K−1, so resamples count them in plain arrays.</summary>
internal sealed class DenseKeys
{
    private DenseKeys(int[] codeword, int codewords, int[]? binned, int binnedCount, double[] magnitude)
    {
        Codeword = codeword;
        Codewords = codewords;
        Binned = binned;
        BinnedCount = binnedCount;
        Magnitude = magnitude;
    }

    public int[] Codeword { get; }
    public int Codewords { get; }
    public int[]? Binned { get; }
    public int BinnedCount { get; }
    public double[] Magnitude { get; }

    public static DenseKeys Of(TapAccumulator tap, int[] members, bool pooled, bool binned)
    {
        var codewordIndex = new Dictionary<int, int>();
        var codeword = members.Select(x => codewordIndex.TryGetValue(tap.Codeword[x], out int k) ? k : codewordIndex[tap.Codeword[x]] = codewordIndex.Count).ToArray();
        int[]? bins = null;
        int binCount = 0;
        if (binned)
        {
            var keys = pooled ? tap.BinnedPooled : tap.BinnedOwn;
            var binIndex = new Dictionary<UInt128, int>();
            bins = members.Select(x => binIndex.TryGetValue(keys[x], out int k) ? k : binIndex[keys[x]] = binIndex.Count).ToArray();
            binCount = binIndex.Count;
        }
        return new DenseKeys(codeword, codewordIndex.Count, bins, binCount, [.. members.Select(x => tap.Magnitude[x])]);
    }
}
