using LayerEntropy.Tensors;

namespace LayerEntropy.Data;

/// <summary>
/// Cuts a <see cref="Dataset"/> into batches of float32 images scaled to [0, 1] (and normalised per channel
/// if asked; in general preprocessed as a <see cref="Data.Preprocessing"/> says), in dataset order or in a shuffled order that depends only on <see cref="Seed"/> and the epoch number,
/// so epoch 7 of a resumed run is the same as epoch 7 of an unbroken one. The batch buffers are reused:
/// after the first epoch, iterating allocates nothing per batch.
/// <para>
/// A streamed dataset's images are decoded on <see cref="Workers"/> threads while the batches are used, at most
/// <see cref="Ahead"/> batches ahead, into buffers the loader reuses (<see cref="ImagePrefetch"/>): what it holds does
/// not grow with the number of images.
/// </para>
/// </summary>
public sealed class BatchLoader
{
    private readonly float[] offsets;
    private readonly float[] divisors;
    private readonly int[] order;
    private Batch? full;
    private Batch? shortBatch;
    private bool iterating;

    /// <param name="normalization">
    /// Per-channel mean and std, e.g. <see cref="Normalization.Mnist"/>; null keeps [0, 1] for byte images and the
    /// values as stored for float ones. Either way on the default scale of <see cref="Preprocessing.For"/>.
    /// </param>
    public BatchLoader(Dataset data, int batchSize, Normalization? normalization = null)
        : this(data, batchSize, CheckedPreprocessing(data, normalization))
    {
        Normalization = normalization;
    }

    /// <param name="preprocessing">x = (v·scale − mean[c]) / std[c] for every stored value v of channel c.</param>
    public BatchLoader(Dataset data, int batchSize, Preprocessing preprocessing)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        preprocessing.CheckChannels(data.Channels);
        Data = data;
        BatchSize = batchSize;
        Preprocessing = preprocessing;
        // (b/255 − mean)/std = (b − 255·mean)/(255·std): one subtraction and one division per value, and exactly b/255 without normalisation.
        var affine = Enumerable.Range(0, data.Channels).Select(preprocessing.Affine).ToArray();
        offsets = [.. affine.Select(a => a.Offset)];
        divisors = [.. affine.Select(a => a.Divisor)];
        order = new int[data.Count];
    }

    public Dataset Data { get; }
    public int BatchSize { get; }

    /// <summary>The normalisation given to the constructor that takes one; null otherwise.</summary>
    public Normalization? Normalization { get; }

    public Preprocessing Preprocessing { get; }

    /// <summary>Visit the images in a fresh random order each epoch.</summary>
    public bool Shuffle { get; init; }

    /// <summary>Fixes the shuffled orders: the same seed and epoch give the same batches on every run.</summary>
    public int Seed { get; init; }

    /// <summary>Leave out the last batch when it would be smaller than <see cref="BatchSize"/>.</summary>
    public bool DropLast { get; init; }

    /// <summary>How many batches of a streamed dataset are decoded beyond the one in use.</summary>
    public int Ahead { get; init; } = 2;

    /// <summary>Threads decoding a streamed dataset's images.</summary>
    public int Workers { get; init; } = Math.Max(1, Compute.Threads);

    public int BatchCount => DropLast ? Data.Count / BatchSize : (Data.Count + BatchSize - 1) / BatchSize;

    /// <summary>
    /// The batches of epoch <paramref name="epoch"/>. Each yielded <see cref="Batch"/> is overwritten by the next one,
    /// and one loader runs one epoch at a time.
    /// </summary>
    public IEnumerable<Batch> Epoch(int epoch = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        return Iterate(epoch);
    }

    private IEnumerable<Batch> Iterate(int epoch)
    {
        if (iterating) throw new InvalidOperationException("this loader is already running an epoch; its batches share buffers");
        iterating = true;
        try
        {
            for (int i = 0; i < order.Length; i++) order[i] = i;
            if (Shuffle) new SplitMix64(((ulong)(uint)Seed << 32) | (uint)epoch).Shuffle(order);
            using var prefetch = Data.Source is { } source && BatchCount > 0
                ? new ImagePrefetch(source, order, BatchSize, BatchCount, Ahead, Workers) : null;

            for (int b = 0; b < BatchCount; b++)
            {
                int start = b * BatchSize, count = Math.Min(BatchSize, order.Length - start);
                Batch batch = count == BatchSize
                    ? full ??= new Batch(BatchSize, Data.Channels, Data.Height, Data.Width)
                    : shortBatch ??= new Batch(count, Data.Channels, Data.Height, Data.Width);
                if (prefetch is null) Fill(batch, order.AsSpan(start, count));
                else
                {
                    var (bytes, skipped) = prefetch.Next();
                    FillDecoded(batch, order.AsSpan(start, count), bytes, skipped);
                    prefetch.Return();
                }
                yield return batch;
            }
        }
        finally
        {
            iterating = false;
        }
    }

    private static Preprocessing CheckedPreprocessing(Dataset data, Normalization? normalization)
    {
        if (normalization is not null && normalization.Channels != data.Channels)
            throw new ArgumentException($"normalisation has {normalization.Channels} channels, the dataset {data.Channels}", nameof(normalization));
        return Preprocessing.For(data, normalization);
    }

    /// <summary>Fills the batch from the decoded bytes of its images, image k at k·ImageLength.</summary>
    private void FillDecoded(Batch batch, ReadOnlySpan<int> indices, byte[] bytes, bool[] skipped)
    {
        int length = Data.ImageLength;
        Span<float> images = batch.Images.Span;
        for (int k = 0; k < indices.Length; k++)
        {
            batch.Indices[k] = indices[k];
            batch.Labels[k] = Data.Labels[indices[k]];
            batch.Skipped[k] = skipped[k];
            ToFloat(bytes.AsSpan(k * length, length), images.Slice(k * length, length));
        }
    }

    /// <summary>One image's bytes, channel by channel, to the batch's floats.</summary>
    private void ToFloat(ReadOnlySpan<byte> image, Span<float> target)
    {
        int plane = Data.Height * Data.Width;
        for (int c = 0; c < Data.Channels; c++)
            ByteConvert.ToFloat(image.Slice(c * plane, plane), target.Slice(c * plane, plane), offsets[c], divisors[c]);
    }

    private void Fill(Batch batch, ReadOnlySpan<int> indices)
    {
        int plane = Data.Height * Data.Width;
        Span<float> images = batch.Images.Span;
        for (int k = 0; k < indices.Length; k++)
        {
            int index = indices[k];
            batch.Indices[k] = index;
            batch.Labels[k] = Data.Labels[index];
            Span<float> target = images.Slice(k * Data.ImageLength, Data.ImageLength);
            if (Data.Values is not null)
            {
                ReadOnlySpan<float> values = Data.ImageValues(index);
                for (int c = 0; c < Data.Channels; c++)
                    FloatConvert.Standardize(values.Slice(c * plane, plane), target.Slice(c * plane, plane), offsets[c], divisors[c]);
                continue;
            }
            ToFloat(Data.Image(index), target);
        }
    }
}
