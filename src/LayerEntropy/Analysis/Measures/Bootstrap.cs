using System.Runtime.InteropServices;
using LayerEntropy.Tensors;
using static LayerEntropy.Analysis.MeasureNames;

namespace LayerEntropy.Analysis;

/// <summary>
/// 95% bootstrap intervals (MEASURES.md, uncertainty): each set S is resampled with replacement R times
/// (<see cref="ResampledSet"/>), every measure is recomputed from the resample's accumulator contents by
/// <see cref="SetMeasures.Compute"/>, as for the set itself, and the interval is the BCa interval of those values
/// (<see cref="BcaInterval"/>, its acceleration from the <see cref="Jackknife"/>), or no interval and the reason
/// where one would mislead. The same resample of a set serves every tap, so depth comparisons are paired. A
/// resample's contents come from the set's per-input records weighted by how often each input is drawn: firing
/// counts from one integer product of the weights and the firing patterns for all resamples
/// (<see cref="FiringProduct"/>), codeword and binned counts as summaries (<see cref="GroupSummaries"/>), magnitude
/// sums as weighted sums.
/// </summary>
internal static class Bootstrap
{
    /// <summary>Intervals keyed by (tap, set, value index in <see cref="SetMeasures.Compute"/>'s order).</summary>
    /// <param name="contents">Each tap's set contents (classes, then pooled), as <see cref="SetContents.Of"/> reads them.</param>
    /// <param name="estimates">Each tap's and set's values, as <see cref="SetMeasures.Compute"/> gives them.</param>
    public static Dictionary<(int Tap, int Set, int Value), BootstrapInterval> Intervals(AnalysisState state, int[][] members, BinnedGroups?[] binned,
        SetContent[][] contents, List<MeasureValue>[][] estimates, AnalysisOptions options, CancellationToken cancel)
    {
        var result = new Dictionary<(int, int, int), BootstrapInterval>();
        ResampledSet? previous = null;
        var work = new Workspace();
        // The pooled set first: the largest, its arrays then serve every class.
        foreach (int s in Enumerable.Range(0, members.Length).Reverse())
        {
            if (members[s].Length == 0) continue;
            cancel.ThrowIfCancellationRequested();
            bool pooled = s == members.Length - 1;
            var set = previous = ResampledSet.Draw(members[s], pooled ? state.Labels : null, state.Classes, s, options.Bootstrap, options.Seed, previous);
            var replicates = Replicates(state.Taps, set, pooled, binned, options.Units, cancel, work);
            var accelerations = new Dictionary<MeasureKey, double>[state.Taps.Length];
            Parallel.For(0, state.Taps.Length, new ParallelOptions { MaxDegreeOfParallelism = Compute.Threads, CancellationToken = cancel }, t =>
            {
                var classes = pooled ? contents[t][..^1].Select(c => (c.Firing, c.Count)).ToArray() : null;
                (int[], int)? numbers = binned[t] is not { } b ? null : pooled ? (b.Pooled, b.PooledCount) : (b.Own, b.OwnCount);
                accelerations[t] = Jackknife.Accelerations(state.Taps[t], members[s], contents[t][s], state.Labels, classes, numbers);
            });
            for (int t = 0; t < state.Taps.Length; t++)
                for (int v = 0; v < replicates[t][0].Count; v++)
                {
                    var estimate = estimates[t][s][v];
                    if (!SetMeasures.HasInterval(estimate.Measure, estimate.Statistic) || estimate.Value is not double value) continue;
                    var values = replicates[t].Select(rep => rep[v].Value).ToArray();
                    if (values.Any(x => x is null)) continue;
                    result[(t, s, v)] = Saturated(estimates[t][s], estimate.Measure) ? BootstrapInterval.Saturated
                        : BcaInterval.Of(value, [.. values.Select(x => x!.Value)], accelerations[t].GetValueOrDefault(estimate.Key));
                }
        }
        return result;
    }

    /// <summary>
    /// Whether <paramref name="measure"/> is codeword or binned and its normalised entropy is within 1% of log M: every
    /// statistic of it (raw, normalised, Miller–Madow) then only says that M is too small to tell.
    /// </summary>
    internal static bool Saturated(IReadOnlyList<MeasureValue> values, string measure) =>
        measure is Codeword or Binned
        && values.FirstOrDefault(v => v.Key == new MeasureKey(measure, Normalized))?.Value >= BcaInterval.SaturatedAt;

    /// <summary>Every resample's measure values, per tap (in <see cref="SetMeasures.Compute"/>'s order).</summary>
    /// <param name="work">Buffers kept from call to call (new ones when null).</param>
    internal static List<MeasureValue>[][] Replicates(TapAccumulator[] taps, ResampledSet set, bool pooled, BinnedGroups?[] binned, EntropyUnit unit,
        CancellationToken cancel = default, Workspace? work = null)
    {
        work ??= new Workspace();
        var (magnitude, zero) = Magnitudes(taps, set);
        var result = new List<MeasureValue>[taps.Length][];
        for (int t = 0; t < taps.Length; t++)
        {
            cancel.ThrowIfCancellationRequested();
            result[t] = Replicates(taps[t], set, pooled, binned[t], unit, magnitude[t], zero[t], work);
        }
        return result;
    }

    private static List<MeasureValue>[] Replicates(TapAccumulator tap, ResampledSet set, bool pooled, BinnedGroups? binned, EntropyUnit unit,
        double[] magnitude, long[] zero, Workspace work)
    {
        int rows = set.Replicates, units = tap.Units, stride = FiringProduct.Stride(units);
        var codewords = GroupSummaries.Of(set, CollectionsMarshal.AsSpan(tap.Codeword), tap.Patterns.Count);
        var binnedCounts = binned is null ? null
            : pooled ? GroupSummaries.Of(set, binned.Pooled, binned.PooledCount) : GroupSummaries.Of(set, binned.Own, binned.OwnCount);
        var replicates = new List<MeasureValue>[rows];
        // The firing counts of every block under every resample take blocks × resamples × units integers: a wide tap's
        // resamples are counted a share at a time, so memory stays within the budget whatever the tap's width (the
        // counts are exact integers, the same however they are shared out). One block's higher digits take a share more.
        long perRow = (set.Blocks.Length + (set.Digits.Length > 1 ? 1 : 0)) * (long)stride * sizeof(int);
        int share = (int)Math.Clamp(FiringBudget / Math.Max(1, perRow), 1, rows);
        for (int first = 0; first < rows; first += share)
        {
            int count = Math.Min(share, rows - first), offset = first, length = count * stride;
            var counts = work.Counts(set.Blocks.Length * length);
            for (int b = 0; b < set.Blocks.Length; b++) BlockFiring(tap, set, set.Blocks[b], offset, count, counts, b * length, work);
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Compute.Threads },
                () => (Pooled: new long[units], Classes: set.Blocks.Select(_ => new long[units]).ToArray()), (j, _, buffers) =>
                {
                    int r = offset + j;
                    Array.Clear(buffers.Pooled);
                    for (int b = 0; b < set.Blocks.Length; b++)
                    {
                        var row = counts.AsSpan(b * length + j * stride, units);
                        for (int i = 0; i < units; i++)
                        {
                            buffers.Classes[b][i] = row[i];
                            buffers.Pooled[i] += row[i];
                        }
                    }
                    var content = new SetContent(set.Count, buffers.Pooled, codewords[r], magnitude[r], set.Count - zero[r], zero[r], binnedCounts?[r]);
                    var classes = pooled ? buffers.Classes.Select((f, b) => (f, set.BlockTotals[r][b])).ToArray() : null;
                    replicates[r] = SetMeasures.Compute(content, unit, classes);
                    return buffers;
                }, _ => { });
        }
        return replicates;
    }

    /// <summary>About how many bytes the firing counts of one share of a tap's resamples may take.</summary>
    internal const long FiringBudget = 64L << 20;

    /// <summary>
    /// Per tap and resample: Σ w·H(x) in bits over the inputs with activation mass, and the weight of the inputs
    /// without (all-zero rows), every tap in one pass over each resample's weights.
    /// </summary>
    private static (double[][] Sum, long[][] Zero) Magnitudes(TapAccumulator[] taps, ResampledSet set)
    {
        int columns = set.Columns;
        var h = new double[taps.Length * columns];
        var zeroColumns = new List<int>[taps.Length];
        for (int t = 0; t < taps.Length; t++)
        {
            zeroColumns[t] = [];
            for (int col = 0; col < columns; col++)
            {
                int x = set.Members[col];
                if (x < 0) continue;
                double v = taps[t].Magnitude[x];
                if (double.IsNaN(v)) zeroColumns[t].Add(col);
                else h[t * columns + col] = v;
            }
        }
        var sum = taps.Select(_ => new double[set.Replicates]).ToArray();
        var zero = taps.Select(_ => new long[set.Replicates]).ToArray();
        Parallel.For(0, set.Replicates, new ParallelOptions { MaxDegreeOfParallelism = Compute.Threads }, () => new double[taps.Length], (r, _, sums) =>
        {
            var weights = set.Weights.AsSpan(r * columns, columns);
            ResampleKernels.WeightedSums(weights, h, sums);
            for (int t = 0; t < taps.Length; t++)
            {
                sum[t][r] = sums[t];
                foreach (int col in zeroColumns[t]) zero[t][r] += weights[col];
            }
            return sums;
        }, _ => { });
        return (sum, zero);
    }

    /// <summary>
    /// Firing counts (<paramref name="count"/> × stride, into <paramref name="counts"/> from <paramref name="at"/>) of one
    /// block's columns under resamples <paramref name="first"/>.. first+count−1, digit plane by digit plane.
    /// </summary>
    private static void BlockFiring(TapAccumulator tap, ResampledSet set, (int Start, int Length) block, int first, int count, int[] counts, int at,
        Workspace work)
    {
        int words = tap.Words, stride = FiringProduct.Stride(tap.Units);
        var bits = work.Bits(Math.Max(1, block.Length * words));
        for (int j = 0; j < block.Length; j++)
            tap.Patterns.Read(tap.Codeword[set.Members[block.Start + j]], bits.AsSpan(j * words, words));
        int length = count * stride, start = first * set.Columns + block.Start;
        FiringProduct.Multiply(set.Digits[0], start, set.Columns, count, bits, 0, words, block.Length, tap.Units, counts, at);
        if (set.Digits.Length > 1)
        {
            var high = work.High(length);
            for (int d = 1; d < set.Digits.Length; d++)
            {
                FiringProduct.Multiply(set.Digits[d], start, set.Columns, count, bits, 0, words, block.Length, tap.Units, high);
                for (int i = 0; i < length; i++) counts[at + i] += high[i] << (8 * d);
            }
        }
    }

    /// <summary>
    /// The bootstrap's large buffers, kept from share to share, tap to tap and set to set and grown when too small, so that
    /// the firing counts of a wide model take <see cref="FiringBudget"/> once, not once per array size.
    /// </summary>
    internal sealed class Workspace
    {
        private int[] counts = [], high = [];
        private ulong[] bits = [];

        public int[] Counts(int length) => Grown(ref counts, length);
        public int[] High(int length) => Grown(ref high, length);
        public ulong[] Bits(int length) => Grown(ref bits, length);

        private static T[] Grown<T>(ref T[] array, int length)
        {
            if (array.Length < length) array = GC.AllocateUninitializedArray<T>(length);
            return array;
        }
    }
}
