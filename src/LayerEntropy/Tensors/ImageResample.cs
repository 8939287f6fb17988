using System.Runtime.CompilerServices;

namespace LayerEntropy.Tensors;

/// <summary>
/// Pillow's <c>Image.resize(size, BILINEAR)</c> for 8-bit channel planes (its ImagingResample): for each output
/// pixel a triangle filter whose support grows with the downscale factor, weights normalised to sum 1 and rounded
/// to fixed point with 22 fraction bits, a horizontal pass over the rows the vertical pass needs, then a vertical
/// pass, each rounding and clipping to 0..255. Same arithmetic, same bytes as Pillow.
/// </summary>
internal static class ImageResample
{
    private const int PrecisionBits = 32 - 8 - 2;

    /// <summary>The first input index and the count of inputs of each output pixel, and their weights (<c>Size</c> per output).</summary>
    internal readonly record struct Coefficients(int[] First, int[] Count, int[] Weights, int Size);

    /// <summary>Resizes each of <paramref name="channels"/> planes of width × height bytes to outWidth × outHeight.</summary>
    public static byte[] Resize(ReadOnlySpan<byte> planes, int channels, int width, int height, int outWidth, int outHeight)
    {
        if (outWidth < 1 || outHeight < 1) throw new ArgumentOutOfRangeException(nameof(outWidth), "the output must have pixels");
        if (planes.Length != channels * width * height) throw new ArgumentException("planes do not match the size", nameof(planes));
        var result = new byte[channels * outWidth * outHeight];
        if (outWidth == width && outHeight == height)
        {
            planes.CopyTo(result);
            return result;
        }
        var horizontal = Precompute(width, outWidth);
        var vertical = Precompute(height, outHeight);
        // The rows the vertical pass reads: only those are resampled horizontally.
        int rowFirst = vertical.First[0];
        int rowEnd = vertical.First[outHeight - 1] + vertical.Count[outHeight - 1];
        bool needHorizontal = outWidth != width, needVertical = outHeight != height;
        if (!needHorizontal) (rowFirst, rowEnd) = (0, height);
        var temp = needHorizontal ? new byte[outWidth * (rowEnd - rowFirst)] : [];
        for (int c = 0; c < channels; c++)
        {
            var input = planes.Slice(c * width * height, width * height);
            var output = result.AsSpan(c * outWidth * outHeight, outWidth * outHeight);
            ReadOnlySpan<byte> source = input;
            if (needHorizontal)
            {
                Horizontal(input.Slice(rowFirst * width, (rowEnd - rowFirst) * width), width, temp, outWidth, horizontal);
                source = temp;
                if (!needVertical)
                {
                    temp.CopyTo(output);
                    continue;
                }
            }
            Vertical(source, outWidth, rowFirst, output, outHeight, vertical);
        }
        return result;
    }

    /// <summary>Pillow's precompute_coeffs and normalize_coeffs_8bpc for a bilinear filter (support 1).</summary>
    internal static Coefficients Precompute(int inSize, int outSize)
    {
        double scale = (double)inSize / outSize;
        double filterScale = Math.Max(scale, 1.0);
        double support = 1.0 * filterScale;
        int size = (int)Math.Ceiling(support) * 2 + 1;
        var first = new int[outSize];
        var count = new int[outSize];
        var weights = new int[outSize * size];
        var k = new double[size];
        for (int xx = 0; xx < outSize; xx++)
        {
            double center = (xx + 0.5) * scale;
            double ww = 0.0, ss = 1.0 / filterScale;
            int xmin = (int)(center - support + 0.5);
            if (xmin < 0) xmin = 0;
            int xmax = (int)(center + support + 0.5);
            if (xmax > inSize) xmax = inSize;
            xmax -= xmin;
            for (int x = 0; x < xmax; x++)
            {
                double w = Triangle((x + xmin - center + 0.5) * ss);
                k[x] = w;
                ww += w;
            }
            for (int x = 0; x < xmax; x++)
            {
                double w = ww != 0.0 ? k[x] / ww : k[x];
                weights[xx * size + x] = w < 0 ? (int)(-0.5 + w * (1 << PrecisionBits)) : (int)(0.5 + w * (1 << PrecisionBits));
            }
            first[xx] = xmin;
            count[xx] = xmax;
        }
        return new Coefficients(first, count, weights, size);
    }

    private static double Triangle(double x)
    {
        if (x < 0.0) x = -x;
        return x < 1.0 ? 1.0 - x : 0.0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Clip(int sum) =>
        sum >= 1 << PrecisionBits << 8 ? (byte)255 : sum <= 0 ? (byte)0 : (byte)(sum >> PrecisionBits);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Horizontal(ReadOnlySpan<byte> input, int width, Span<byte> output, int outWidth, Coefficients co)
    {
        int rows = input.Length / width;
        for (int y = 0; y < rows; y++)
        {
            var row = input.Slice(y * width, width);
            var dst = output.Slice(y * outWidth, outWidth);
            for (int xx = 0; xx < outWidth; xx++)
            {
                var w = co.Weights.AsSpan(xx * co.Size, co.Count[xx]);
                var src = row.Slice(co.First[xx], w.Length);
                int sum = 1 << (PrecisionBits - 1);
                for (int x = 0; x < w.Length; x++) sum += src[x] * w[x];
                dst[xx] = Clip(sum);
            }
        }
    }

    /// <summary>The vertical pass; <paramref name="input"/> starts at input row <paramref name="rowFirst"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Vertical(ReadOnlySpan<byte> input, int width, int rowFirst, Span<byte> output, int outHeight, Coefficients co)
    {
        var sums = new int[width];
        for (int yy = 0; yy < outHeight; yy++)
        {
            sums.AsSpan().Fill(1 << (PrecisionBits - 1));
            var w = co.Weights.AsSpan(yy * co.Size, co.Count[yy]);
            int top = co.First[yy] - rowFirst;
            for (int y = 0; y < w.Length; y++)
            {
                var row = input.Slice((top + y) * width, width);
                int k = w[y];
                for (int x = 0; x < width; x++) sums[x] += row[x] * k;
            }
            var dst = output.Slice(yy * width, width);
            for (int x = 0; x < width; x++) dst[x] = Clip(sums[x]);
        }
    }
}
