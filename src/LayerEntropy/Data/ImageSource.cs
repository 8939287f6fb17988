using System.Collections.Concurrent;

namespace LayerEntropy.Data;

/// <summary>
/// The image files behind a streamed <see cref="Dataset"/>: a list of paths and the transform each goes through. Nothing
/// is held but the list; an image is decoded when it is asked for. Every image must come out of the transform with the
/// shape of the first file's; one-channel images can be repeated into more channels.
/// </summary>
internal sealed class ImageSource
{
    private readonly string[] files;

    // Files that could not be read and were skipped, shared by every subset of one source.
    private readonly ConcurrentDictionary<string, string> skipped;

    private ImageSource(string[] files, ImageTransform transform, string firstFile, int storedChannels, int height, int width,
        int channels, bool skipBad, ConcurrentDictionary<string, string> skipped)
    {
        this.files = files;
        Transform = transform;
        FirstFile = firstFile;
        StoredChannels = storedChannels;
        Height = height;
        Width = width;
        Channels = channels;
        SkipBad = skipBad;
        this.skipped = skipped;
    }

    /// <summary>
    /// A source over <paramref name="files"/> whose shape is that of the first file after the transform, read now so an
    /// unreadable first file fails at once; with <paramref name="skipBad"/> the first readable file, the others before
    /// it counted as skipped.
    /// </summary>
    public static ImageSource Open(IReadOnlyList<string> files, ImageTransform transform, bool skipBad, string folder)
    {
        var skipped = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        foreach (string file in files)
        {
            try
            {
                var (width, height, channels, _) = ImageFile.Read(file, transform);
                return new ImageSource([.. files], transform, file, channels, height, width, channels, skipBad, skipped);
            }
            catch (LayerEntropyException e) when (skipBad)
            {
                skipped.TryAdd(file, e.Message);
            }
        }
        throw LayerEntropyException.ForFile(folder, $"none of its {files.Count} image files could be read");
    }

    public ImageTransform Transform { get; }

    /// <summary>The file whose shape every other image must have.</summary>
    public string FirstFile { get; }

    /// <summary>Channels of each decoded image, before any repeat.</summary>
    public int StoredChannels { get; }

    public int Height { get; }
    public int Width { get; }

    /// <summary>Channels of each image as given out: <see cref="StoredChannels"/> or its repeat.</summary>
    public int Channels { get; }

    /// <summary>Whether an unreadable image is skipped (and counted) instead of failing the run.</summary>
    public bool SkipBad { get; }

    public int Count => files.Length;

    public string File(int index) => files[index];

    public int ImageLength => Channels * Height * Width;

    /// <summary>The files skipped as unreadable so far, in ordinal order, each with why.</summary>
    public IReadOnlyList<(string File, string Problem)> Skipped =>
        [.. skipped.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value))];

    /// <summary>The manifest's note on the files skipped as unreadable; null when none was.</summary>
    public string? SkippedNote()
    {
        var list = Skipped;
        if (list.Count == 0) return null;
        return $"{list.Count} unreadable image{(list.Count == 1 ? " was" : "s were")} skipped (--skip-bad): first {list[0].Problem}";
    }

    /// <summary>The files at <paramref name="indices"/>, in that order.</summary>
    public ImageSource Subset(IReadOnlyList<int> indices) =>
        new([.. indices.Select(i => files[i])], Transform, FirstFile, StoredChannels, Height, Width, Channels, SkipBad, skipped);

    /// <summary>The same files with their one channel repeated <paramref name="channels"/> times.</summary>
    public ImageSource Repeated(int channels) =>
        new(files, Transform, FirstFile, StoredChannels, Height, Width, channels, SkipBad, skipped);

    /// <summary>
    /// Decodes image <paramref name="index"/> into <paramref name="target"/> (<see cref="ImageLength"/> bytes). False when
    /// the file is unreadable and <see cref="SkipBad"/> is set: the target is then zeros and the file is counted.
    /// A readable image of another shape than the first is an error either way.
    /// </summary>
    public bool Read(int index, Span<byte> target)
    {
        string path = files[index];
        int width, height, channels;
        byte[] pixels;
        try
        {
            (width, height, channels, pixels) = ImageFile.Read(path, Transform);
        }
        catch (LayerEntropyException e) when (SkipBad)
        {
            skipped.TryAdd(path, e.Message);
            target.Clear();
            return false;
        }
        if (width != Width || height != Height || channels != StoredChannels)
            throw LayerEntropyException.ForSetting($"{path}: image is {Shape(channels, height, width)} but {FirstFile} is {Shape(StoredChannels, Height, Width)}; every image must have the same size and channels (give {new SettingName("AnalyzeSettings", "Resize")} and {new SettingName("AnalyzeSettings", "CenterCrop")} to bring them to one size, {new SettingName("AnalyzeSettings", "Color")} to one color mode)");
        int plane = Height * Width;
        for (int c = 0; c < Channels; c++)
            pixels.AsSpan(StoredChannels == Channels ? c * plane : 0, plane).CopyTo(target.Slice(c * plane, plane));
        return true;
    }

    /// <summary>
    /// Decodes the images <paramref name="order"/>[start .. start + count) into <paramref name="bytes"/> (the k-th at
    /// k·<see cref="ImageLength"/>) on up to <paramref name="workers"/> threads, marking in <paramref name="skipped"/> those
    /// skipped as unreadable. Throws the error of the first failing image in order, whatever the threads' timing.
    /// </summary>
    public void ReadBatch(int[] order, int start, int count, byte[] bytes, bool[] skipped, int workers, CancellationToken cancel = default)
    {
        var errors = new Exception?[count];
        int length = ImageLength;
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers), CancellationToken = cancel }, k =>
        {
            try
            {
                skipped[k] = !Read(order[start + k], bytes.AsSpan(checked(k * length), length));
            }
            catch (Exception e)
            {
                errors[k] = e;
            }
        });
        if (errors.FirstOrDefault(e => e is not null) is { } error) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
    }

    private static string Shape(int channels, int height, int width) =>
        $"{width}x{height} with {channels} channel{(channels == 1 ? "" : "s")}";
}
