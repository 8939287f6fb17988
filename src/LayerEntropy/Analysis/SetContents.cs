namespace LayerEntropy.Analysis;

/// <summary>Reads a set's accumulator contents out of the per-input records of a tap.</summary>
internal static class SetContents
{
    /// <param name="members">The set's input positions, in dataset order (the order sums are taken in).</param>
    /// <param name="pooled">Use the pooled range's binned keys (else each input's class range).</param>
    public static SetContent Of(TapAccumulator tap, int[] members, bool pooled, bool binned)
    {
        var codewords = new Dictionary<int, long>();
        double magnitudeSum = 0;
        long magnitudeInputs = 0, zero = 0;
        foreach (int x in members)
        {
            codewords[tap.Codeword[x]] = codewords.GetValueOrDefault(tap.Codeword[x]) + 1;
            double h = tap.Magnitude[x];
            if (double.IsNaN(h)) zero++;
            else { magnitudeSum += h; magnitudeInputs++; }
        }
        List<long>? binnedCounts = null;
        if (binned)
        {
            var keys = pooled ? tap.BinnedPooled : tap.BinnedOwn;
            var counts = new Dictionary<UInt128, long>();
            foreach (int x in members) counts[keys[x]] = counts.GetValueOrDefault(keys[x]) + 1;
            binnedCounts = [.. counts.Values];
        }
        return new SetContent(members.Length, tap.FiringCounts(members), [.. codewords.Values], magnitudeSum, magnitudeInputs, zero, binnedCounts);
    }
}
