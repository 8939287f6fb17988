namespace LayerEntropy.Analysis;

/// <summary>
/// Each input's binned vector numbered by its key (0, 1, … in order of first appearance in dataset order), under
/// its class's range (Own) and under the pooled range (Pooled); indexed by input position. Inputs with equal numbers
/// fall into the same binned vector, which is all the binned measure counts.
/// </summary>
internal sealed record BinnedGroups(int[] Own, int OwnCount, int[] Pooled, int PooledCount)
{
    /// <param name="all">Every input position in dataset order.</param>
    public static BinnedGroups Of(TapAccumulator tap, int[] all)
    {
        var own = new KeyTable(all.Length);
        var pooled = new KeyTable(all.Length);
        var ownNumbers = new int[all.Length];
        var pooledNumbers = new int[all.Length];
        foreach (int x in all)
        {
            ownNumbers[x] = own.Add(tap.BinnedOwn[x]);
            pooledNumbers[x] = pooled.Add(tap.BinnedPooled[x]);
        }
        return new BinnedGroups(ownNumbers, own.Count, pooledNumbers, pooled.Count);
    }
}
