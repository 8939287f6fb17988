using System.Numerics;

namespace LayerEntropy.Analysis;

/// <summary>Reads every set's accumulator contents out of the per-input records of a tap, in one pass over the inputs.</summary>
internal static class SetContents
{
    /// <summary>The contents of each class (in class order) and then of the pooled set.</summary>
    /// <param name="all">Every input position in dataset order (the order sums are taken in).</param>
    /// <param name="binned">The binned vectors' numbers; null when binned is left out.</param>
    public static SetContent[] Of(TapAccumulator tap, int classes, IReadOnlyList<int> labels, int[] all, BinnedGroups? binned)
    {
        // Inputs per (class, pattern): the pooled set's codeword counts are their column sums. Firing counts are kept
        // per class by the accumulator; the pooled set's are their sums.
        var perPattern = new long[classes][];
        for (int c = 0; c < classes; c++) perPattern[c] = new long[tap.Patterns.Count];
        var count = new long[classes + 1];
        var magnitude = new double[classes + 1];
        var magnitudeInputs = new long[classes + 1];
        var zero = new long[classes + 1];
        // Binned vectors are counted by number, per class under the class ranges and pooled under the pooled range.
        var binnedOwn = binned is null ? null : Enumerable.Range(0, classes).Select(_ => new long[binned.OwnCount]).ToArray();
        var pooledCounts = binned is null ? null : new long[binned.PooledCount];
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
            if (binned is not null)
            {
                binnedOwn![c][binned.Own[x]]++;
                pooledCounts![binned.Pooled[x]]++;
            }
        }
        count[classes] = all.Length;

        var firing = new long[classes + 1][];
        for (int c = 0; c < classes; c++) firing[c] = tap.Firing[c];
        firing[classes] = new long[tap.Units];
        for (int c = 0; c < classes; c++)
            for (int i = 0; i < tap.Units; i++) firing[classes][i] += firing[c][i];
        var pooledCodewords = new long[tap.Patterns.Count];
        for (int c = 0; c < classes; c++)
            for (int k = 0; k < pooledCodewords.Length; k++) pooledCodewords[k] += perPattern[c][k];

        var result = new SetContent[classes + 1];
        for (int s = 0; s <= classes; s++)
        {
            var codewords = CountSummary.Of(s < classes ? perPattern[s] : pooledCodewords);
            CountSummary? binnedCounts = binned is null ? null : CountSummary.Of(s < classes ? binnedOwn![s] : pooledCounts!);
            result[s] = new SetContent(count[s], firing[s], codewords, magnitude[s], magnitudeInputs[s], zero[s], binnedCounts);
        }
        return result;
    }
}
