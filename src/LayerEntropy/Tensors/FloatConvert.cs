using System.Numerics.Tensors;

namespace LayerEntropy.Tensors;

/// <summary>
/// The float32 counterpart of <see cref="ByteConvert"/> for inputs stored as floats: the same
/// dst[i] = (src[i] − offset) / divisor, and the min–max scaling that turns stored values into display bytes.
/// </summary>
internal static class FloatConvert
{
    /// <summary>dst[i] = (src[i] − offset) / divisor, a true division per value like <see cref="ByteConvert.ToFloat"/>.</summary>
    public static void Standardize(ReadOnlySpan<float> src, Span<float> dst, float offset, float divisor)
    {
        if (dst.Length < src.Length) throw new ArgumentException("destination shorter than source", nameof(dst));
        dst = dst[..src.Length];
        TensorPrimitives.Subtract(src, offset, dst);
        TensorPrimitives.Divide(dst, divisor, dst);
    }

    /// <summary>The naive loop <see cref="Standardize"/> must match bit for bit.</summary>
    public static void StandardizeReference(ReadOnlySpan<float> src, Span<float> dst, float offset, float divisor)
    {
        for (int i = 0; i < src.Length; i++) dst[i] = (src[i] - offset) / divisor;
    }

    /// <summary>The index of the first NaN or infinite value, or −1.</summary>
    public static int FirstNonFinite(ReadOnlySpan<float> values)
    {
        for (int i = 0; i < values.Length; i++)
            if (!float.IsFinite(values[i])) return i;
        return -1;
    }

    /// <summary>The smallest and largest value (finite values expected); (0, 0) for an empty span.</summary>
    public static (float Min, float Max) Range(ReadOnlySpan<float> values) =>
        values.IsEmpty ? (0f, 0f) : (TensorPrimitives.Min(values), TensorPrimitives.Max(values));

    /// <summary>
    /// dst[i] = round(255·(src[i] − min)/(max − min)), clamped to 0..255 (ties to even); every value 0 when
    /// max ≤ min. Computed in double so the result does not depend on the vector width.
    /// </summary>
    public static void ToBytes(ReadOnlySpan<float> src, Span<byte> dst, float min, float max)
    {
        if (dst.Length < src.Length) throw new ArgumentException("destination shorter than source", nameof(dst));
        if (!(max > min))
        {
            dst[..src.Length].Clear();
            return;
        }
        double factor = 255.0 / ((double)max - min);
        for (int i = 0; i < src.Length; i++)
            dst[i] = (byte)Math.Clamp(Math.Round((src[i] - (double)min) * factor), 0, 255);
    }
}
