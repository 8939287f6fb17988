namespace LayerEntropy.Analysis;

/// <summary>
/// How one tap's activations are spread, per class, for the equal-mass bins of <c>--bins auto</c> (MEASURES.md,
/// binned): a count of the values by their top 16 bits (sign, exponent and 7 bits of mantissa, in value order), kept in
/// blocks of 128 made when first touched. Counts add, so every shard that sees the whole dataset finds the same
/// edges; an edge is the largest value of the bucket where the running count reaches its share, so the quantiles are
/// those of the values rounded to 8 significant bits.
/// </summary>
internal sealed class TapQuantiles(int classes)
{
    private const int Buckets = 1 << 16, Block = 128;
    private readonly long[]?[][] counts = [.. Enumerable.Range(0, classes).Select(_ => new long[]?[Buckets / Block])];

    /// <summary>Counts one row of class <paramref name="label"/> (finite values).</summary>
    public void Add(int label, ReadOnlySpan<float> row)
    {
        var blocks = counts[label];
        foreach (float a in row)
        {
            int key = Key(a);
            (blocks[key / Block] ??= new long[Block])[key % Block]++;
        }
    }

    /// <summary>The B − 1 edges of B equal-mass bins of class <paramref name="label"/>'s values (null: of every class).</summary>
    public float[] Edges(int? label, int bins)
    {
        var sets = label is int c ? [counts[c]] : counts;
        long total = 0;
        foreach (var blocks in sets)
            foreach (var b in blocks)
                if (b is not null) foreach (long n in b) total += n;
        var edges = new float[bins - 1];
        if (total == 0) return edges;
        long running = 0;
        int k = 0;
        for (int key = 0; key < Buckets && k < edges.Length; key++)
        {
            foreach (var blocks in sets)
                if (blocks[key / Block] is { } b) running += b[key % Block];
            // Edge k + 1 closes the bucket where at least ⌈(k + 1)·n/B⌉ values lie at or below it.
            while (k < edges.Length && running * bins >= (k + 1) * total) edges[k++] = Largest(key);
        }
        return edges;
    }

    /// <summary>The bucket of a value: its float bits in value order (−0 as +0), top 16 bits.</summary>
    public static int Key(float a)
    {
        uint u = BitConverter.SingleToUInt32Bits(a == 0 ? 0f : a);
        return (int)(((u & 0x80000000u) != 0 ? ~u : u | 0x80000000u) >> 16);
    }

    /// <summary>The largest value in a bucket.</summary>
    public static float Largest(int key)
    {
        uint ordered = ((uint)key << 16) | 0xFFFFu;
        uint u = (ordered & 0x80000000u) != 0 ? ordered & 0x7FFFFFFFu : ~ordered;
        return BitConverter.UInt32BitsToSingle(u);
    }
}
