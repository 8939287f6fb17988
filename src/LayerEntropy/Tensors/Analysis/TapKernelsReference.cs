namespace LayerEntropy.Tensors;

/// <summary>The plain loops that <see cref="TapKernels"/> is tested against (magnitude's is <c>Measures.MagnitudeOfInput</c>).</summary>
internal static class TapKernelsReference
{
    public static int FiringBits(ReadOnlySpan<float> row, float threshold, Span<ulong> bits)
    {
        bits[..((row.Length + 63) >> 6)].Clear();
        int fired = 0;
        for (int i = 0; i < row.Length; i++)
            if (row[i] > threshold) { bits[i >> 6] |= 1UL << (i & 63); fired++; }
        return fired;
    }

    public static void CountFiring(ReadOnlySpan<float> row, float threshold, Span<int> counts)
    {
        for (int i = 0; i < row.Length; i++)
            if (row[i] > threshold) counts[i]++;
    }

    public static void AddFixedPoint(ReadOnlySpan<float> row, Span<long> sums)
    {
        for (int i = 0; i < row.Length; i++)
        {
            double x = Math.Clamp((double)row[i], -TapKernels.FixedPointLimit, TapKernels.FixedPointLimit);
            sums[i] += (long)Math.Round(x * TapKernels.FixedPointScale, MidpointRounding.ToEven);
        }
    }

    public static void Bin(ReadOnlySpan<float> row, float lo, float hi, int bins, Span<byte> output)
    {
        float scale = hi > lo ? bins / (hi - lo) : 0;
        for (int i = 0; i < row.Length; i++) output[i] = hi > lo ? TapKernels.BinOf(row[i], lo, scale, bins) : (byte)0;
    }
}
