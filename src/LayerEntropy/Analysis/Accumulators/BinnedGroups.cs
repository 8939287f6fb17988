using System.Runtime.InteropServices;

namespace LayerEntropy.Analysis;

/// <summary>
/// Each input's binned vector numbered by its key (0, 1, … in order of first appearance in dataset order), under
/// its class's range (Own) and under the pooled range (Pooled); indexed by input position. Inputs with equal numbers
/// fall into the same binned vector, which is all the binned measure counts.
/// </summary>
internal sealed record BinnedGroups(int[] Own, int OwnCount, int[] Pooled, int PooledCount)
{
    /// <param name="all">Every input position in dataset order.</param>
    public static BinnedGroups Of(TapAccumulator tap, int[] all) => Of([tap], all, new ParallelOptions { MaxDegreeOfParallelism = 1 })[0];

    /// <summary>
    /// The groups of every tap: each tap's vectors numbered under both ranges, twice as many jobs as taps to share the
    /// threads evenly, in one key table per worker, cleared between jobs, rather than fresh memory for each.
    /// </summary>
    public static BinnedGroups[] Of(IReadOnlyList<TapAccumulator> taps, int[] all, ParallelOptions parallel)
    {
        var numbered = new (int[] Numbers, int Count)[2 * taps.Count];
        Parallel.For(0, numbered.Length, parallel, () => new KeyTable(all.Length), (i, _, table) =>
        {
            var tap = taps[i / 2];
            table.Clear();
            numbered[i] = Number(CollectionsMarshal.AsSpan(i % 2 == 0 ? tap.BinnedOwn : tap.BinnedPooled), all, table);
            return table;
        }, _ => { });
        return [.. Enumerable.Range(0, taps.Count).Select(t =>
            new BinnedGroups(numbered[2 * t].Numbers, numbered[2 * t].Count, numbered[2 * t + 1].Numbers, numbered[2 * t + 1].Count))];
    }

    /// <summary>
    /// Numbers the keys of the inputs at positions <paramref name="all"/> (in that order) 0, 1, … by first appearance:
    /// each input's number, by position, and how many distinct keys there are. <paramref name="table"/> must be empty.
    /// </summary>
    public static (int[] Numbers, int Count) Number(ReadOnlySpan<UInt128> keys, int[] all, KeyTable table)
    {
        // Tables of many keys outgrow the caches: each slot is prefetched a few inputs ahead, so the misses overlap.
        const int ahead = 8;
        var numbers = new int[all.Length];
        for (int j = 0; j < all.Length; j++)
        {
            if (j + ahead < all.Length) table.Prefetch(keys[all[j + ahead]]);
            numbers[all[j]] = table.Add(keys[all[j]]);
        }
        return (numbers, table.Count);
    }
}
