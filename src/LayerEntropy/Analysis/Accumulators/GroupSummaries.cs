using System.Buffers;
using LayerEntropy.Tensors;

namespace LayerEntropy.Analysis;

/// <summary>
/// The codeword-style counts of every resample, summarised without listing them. The columns of a resampled set are
/// partitioned into groups (inputs with equal codewords, or equal binned vectors); a resample's count of a group is
/// the sum of its members' weights. Groups of one member, nearly all of them in wide layers, are summed through the
/// at-least masks: Σ n log₂ n over them is Σ_k (T(k) − T(k−1))·|singles drawn at least k times| with T(n) = n log₂ n,
/// and the number of them drawn is |singles drawn at least once|. Larger groups add their members' weights for all
/// resamples at once. The Chao–Shen sum needs the resample's singletons f₁ before any term: the singles' terms come
/// from how many are drawn exactly k times, the larger groups' counts are kept per resample and summed in a last sweep.
/// </summary>
internal static class GroupSummaries
{
    /// <param name="number">Each input position's group number (its codeword or binned vector) in [0, <paramref name="groups"/>).</param>
    public static CountSummary[] Of(ResampledSet set, ReadOnlySpan<int> number, int groups)
    {
        int rows = set.Replicates;
        // Per group its size, then the index of its slice among the larger groups' members (−1 for one member).
        var index = ArrayPool<int>.Shared.Rent(groups);
        var start = new List<int> { 0 };
        int[] members, filled, firstSeen;
        var singles = new ulong[set.Words];
        try
        {
            Array.Clear(index, 0, groups);
            foreach (int x in set.Members)
                if (x >= 0) index[number[x]]++;
            for (int g = 0; g < groups; g++)
            {
                int size = index[g];
                index[g] = size > 1 ? start.Count - 1 : -1;
                if (size > 1) start.Add(start[^1] + size);
            }
            members = new int[start[^1]];
            filled = [.. start];
            firstSeen = new int[start.Count - 1];
            int seen = 0;
            for (int col = 0; col < set.Columns; col++)
            {
                int x = set.Members[col];
                if (x < 0) continue;
                int g = number[x];
                if (index[g] < 0) singles[col >> 6] |= 1UL << (col & 63);
                else
                {
                    if (filled[index[g]] == start[index[g]]) firstSeen[seen++] = index[g];
                    members[filled[index[g]]++] = col;
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(index);
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = Compute.Threads };
        var sum = new double[rows];
        var distinct = new long[rows];
        var singleton = new long[rows];
        // drawnAtLeast[r][k − 1]: the singles drawn at least k times by resample r.
        var drawnAtLeast = new long[rows][];
        Parallel.For(0, rows, options, r =>
        {
            double s = 0;
            var atLeast = drawnAtLeast[r] = new long[set.MaxWeightOf[r] + 1];
            for (int k = 1; k <= set.MaxWeightOf[r]; k++)
            {
                long n = atLeast[k - 1] = ResampleKernels.AndPopCount(singles, set.Drawn(r, k));
                if (k == 1) distinct[r] = n;
                s += (Entropy.NLog2N(k) - Entropy.NLog2N(k - 1)) * n;
            }
            sum[r] = s;
            singleton[r] = atLeast[0] - atLeast[1];
        });

        // The larger groups in fixed chunks, whose partial sums are added in chunk order: the same on any thread.
        const int Chunk = 64;
        int multi = start.Count - 1, chunks = (multi + Chunk - 1) / Chunk;
        var partSum = new double[chunks][];
        var partDistinct = new long[chunks][];
        var partSingleton = new long[chunks][];
        // groupCounts[i·R + r]: larger group i's count in resample r (at most M/2 groups).
        var groupCounts = new int[(long)multi * rows];
        Parallel.For(0, chunks, options, () => new int[rows], (c, _, counts) =>
        {
            var ps = partSum[c] = new double[rows];
            var pd = partDistinct[c] = new long[rows];
            var p1 = partSingleton[c] = new long[rows];
            for (int i = c * Chunk; i < Math.Min(multi, (c + 1) * Chunk); i++)
            {
                Array.Clear(counts);
                ResampleKernels.AddRows(set.ByColumn, rows, members.AsSpan(start[i], start[i + 1] - start[i]), counts);
                ResampleKernels.AddNLog2N(counts, Entropy.NLog2NTable, ps, pd);
                counts.CopyTo(groupCounts.AsSpan(i * rows, rows));
                for (int r = 0; r < rows; r++)
                    if (counts[r] == 1) p1[r]++;
            }
            return counts;
        }, _ => { });
        var result = new CountSummary[rows];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < chunks; c++)
            {
                sum[r] += partSum[c][r];
                distinct[r] += partDistinct[c][r];
                singleton[r] += partSingleton[c][r];
            }
        // The Chao–Shen sums, each resample's terms cached by count (a resample's counts repeat a few values).
        long total = set.Count;
        Parallel.For(0, rows, options, () => (Term: new double[total + 1], Stamp: new int[total + 1]), (r, _, cache) =>
        {
            double coverage = Entropy.Coverage(singleton[r], total), chaoShen = 0;
            var atLeast = drawnAtLeast[r];
            for (int k = 1; k < atLeast.Length; k++)
                chaoShen += (atLeast[k - 1] - atLeast[k]) * Entropy.ChaoShenTerm(k, coverage, total);
            // In the order of the groups' first members, so the sum does not depend on how the groups are numbered
            // (merged parts number their codewords in another order).
            foreach (int i in firstSeen)
            {
                int n = groupCounts[(long)i * rows + r];
                if (n == 0) continue;
                if (cache.Stamp[n] != r + 1)
                {
                    cache.Term[n] = Entropy.ChaoShenTerm(n, coverage, total);
                    cache.Stamp[n] = r + 1;
                }
                chaoShen += cache.Term[n];
            }
            result[r] = new CountSummary(sum[r], distinct[r], singleton[r], chaoShen);
            return cache;
        }, _ => { });
        return result;
    }
}
