namespace LayerEntropy.Data;

/// <summary>
/// Reads CIFAR-10 binary batches: records of one label byte (0-9) and 3072 pixel bytes, 1024 red, then
/// 1024 green, then 1024 blue, each channel 32x32 row by row. That is already CHW, so each record's pixels
/// are copied as they are.
/// </summary>
internal static class Cifar10Reader
{
    public const int Side = 32;
    public const int Channels = 3;
    public const int ImageLength = Channels * Side * Side;
    public const int RecordLength = 1 + ImageLength;

    public static readonly string[] ClassNames =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    /// <summary>The records of every file in <paramref name="paths"/>, in order, as one dataset.</summary>
    public static Dataset Read(IReadOnlyList<string> paths, string name, DatasetSplit split)
    {
        long[] counts = paths.Select(RecordCount).ToArray();
        long total = counts.Sum();
        if (total * ImageLength > Array.MaxLength)
            throw LayerEntropyException.ForFile(paths[0], $"{total} records in {paths.Count} files are more than one array can hold");

        var pixels = new byte[total * ImageLength];
        var labels = new byte[total];
        int image = 0;
        for (int f = 0; f < paths.Count; f++)
        {
            ReadRecords(paths[f], pixels, labels, image, (int)counts[f]);
            image += (int)counts[f];
        }
        return new Dataset(name, split, Channels, Side, Side, ClassNames, pixels, labels);
    }

    private static long RecordCount(string path) => FileErrors.Guard(path, () =>
    {
        long length = new FileInfo(path) is { Exists: true } info ? info.Length : throw new FileNotFoundException(null, path);
        if (length == 0 || length % RecordLength != 0)
            throw LayerEntropyException.ForFile(path, $"length {length} bytes is not a whole number of {RecordLength}-byte CIFAR-10 records");
        return length / RecordLength;
    });

    private static void ReadRecords(string path, byte[] pixels, byte[] labels, int first, int count)
    {
        var record = new byte[RecordLength];
        FileErrors.Guard(path, () =>
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
            for (int i = 0; i < count; i++)
            {
                file.ReadExactly(record);
                if (record[0] >= ClassNames.Length)
                    throw LayerEntropyException.ForFile(path, $"label {record[0]} in record {i} is out of range 0-{ClassNames.Length - 1}");
                labels[first + i] = record[0];
                record.AsSpan(1).CopyTo(pixels.AsSpan((first + i) * ImageLength, ImageLength));
            }
            return 0;
        });
    }
}
