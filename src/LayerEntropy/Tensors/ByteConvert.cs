using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LayerEntropy.Tensors;

/// <summary>
/// Widens stored uint8 pixels to float32: dst[i] = (src[i] − offset) / divisor.
/// With offset 0 and divisor 255 this is the plain [0, 1] scaling, exact at both ends (255 → 1.0f);
/// per-channel normalisation (x/255 − mean)/std is offset = 255·mean, divisor = 255·std.
/// </summary>
internal static class ByteConvert
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ToFloat(ReadOnlySpan<byte> src, Span<float> dst, float offset, float divisor)
    {
        if (dst.Length < src.Length) throw new ArgumentException("destination shorter than source", nameof(dst));
        ref byte s = ref MemoryMarshal.GetReference(src);
        ref float d = ref MemoryMarshal.GetReference(dst);
        int n = src.Length, i = 0;

        // A true division (not a multiply by 1/divisor) so every lane rounds exactly like the scalar tail and the reference.
        if (Vector256.IsHardwareAccelerated)
        {
            var off = Vector256.Create(offset);
            var div = Vector256.Create(divisor);
            for (; i <= n - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                var (lo, hi) = Vector256.Widen(Vector256.LoadUnsafe(ref s, (nuint)i));
                var (a, b) = Vector256.Widen(lo);
                var (c, e) = Vector256.Widen(hi);
                ((Vector256.ConvertToSingle(a.AsInt32()) - off) / div).StoreUnsafe(ref d, (nuint)i);
                ((Vector256.ConvertToSingle(b.AsInt32()) - off) / div).StoreUnsafe(ref d, (nuint)(i + 8));
                ((Vector256.ConvertToSingle(c.AsInt32()) - off) / div).StoreUnsafe(ref d, (nuint)(i + 16));
                ((Vector256.ConvertToSingle(e.AsInt32()) - off) / div).StoreUnsafe(ref d, (nuint)(i + 24));
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            var off = Vector128.Create(offset);
            var div = Vector128.Create(divisor);
            for (; i <= n - Vector128<byte>.Count; i += Vector128<byte>.Count)
            {
                var (lo, hi) = Vector128.Widen(Vector128.LoadUnsafe(ref s, (nuint)i));
                var (a, b) = Vector128.Widen(lo);
                var (c, e) = Vector128.Widen(hi);
                ((Vector128.ConvertToSingle(a.AsInt32()) - off) / div).StoreUnsafe(ref d, (nuint)i);
                ((Vector128.ConvertToSingle(b.AsInt32()) - off) / div).StoreUnsafe(ref d, (nuint)(i + 4));
                ((Vector128.ConvertToSingle(c.AsInt32()) - off) / div).StoreUnsafe(ref d, (nuint)(i + 8));
                ((Vector128.ConvertToSingle(e.AsInt32()) - off) / div).StoreUnsafe(ref d, (nuint)(i + 12));
            }
        }
        for (; i < n; i++) dst[i] = (src[i] - offset) / divisor;
    }

    /// <summary>The naive loop the vector path must match bit for bit.</summary>
    public static void ToFloatReference(ReadOnlySpan<byte> src, Span<float> dst, float offset, float divisor)
    {
        for (int i = 0; i < src.Length; i++) dst[i] = ((float)src[i] - offset) / divisor;
    }
}
