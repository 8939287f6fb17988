using System.Runtime.CompilerServices;

namespace LayerEntropy.Tensors;

/// <summary>
/// The per-pixel loops that turn decoded image rows into channel planes, with Pillow's conversions, and that cut
/// torchvision's centre crop out of planes.
/// </summary>
internal static class ImagePixels
{
    /// <summary>Pillow's luma of an RGB pixel (its <c>convert("L")</c>): (19595 R + 38470 G + 7471 B + 2¹⁵) >> 16.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte Luma(byte r, byte g, byte b) => (byte)((19595 * r + 38470 * g + 7471 * b + 0x8000) >> 16);

    /// <summary>
    /// Splits one row of interleaved pixels (<paramref name="stride"/> bytes each, red, green and blue first) into
    /// the row <paramref name="y"/> of three planes of <paramref name="width"/> × height bytes, or of one luma plane.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RgbRow(ReadOnlySpan<byte> row, int stride, Span<byte> planes, int width, int height, int y, bool luma)
    {
        int at = y * width, plane = width * height;
        if (luma)
        {
            var dst = planes.Slice(at, width);
            for (int x = 0; x < width; x++) dst[x] = Luma(row[x * stride], row[x * stride + 1], row[x * stride + 2]);
            return;
        }
        var r = planes.Slice(at, width);
        var g = planes.Slice(plane + at, width);
        var b = planes.Slice(2 * plane + at, width);
        for (int x = 0; x < width; x++)
        {
            r[x] = row[x * stride];
            g[x] = row[x * stride + 1];
            b[x] = row[x * stride + 2];
        }
    }

    /// <summary>
    /// Puts one row of gray samples (the first of every <paramref name="stride"/> bytes) into row <paramref name="y"/>
    /// of <paramref name="copies"/> equal planes (three for Pillow's gray-to-RGB, else one).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void GrayRow(ReadOnlySpan<byte> row, int stride, Span<byte> planes, int width, int height, int y, int copies)
    {
        int at = y * width, plane = width * height;
        var dst = planes.Slice(at, width);
        for (int x = 0; x < width; x++) dst[x] = row[x * stride];
        for (int c = 1; c < copies; c++) dst.CopyTo(planes.Slice(c * plane + at, width));
    }

    /// <summary>
    /// One row of 16-bit gray samples (the first of every <paramref name="stride"/> values) clipped to 0..255 as
    /// Pillow converts its 16-bit gray modes to 8 bits, into row <paramref name="y"/> of <paramref name="copies"/> planes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ClippedGrayRow(ReadOnlySpan<ushort> row, int stride, Span<byte> planes, int width, int height, int y, int copies)
    {
        int at = y * width, plane = width * height;
        var dst = planes.Slice(at, width);
        for (int x = 0; x < width; x++) dst[x] = (byte)Math.Min(row[x * stride], (ushort)255);
        for (int c = 1; c < copies; c++) dst.CopyTo(planes.Slice(c * plane + at, width));
    }

    /// <summary>
    /// torchvision's <c>CenterCrop(side)</c> of planes: a side × side square from the middle (the top row
    /// round((height − side) / 2), halves rounding to even), zero-padded where the image is narrower or shorter.
    /// </summary>
    public static byte[] CenterCrop(ReadOnlySpan<byte> planes, int channels, int width, int height, int side)
    {
        var (left, top) = (CropStart(width, side), CropStart(height, side));
        var result = new byte[channels * side * side];
        // The output rows and columns that come from the image; the rest stays zero.
        int x0 = Math.Max(0, -left), x1 = Math.Min(side, width - left);
        int y0 = Math.Max(0, -top), y1 = Math.Min(side, height - top);
        for (int c = 0; c < channels; c++)
            for (int y = y0; y < y1; y++)
                planes.Slice(c * width * height + (top + y) * width + left + x0, x1 - x0)
                    .CopyTo(result.AsSpan(c * side * side + y * side + x0, x1 - x0));
        return result;
    }

    /// <summary>
    /// Where the crop starts along a side of <paramref name="size"/> pixels: round((size − side) / 2) inside, and
    /// minus the leading padding ((side − size) // 2) where torchvision pads first.
    /// </summary>
    internal static int CropStart(int size, int side) =>
        side > size ? -((side - size) / 2) : (int)Math.Round((size - side) / 2.0, MidpointRounding.ToEven);
}
