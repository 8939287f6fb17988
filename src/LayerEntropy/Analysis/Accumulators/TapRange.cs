namespace LayerEntropy.Analysis;

/// <summary>
/// The [min, max] of one tap's activations over each class's inputs, which the binned measure's bins span
/// (MEASURES.md, binned); the pooled range is the union of the class ranges. Classes with no inputs keep
/// +∞/−∞ and are ignored.
/// </summary>
internal sealed class TapRange
{
    public TapRange(int classes)
    {
        Min = Enumerable.Repeat(float.PositiveInfinity, classes).ToArray();
        Max = Enumerable.Repeat(float.NegativeInfinity, classes).ToArray();
    }

    public float[] Min { get; }
    public float[] Max { get; }
    public float PooledMin => Min.Min();
    public float PooledMax => Max.Max();

    public void Include(int label, float min, float max)
    {
        if (min < Min[label]) Min[label] = min;
        if (max > Max[label]) Max[label] = max;
    }

    public void Merge(TapRange other)
    {
        for (int c = 0; c < Min.Length; c++) Include(c, other.Min[c], other.Max[c]);
    }

    /// <summary>
    /// With <c>--bins auto</c>: each class's equal-mass bin edges (ascending), and the pooled set's; the bins the keys
    /// were made with instead of the ranges. Null otherwise.
    /// </summary>
    public float[][]? Edges { get; set; }

    /// <inheritdoc cref="Edges"/>
    public float[]? PooledEdges { get; set; }

    public bool SameAs(TapRange other) => Min.AsSpan().SequenceEqual(other.Min) && Max.AsSpan().SequenceEqual(other.Max);
}
