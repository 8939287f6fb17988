using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LayerEntropy.Tensors;

/// <summary>
/// Transposes an 8×8 block of floats with AVX shuffles: 8 loads, 24 shuffles and 8 stores instead of 64 scalar
/// moves with strided stores. <see cref="GemmPack"/> uses it wherever packing reads across rows.
/// </summary>
internal static unsafe class Transpose8x8
{
    public static bool IsSupported => Avx.IsSupported;

    /// <summary>d[j·dstStride + i] = s[i·srcStride + j] for i, j in 0..8.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run(float* s, nint srcStride, float* d, nint dstStride)
    {
        Vector256<float> r0 = Avx.LoadVector256(s), r1 = Avx.LoadVector256(s + srcStride);
        Vector256<float> r2 = Avx.LoadVector256(s + 2 * srcStride), r3 = Avx.LoadVector256(s + 3 * srcStride);
        Vector256<float> r4 = Avx.LoadVector256(s + 4 * srcStride), r5 = Avx.LoadVector256(s + 5 * srcStride);
        Vector256<float> r6 = Avx.LoadVector256(s + 6 * srcStride), r7 = Avx.LoadVector256(s + 7 * srcStride);

        // Within each 128-bit lane: interleave pairs of rows, then pairs of pairs, giving 4×4 transposes per lane.
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);

        // Then join the low lanes (columns 0..3) and the high lanes (columns 4..7) of rows 0..3 and 4..7.
        Avx.Store(d, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(d + dstStride, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(d + 2 * dstStride, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(d + 3 * dstStride, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(d + 4 * dstStride, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(d + 5 * dstStride, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(d + 6 * dstStride, Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(d + 7 * dstStride, Avx.Permute2x128(u3, u7, 0x31));
    }
}
