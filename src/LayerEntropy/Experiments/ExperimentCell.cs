namespace LayerEntropy.Experiments;

/// <summary>
/// One unit of an experiment that a shard (`--shard i/n`) takes whole: a sweep's network of one depth and seed, or one
/// training run of `dynamics` (the network, its shuffled-labels twin).
/// </summary>
/// <param name="Name">What the progress lines call it: "depth 2, seed 1", "network", "shuffled-labels twin".</param>
/// <param name="Folder">Where its files are.</param>
/// <param name="Reused">Found complete from an earlier run and left as it was.</param>
public sealed record ExperimentCell(string Name, string Folder, bool Reused)
{
    /// <summary>Which cell positions shard <paramref name="index"/> (from 0) of <paramref name="count"/> takes: p mod count = index.</summary>
    internal static Func<int, bool> Shard(int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
        return p => p % count == index;
    }
}
