using LayerEntropy.Tensors;

namespace LayerEntropy.Data;

/// <summary>
/// Labelled images kept as the raw uint8 bytes they were stored in (a quarter of the memory of float32);
/// <see cref="BatchLoader"/> converts one batch at a time. Image i occupies
/// <c>Pixels[i·ImageLength .. (i+1)·ImageLength)</c> in channel, row, column order (CHW).
/// Inputs given as float32 (<see cref="FromValues"/>) are kept as floats in <see cref="Values"/>, laid out the same
/// way; their <see cref="Pixels"/> are display bytes made on first use (see <see cref="Image"/>).
/// A streamed dataset (<see cref="IsStreamed"/>, a folder of image files) holds only its file list: each image is
/// decoded when asked for, by <see cref="Image"/> or a <see cref="BatchLoader"/>, and it has no <see cref="Pixels"/>.
/// </summary>
public sealed class Dataset
{
    private byte[]? pixels;

    // The min and max that float values are scaled by for display; slices and subsets keep their source's.
    private readonly (float Min, float Max) valueRange;

    // The files of a streamed dataset; null when the images are in memory.
    private readonly ImageSource? source;

    public Dataset(string name, DatasetSplit split, int channels, int height, int width,
        IReadOnlyList<string> classNames, byte[] pixels, byte[] labels)
        : this(name, split, channels, height, width, classNames, labels, pixels.LongLength)
    {
        this.pixels = pixels;
    }

    private Dataset(string name, DatasetSplit split, int channels, int height, int width,
        IReadOnlyList<string> classNames, float[] values, byte[] labels, (float Min, float Max) range)
        : this(name, split, channels, height, width, classNames, labels, values.LongLength)
    {
        Values = values;
        valueRange = range;
    }

    private Dataset(string name, DatasetSplit split, IReadOnlyList<string> classNames, ImageSource source, byte[] labels)
        : this(name, split, source.Channels, source.Height, source.Width, classNames, labels, (long)source.Count * source.ImageLength)
    {
        if (source.Count != labels.Length) throw new ArgumentException($"{source.Count} files for {labels.Length} labels", nameof(labels));
        this.source = source;
    }

    /// <summary>A dataset of the image files of <paramref name="source"/>, decoded when they are used.</summary>
    internal static Dataset Streamed(string name, DatasetSplit split, IReadOnlyList<string> classNames, ImageSource source, byte[] labels) =>
        new(name, split, classNames, source, labels);

    private Dataset(string name, DatasetSplit split, int channels, int height, int width,
        IReadOnlyList<string> classNames, byte[] labels, long storedLength)
    {
        if (channels <= 0 || height <= 0 || width <= 0)
            throw new ArgumentException($"image shape {channels}x{height}x{width} must be positive");
        if (classNames.Count is 0 or > 256) throw new ArgumentException("between 1 and 256 classes are needed", nameof(classNames));
        long imageLength = (long)channels * height * width;
        if (storedLength != labels.LongLength * imageLength)
            throw new ArgumentException($"{labels.Length} images of {imageLength} values need {labels.LongLength * imageLength} values, got {storedLength}");
        int bad = classNames.Count == 256 ? -1 : labels.AsSpan().IndexOfAnyInRange((byte)classNames.Count, byte.MaxValue);
        if (bad >= 0) throw new ArgumentException($"label {labels[bad]} at index {bad} is not below the class count {classNames.Count}");

        Name = name;
        Split = split;
        Channels = channels;
        Height = height;
        Width = width;
        ClassNames = classNames.ToArray();
        Labels = labels;
    }

    /// <summary>
    /// A dataset of float32 inputs, <paramref name="values"/> in CHW order per image like <see cref="Pixels"/>;
    /// every value must be finite.
    /// </summary>
    public static Dataset FromValues(string name, DatasetSplit split, int channels, int height, int width,
        IReadOnlyList<string> classNames, float[] values, byte[] labels)
    {
        int bad = FloatConvert.FirstNonFinite(values);
        if (bad >= 0) throw new ArgumentException($"value {values[bad]} at index {bad} is not finite", nameof(values));
        return new Dataset(name, split, channels, height, width, classNames, values, labels, FloatConvert.Range(values));
    }

    public string Name { get; }
    public DatasetSplit Split { get; }
    public int Count => Labels.Length;
    public int Channels { get; }
    public int Height { get; }
    public int Width { get; }
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>
    /// Count·Channels·Height·Width bytes, CHW per image. For a float dataset these are the display bytes of
    /// <see cref="Image"/>, made (and then kept) on first use.
    /// </summary>
    public byte[] Pixels => source is not null
        ? throw new InvalidOperationException($"{this} is streamed from its files; read its images one at a time or call {nameof(Load)}")
        : pixels ?? LazyInitializer.EnsureInitialized(ref pixels, DisplayBytes);

    /// <summary>Whether the images are decoded from files as they are used rather than held in memory.</summary>
    public bool IsStreamed => source is not null;

    /// <summary>The files of a streamed dataset; null for one in memory.</summary>
    internal ImageSource? Source => source;

    /// <summary>A streamed dataset's images decoded into memory (every one at once); any other dataset as it is.</summary>
    public Dataset Load()
    {
        if (source is null) return this;
        var bytes = new byte[(long)Count * ImageLength];
        source.ReadBatch([.. Enumerable.Range(0, Count)], 0, Count, bytes, new bool[Count], Compute.Threads);
        return With(bytes, Labels, ClassNames);
    }

    /// <summary>The float32 inputs, Count·Channels·Height·Width values in CHW order per image; null for byte images.</summary>
    public float[]? Values { get; }

    /// <summary>One class index per image, each below <see cref="ClassNames"/>.Count.</summary>
    public byte[] Labels { get; }

    /// <summary>Bytes per image: Channels·Height·Width.</summary>
    public int ImageLength => Channels * Height * Width;

    /// <summary>
    /// Image <paramref name="index"/> as bytes, for drawing. Byte images are returned as stored; float images are
    /// scaled min–max over the whole dataset: round(255·(v − min)/(max − min)), 0 when every value is the same.
    /// Slices and subsets keep the range of the dataset they came from, so an image always looks the same.
    /// </summary>
    public ReadOnlySpan<byte> Image(int index)
    {
        if (source is not null)
        {
            var decoded = new byte[ImageLength];
            source.Read(index, decoded);
            return decoded;
        }
        if (Values is null || pixels is not null) return Pixels.AsSpan(checked(index * ImageLength), ImageLength);
        // One float image converted alone: drawing a few samples does not make display bytes for the whole dataset.
        var bytes = new byte[ImageLength];
        FloatConvert.ToBytes(ImageValues(index), bytes, valueRange.Min, valueRange.Max);
        return bytes;
    }

    /// <summary>Image <paramref name="index"/>'s float32 inputs; only for a float dataset.</summary>
    public ReadOnlySpan<float> ImageValues(int index) =>
        (Values ?? throw new InvalidOperationException($"{this} holds bytes, not float values")).AsSpan(checked(index * ImageLength), ImageLength);

    /// <summary>The images <paramref name="start"/> .. start+count−1, copied.</summary>
    public Dataset Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (start > Count - count) throw new ArgumentOutOfRangeException(nameof(count), $"{start}+{count} is past the {Count} images");
        byte[] labels = Labels.AsSpan(start, count).ToArray();
        if (source is not null) return new(Name, Split, ClassNames, source.Subset([.. Enumerable.Range(start, count)]), labels);
        return Values is null
            ? With(Pixels.AsSpan(start * ImageLength, count * ImageLength).ToArray(), labels, ClassNames)
            : WithValues(Values.AsSpan(start * ImageLength, count * ImageLength).ToArray(), labels, ClassNames, valueRange);
    }

    /// <summary>The images at <paramref name="indices"/>, in that order (repeats allowed), copied.</summary>
    public Dataset Subset(IEnumerable<int> indices)
    {
        int[] idx = indices.ToArray();
        var labels = new byte[idx.Length];
        for (int k = 0; k < idx.Length; k++)
        {
            if ((uint)idx[k] >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(indices), $"index {idx[k]} is outside 0..{Count - 1}");
            labels[k] = Labels[idx[k]];
        }
        if (source is not null) return new(Name, Split, ClassNames, source.Subset(idx), labels);
        if (Values is not null)
        {
            var values = new float[(long)idx.Length * ImageLength];
            for (int k = 0; k < idx.Length; k++) ImageValues(idx[k]).CopyTo(values.AsSpan(k * ImageLength, ImageLength));
            return WithValues(values, labels, ClassNames, valueRange);
        }
        var subset = new byte[(long)idx.Length * ImageLength];
        for (int k = 0; k < idx.Length; k++) Image(idx[k]).CopyTo(subset.AsSpan(k * ImageLength, ImageLength));
        return With(subset, labels, ClassNames);
    }

    /// <summary>
    /// The images whose label is one of <paramref name="classes"/>, in their original order. With
    /// <paramref name="relabel"/> the labels become positions in <paramref name="classes"/> (so a model
    /// needs only that many outputs) and the class names follow; otherwise labels and names are unchanged.
    /// </summary>
    public Dataset FilterClasses(IEnumerable<int> classes, bool relabel = false)
    {
        int[] keep = classes.ToArray();
        if (keep.Length == 0) throw new ArgumentException("no classes given", nameof(classes));
        if (keep.Distinct().Count() != keep.Length) throw new ArgumentException("a class is listed twice", nameof(classes));
        var newLabel = new int[ClassNames.Count];
        Array.Fill(newLabel, -1);
        for (int k = 0; k < keep.Length; k++)
        {
            if ((uint)keep[k] >= (uint)ClassNames.Count)
                throw new ArgumentOutOfRangeException(nameof(classes), $"class {keep[k]} is outside 0..{ClassNames.Count - 1}");
            newLabel[keep[k]] = relabel ? k : keep[k];
        }

        var indices = new List<int>();
        for (int i = 0; i < Count; i++) if (newLabel[Labels[i]] >= 0) indices.Add(i);
        Dataset picked = Subset(indices);
        if (!relabel) return picked;
        byte[] labels = picked.Labels.Select(l => (byte)newLabel[l]).ToArray();
        string[] names = keep.Select(c => ClassNames[c]).ToArray();
        if (picked.source is not null) return new(Name, Split, names, picked.source, labels);
        return picked.Values is null ? With(picked.Pixels, labels, names) : WithValues(picked.Values, labels, names, valueRange);
    }

    /// <summary>
    /// This dataset's images followed by <paramref name="other"/>'s (same shape, classes and storage), copied;
    /// float images are displayed over the union of the two ranges.
    /// </summary>
    public Dataset Concat(Dataset other)
    {
        if (other.ImageLength != ImageLength || !other.ClassNames.SequenceEqual(ClassNames) || (other.Values is null) != (Values is null))
            throw new ArgumentException($"{other} does not have the images and classes of {this}", nameof(other));
        if (source is not null || other.source is not null) throw new ArgumentException("streamed datasets are not joined; load them first", nameof(other));
        if (Values is not null)
            return WithValues([.. Values, .. other.Values!], [.. Labels, .. other.Labels], ClassNames,
                (Math.Min(valueRange.Min, other.valueRange.Min), Math.Max(valueRange.Max, other.valueRange.Max)));
        return With([.. Pixels, .. other.Pixels], [.. Labels, .. other.Labels], ClassNames);
    }

    /// <summary>
    /// The images with their one channel repeated <paramref name="channels"/> times (gray images for a model that takes
    /// RGB), copied; the labels are shared.
    /// </summary>
    public Dataset RepeatChannel(int channels)
    {
        if (Channels != 1) throw new ArgumentException($"only one-channel images can be repeated; these have {Channels}", nameof(channels));
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        int plane = Height * Width;
        if (source is not null) return new(Name, Split, ClassNames, source.Repeated(channels), Labels);
        if (Values is not null)
        {
            var values = new float[(long)Count * channels * plane];
            for (int i = 0; i < Count; i++)
                for (int c = 0; c < channels; c++) ImageValues(i).CopyTo(values.AsSpan((i * channels + c) * plane, plane));
            return new(Name, Split, channels, Height, Width, ClassNames, values, Labels, valueRange);
        }
        var pixels = new byte[(long)Count * channels * plane];
        for (int i = 0; i < Count; i++)
            for (int c = 0; c < channels; c++) Image(i).CopyTo(pixels.AsSpan((i * channels + c) * plane, plane));
        return new(Name, Split, channels, Height, Width, ClassNames, pixels, Labels);
    }

    /// <summary>How many images carry each label.</summary>
    public int[] ClassCounts()
    {
        var counts = new int[ClassNames.Count];
        foreach (byte l in Labels) counts[l]++;
        return counts;
    }

    /// <summary>The same images (shared, not copied) with other labels, one per image.</summary>
    public Dataset WithLabels(byte[] labels)
    {
        if (labels.Length != Count) throw new ArgumentException($"{labels.Length} labels for {Count} images", nameof(labels));
        if (source is not null) return new(Name, Split, ClassNames, source, labels);
        return Values is null ? With(Pixels, labels, ClassNames) : WithValues(Values, labels, ClassNames, valueRange);
    }

    public override string ToString() => $"{Name} {Split.ToString().ToLowerInvariant()}: {Count} images {Channels}x{Height}x{Width}, {ClassNames.Count} classes";

    private Dataset With(byte[] pixels, byte[] labels, IReadOnlyList<string> classNames) =>
        new(Name, Split, Channels, Height, Width, classNames, pixels, labels);

    private Dataset WithValues(float[] values, byte[] labels, IReadOnlyList<string> classNames, (float Min, float Max) range) =>
        new(Name, Split, Channels, Height, Width, classNames, values, labels, range);

    private byte[] DisplayBytes()
    {
        var bytes = new byte[Values!.Length];
        FloatConvert.ToBytes(Values, bytes, valueRange.Min, valueRange.Max);
        return bytes;
    }
}
