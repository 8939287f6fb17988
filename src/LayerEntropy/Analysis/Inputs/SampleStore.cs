namespace LayerEntropy.Analysis;

/// <summary>
/// The first K inputs of each class, by dataset position, with every tap's activations: the rows that activation
/// maps show. Keeping the K smallest positions does not depend on the order inputs arrive in, so batches, threads
/// and shards all end with the single run's samples.
/// </summary>
internal sealed class SampleStore(int perClass, int classes)
{
    private readonly List<Sample>[] kept = [.. Enumerable.Range(0, classes).Select(_ => new List<Sample>())];

    public int PerClass { get; } = perClass;

    /// <summary>The kept samples of class <paramref name="label"/>, by dataset position.</summary>
    public IReadOnlyList<Sample> Of(int label) => kept[label];

    public IEnumerable<Sample> All => kept.SelectMany(k => k);

    /// <summary>Whether an input of class <paramref name="label"/> at position <paramref name="id"/> would be kept.</summary>
    public bool Wants(int label, long id)
    {
        var k = kept[label];
        return PerClass > 0 && (k.Count < PerClass || id < k[^1].Id);
    }

    public void Add(Sample sample)
    {
        if (!Wants(sample.Label, sample.Id)) return;
        var k = kept[sample.Label];
        int at = k.FindIndex(s => s.Id >= sample.Id);
        if (at >= 0 && k[at].Id == sample.Id) return; // the same input twice (overlapping shards are refused later)
        k.Insert(at < 0 ? k.Count : at, sample);
        if (k.Count > PerClass) k.RemoveAt(k.Count - 1);
    }

    public void Merge(SampleStore other)
    {
        foreach (var s in other.All) Add(s);
    }
}
