namespace LayerEntropy.Analysis;

/// <summary>
/// Keeps the sample images of analysis.json small: an image more than <see cref="MaxSide"/> pixels high or wide is
/// stored shrunk, aspect kept, to fit <see cref="MaxSide"/> × <see cref="MaxSide"/> per channel (a 3×224×224 input
/// is kept as 3×64×64). The activation maps draw it in a cell of about 100 pixels, so nothing visible is lost, while
/// a 224×224 RGB image written as numbers would take some 600 kB per sample.
/// </summary>
internal static class SampleImages
{
    public const int MaxSide = 64;

    /// <summary>
    /// The (rows, columns) an image of <paramref name="height"/> × <paramref name="width"/> is stored at: itself when
    /// it fits, else the longer side <see cref="MaxSide"/> and the other in proportion, rounded, at least 1.
    /// </summary>
    public static (int Height, int Width) StoredSize(int height, int width)
    {
        if (height <= MaxSide && width <= MaxSide) return (height, width);
        int longer = Math.Max(height, width);
        int Side(int n) => Math.Max(1, (int)Math.Round((double)n * MaxSide / longer, MidpointRounding.AwayFromZero));
        return (Side(height), Side(width));
    }

    /// <summary>
    /// The area average of a channel-major image at <paramref name="toHeight"/> × <paramref name="toWidth"/>: each
    /// output pixel is the mean of the input area it covers, partly covered pixels weighted by the part covered,
    /// rounded half up. Exact in integers: measured in units of 1/toWidth of an input pixel, input pixel x spans
    /// [x·toWidth, (x+1)·toWidth) and output pixel X spans [X·width, (X+1)·width), so every overlap is a whole number
    /// (and likewise down the rows).
    /// </summary>
    public static byte[] Downscale(ReadOnlySpan<byte> image, int channels, int height, int width, int toHeight, int toWidth)
    {
        if (image.Length != channels * height * width) throw new ArgumentException($"{image.Length} bytes are not a {channels}×{height}×{width} image", nameof(image));
        var rows = Overlaps(height, toHeight);
        var columns = Overlaps(width, toWidth);
        long total = (long)height * width;
        var result = new byte[channels * toHeight * toWidth];
        for (int c = 0; c < channels; c++)
        {
            var plane = image.Slice(c * height * width, height * width);
            for (int y = 0; y < toHeight; y++)
                for (int x = 0; x < toWidth; x++)
                {
                    long sum = 0;
                    foreach (var (row, wy) in rows[y])
                        foreach (var (column, wx) in columns[x])
                            sum += (long)wy * wx * plane[row * width + column];
                    result[(c * toHeight + y) * toWidth + x] = (byte)((2 * sum + total) / (2 * total));
                }
        }
        return result;
    }

    /// <summary>For each of <paramref name="to"/> output pixels along an axis of <paramref name="from"/>, the input pixels it covers and by how much.</summary>
    private static List<(int Index, int Weight)>[] Overlaps(int from, int to)
    {
        var overlaps = new List<(int, int)>[to];
        for (int o = 0; o < to; o++)
        {
            overlaps[o] = [];
            long start = (long)o * from, end = start + from;
            for (int i = (int)(start / to); i < from && (long)i * to < end; i++)
            {
                long weight = Math.Min(end, (long)(i + 1) * to) - Math.Max(start, (long)i * to);
                if (weight > 0) overlaps[o].Add((i, (int)weight));
            }
        }
        return overlaps;
    }
}
