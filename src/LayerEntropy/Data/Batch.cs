using LayerEntropy.Tensors;

namespace LayerEntropy.Data;

/// <summary>
/// One batch from a <see cref="BatchLoader"/>: images as a [B, C, H, W] tensor, their labels, and their
/// positions in the dataset. The loader refills the same batch object for the next batch, so copy what must outlive it.
/// </summary>
public sealed class Batch
{
    internal Batch(int size, int channels, int height, int width)
    {
        Images = new Tensor(size, channels, height, width);
        Labels = new int[size];
        Indices = new int[size];
        Skipped = new bool[size];
    }

    /// <summary>[B, C, H, W] float32.</summary>
    public Tensor Images { get; }

    public int[] Labels { get; }

    /// <summary>Where each image sits in the dataset the loader reads.</summary>
    public int[] Indices { get; }

    /// <summary>
    /// The images of a streamed dataset that could not be read and were skipped (their values are the
    /// preprocessing of zeros): their rows must not be used.
    /// </summary>
    public bool[] Skipped { get; }

    public int Count => Labels.Length;
}
