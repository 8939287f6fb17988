namespace LayerEntropy.Analysis;

/// <summary>One kept input: its dataset position, class, every tap's activations and (for a dataset) its image bytes.</summary>
internal sealed class Sample(long id, int label, float[][] taps)
{
    public long Id { get; } = id;
    public int Label { get; } = label;
    public float[][] Taps { get; } = taps;

    /// <summary>The input image as stored in the dataset (channels, rows, columns); null for recorded activations.</summary>
    public byte[]? Image { get; set; }
}
