using System.Numerics;

namespace LayerEntropy.Analysis;

/// <summary>Reads every set's accumulator contents out of the per-input records of a tap, in one pass over the inputs.</summary>
internal static class SetContents
{
    /// <summary>The contents of each class (in class order) and then of the pooled set.</summary>
    /// <param name="all">Every input position in dataset order (the order sums are taken in).</param>
    public static SetContent[] Of(TapAccumulator tap, int classes, IReadOnlyList<int> labels, int[] all, bool binned)
    {
        // Inputs per (class, pattern): the pooled set's codeword counts are their column sums, and every set's firing
        // counts follow from the patterns' bits weighted by them.
        var perPattern = new long[classes][];
        for (int c = 0; c < classes; c++) perPattern[c] = new long[tap.Patterns.Count];
        var count = new long[classes + 1];
        var magnitude = new double[classes + 1];
        var magnitudeInputs = new long[classes + 1];
        var zero = new long[classes + 1];
        var binnedOwn = binned ? Enumerable.Range(0, classes).Select(_ => new Dictionary<UInt128, long>()).ToArray() : null;
        var binnedPooled = binned ? new Dictionary<UInt128, long>() : null;
        foreach (int x in all)
        {
            int c = labels[x];
            perPattern[c][tap.Codeword[x]]++;
            count[c]++;
            double h = tap.Magnitude[x];
            foreach (int s in (ReadOnlySpan<int>)[c, classes])
            {
                if (double.IsNaN(h)) zero[s]++;
                else { magnitude[s] += h; magnitudeInputs[s]++; }
            }
            if (binned)
            {
                binnedOwn![c][tap.BinnedOwn[x]] = binnedOwn[c].GetValueOrDefault(tap.BinnedOwn[x]) + 1;
                binnedPooled![tap.BinnedPooled[x]] = binnedPooled.GetValueOrDefault(tap.BinnedPooled[x]) + 1;
            }
        }
        count[classes] = all.Length;

        var firing = new long[classes + 1][];
        for (int s = 0; s <= classes; s++) firing[s] = new long[tap.Units];
        var pooledCodewords = new long[tap.Patterns.Count];
        for (int k = 0; k < tap.Patterns.Count; k++)
        {
            var pattern = tap.Patterns.Pattern(k);
            for (int c = 0; c < classes; c++)
            {
                long n = perPattern[c][k];
                if (n == 0) continue;
                pooledCodewords[k] += n;
                var f = firing[c];
                for (int w = 0; w < pattern.Length; w++)
                    for (ulong bits = pattern[w]; bits != 0; bits &= bits - 1)
                        f[(w << 6) + BitOperations.TrailingZeroCount(bits)] += n;
            }
        }
        for (int c = 0; c < classes; c++)
            for (int i = 0; i < tap.Units; i++) firing[classes][i] += firing[c][i];

        var result = new SetContent[classes + 1];
        for (int s = 0; s <= classes; s++)
        {
            long[] codewords = [.. (s < classes ? perPattern[s] : pooledCodewords).Where(n => n > 0)];
            var binnedCounts = !binned ? null : s < classes ? binnedOwn![s].Values.ToArray() : binnedPooled!.Values.ToArray();
            result[s] = new SetContent(count[s], firing[s], codewords, magnitude[s], magnitudeInputs[s], zero[s], binnedCounts);
        }
        return result;
    }
}
