namespace LayerEntropy.Data;

/// <summary>
/// Labelled images kept as the raw uint8 bytes they were stored in (a quarter of the memory of float32);
/// <see cref="BatchLoader"/> converts one batch at a time. Image i occupies
/// <c>Pixels[i·ImageLength .. (i+1)·ImageLength)</c> in channel, row, column order (CHW).
/// </summary>
public sealed class Dataset
{
    public Dataset(string name, DatasetSplit split, int channels, int height, int width,
        IReadOnlyList<string> classNames, byte[] pixels, byte[] labels)
    {
        if (channels <= 0 || height <= 0 || width <= 0)
            throw new ArgumentException($"image shape {channels}x{height}x{width} must be positive");
        if (classNames.Count is 0 or > 256) throw new ArgumentException("between 1 and 256 classes are needed", nameof(classNames));
        long imageLength = (long)channels * height * width;
        if (pixels.LongLength != labels.LongLength * imageLength)
            throw new ArgumentException($"{labels.Length} images of {imageLength} bytes need {labels.LongLength * imageLength} pixel bytes, got {pixels.Length}");
        int bad = classNames.Count == 256 ? -1 : labels.AsSpan().IndexOfAnyInRange((byte)classNames.Count, byte.MaxValue);
        if (bad >= 0) throw new ArgumentException($"label {labels[bad]} at index {bad} is not below the class count {classNames.Count}");

        Name = name;
        Split = split;
        Channels = channels;
        Height = height;
        Width = width;
        ClassNames = classNames.ToArray();
        Pixels = pixels;
        Labels = labels;
    }

    public string Name { get; }
    public DatasetSplit Split { get; }
    public int Count => Labels.Length;
    public int Channels { get; }
    public int Height { get; }
    public int Width { get; }
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Count·Channels·Height·Width bytes, CHW per image.</summary>
    public byte[] Pixels { get; }

    /// <summary>One class index per image, each below <see cref="ClassNames"/>.Count.</summary>
    public byte[] Labels { get; }

    /// <summary>Bytes per image: Channels·Height·Width.</summary>
    public int ImageLength => Channels * Height * Width;

    public ReadOnlySpan<byte> Image(int index) => Pixels.AsSpan(checked(index * ImageLength), ImageLength);

    /// <summary>The images <paramref name="start"/> .. start+count−1, copied.</summary>
    public Dataset Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (start > Count - count) throw new ArgumentOutOfRangeException(nameof(count), $"{start}+{count} is past the {Count} images");
        return With(Pixels.AsSpan(start * ImageLength, count * ImageLength).ToArray(), Labels.AsSpan(start, count).ToArray(), ClassNames);
    }

    /// <summary>The images at <paramref name="indices"/>, in that order (repeats allowed), copied.</summary>
    public Dataset Subset(IEnumerable<int> indices)
    {
        int[] idx = indices.ToArray();
        var pixels = new byte[(long)idx.Length * ImageLength];
        var labels = new byte[idx.Length];
        for (int k = 0; k < idx.Length; k++)
        {
            if ((uint)idx[k] >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(indices), $"index {idx[k]} is outside 0..{Count - 1}");
            Image(idx[k]).CopyTo(pixels.AsSpan(k * ImageLength, ImageLength));
            labels[k] = Labels[idx[k]];
        }
        return With(pixels, labels, ClassNames);
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
        return With(picked.Pixels, labels, keep.Select(c => ClassNames[c]).ToArray());
    }

    /// <summary>This dataset's images followed by <paramref name="other"/>'s (same shape and classes), copied.</summary>
    public Dataset Concat(Dataset other)
    {
        if (other.ImageLength != ImageLength || !other.ClassNames.SequenceEqual(ClassNames))
            throw new ArgumentException($"{other} does not have the images and classes of {this}", nameof(other));
        return With([.. Pixels, .. other.Pixels], [.. Labels, .. other.Labels], ClassNames);
    }

    /// <summary>How many images carry each label.</summary>
    public int[] ClassCounts()
    {
        var counts = new int[ClassNames.Count];
        foreach (byte l in Labels) counts[l]++;
        return counts;
    }

    public override string ToString() => $"{Name} {Split.ToString().ToLowerInvariant()}: {Count} images {Channels}x{Height}x{Width}, {ClassNames.Count} classes";

    private Dataset With(byte[] pixels, byte[] labels, IReadOnlyList<string> classNames) =>
        new(Name, Split, Channels, Height, Width, classNames, pixels, labels);
}
