using System.Runtime.InteropServices;

namespace LayerEntropy.Analysis;

/// <summary>Reads every set's accumulator contents out of the per-input records of a tap.</summary>
internal static class SetContents
{
    /// <summary>The contents of each class (in class order) and then of the pooled set.</summary>
    /// <param name="members">Each set's input positions in dataset order (the order sums are taken in), the pooled set last.</param>
    /// <param name="binned">The binned vectors' numbers; null when binned is left out.</param>
    public static SetContent[] Of(TapAccumulator tap, int[][] members, BinnedGroups? binned)
    {
        int classes = members.Length - 1;
        // Firing counts are kept per class by the accumulator; the pooled set's are their sums.
        var pooledFiring = new long[tap.Units];
        for (int c = 0; c < classes; c++)
            for (int i = 0; i < tap.Units; i++) pooledFiring[i] += tap.Firing[c][i];
        var scratch = new int[Math.Max(tap.Patterns.Count, binned is null ? 0 : Math.Max(binned.OwnCount, binned.PooledCount))];
        var result = new SetContent[classes + 1];
        for (int s = 0; s <= classes; s++)
        {
            bool pooled = s == classes;
            double magnitude = 0;
            long magnitudeInputs = 0, zero = 0;
            foreach (int x in members[s])
            {
                double h = tap.Magnitude[x];
                if (double.IsNaN(h)) zero++;
                else { magnitude += h; magnitudeInputs++; }
            }
            var codewords = Summary(members[s], CollectionsMarshal.AsSpan(tap.Codeword), scratch);
            CountSummary? binnedCounts = binned is null ? null : Summary(members[s], pooled ? binned.Pooled : binned.Own, scratch);
            result[s] = new SetContent(members[s].Length, pooled ? pooledFiring : tap.Firing[s], codewords, magnitude, magnitudeInputs, zero, binnedCounts);
        }
        return result;
    }

    /// <summary>
    /// The count summary of the members' numbers (codewords or binned vectors): each number's count in a scratch
    /// array of zeros, read at the number's first member (and marked read by its sign), so the sums run in the
    /// members' order; the Chao–Shen terms, which need the singletons first, are summed in a second sweep that
    /// resets the array.
    /// </summary>
    private static CountSummary Summary(int[] members, ReadOnlySpan<int> number, int[] scratch)
    {
        foreach (int x in members) scratch[number[x]]++;
        double sum = 0;
        long distinct = 0, singletons = 0;
        foreach (int x in members)
        {
            ref int n = ref scratch[number[x]];
            if (n <= 0) continue;
            sum += Entropy.NLog2N(n);
            distinct++;
            if (n == 1) singletons++;
            n = -n;
        }
        double coverage = Entropy.Coverage(singletons, members.Length), chaoShen = 0;
        foreach (int x in members)
        {
            ref int n = ref scratch[number[x]];
            if (n == 0) continue;
            chaoShen += Entropy.ChaoShenTerm(-n, coverage, members.Length);
            n = 0;
        }
        return new CountSummary(sum, distinct, singletons, chaoShen);
    }
}
