using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LayerEntropy.Tensors;

/// <summary>
/// The 6×16 AVX2+FMA micro-kernel: 12 ymm accumulators, two B loads and six A broadcasts per step of k,
/// so the 12 FMAs of a step are independent and keep both FMA ports busy through the 4-cycle latency.
/// </summary>
internal readonly struct Avx2Kernel : IGemmKernel
{
    public static int MR => 6;
    public static int NR => 16;

    // KC·NR·4 B = 16 KiB of B panel and KC·MR·4 B = 6 KiB of A panel sit in the 48 KiB L1d;
    // MC·KC·4 B = 384 KiB of packed A leaves most of the 2 MiB L2 for streaming B panels and C.
    public static int MC => 384;
    public static int KC => 256;
    public static int NC => 4096;

    public static bool IsSupported => Avx2.IsSupported && Fma.IsSupported;
    public static bool Fused => true;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Run(int kc, float* a, float* b, float* c, nint ldc, float alpha, float beta)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector256<float> b0 = Avx.LoadVector256(b);
            Vector256<float> b1 = Avx.LoadVector256(b + 8);
            Vector256<float> ai = Avx.BroadcastScalarToVector256(a);
            c00 = Fma.MultiplyAdd(ai, b0, c00);
            c01 = Fma.MultiplyAdd(ai, b1, c01);
            ai = Avx.BroadcastScalarToVector256(a + 1);
            c10 = Fma.MultiplyAdd(ai, b0, c10);
            c11 = Fma.MultiplyAdd(ai, b1, c11);
            ai = Avx.BroadcastScalarToVector256(a + 2);
            c20 = Fma.MultiplyAdd(ai, b0, c20);
            c21 = Fma.MultiplyAdd(ai, b1, c21);
            ai = Avx.BroadcastScalarToVector256(a + 3);
            c30 = Fma.MultiplyAdd(ai, b0, c30);
            c31 = Fma.MultiplyAdd(ai, b1, c31);
            ai = Avx.BroadcastScalarToVector256(a + 4);
            c40 = Fma.MultiplyAdd(ai, b0, c40);
            c41 = Fma.MultiplyAdd(ai, b1, c41);
            ai = Avx.BroadcastScalarToVector256(a + 5);
            c50 = Fma.MultiplyAdd(ai, b0, c50);
            c51 = Fma.MultiplyAdd(ai, b1, c51);
            a += 6;
            b += 16;
        }

        Vector256<float> va = Vector256.Create(alpha);
        Store(c, c00, c01, va, beta);
        Store(c + ldc, c10, c11, va, beta);
        Store(c + 2 * ldc, c20, c21, va, beta);
        Store(c + 3 * ldc, c30, c31, va, beta);
        Store(c + 4 * ldc, c40, c41, va, beta);
        Store(c + 5 * ldc, c50, c51, va, beta);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Store(float* c, Vector256<float> lo, Vector256<float> hi, Vector256<float> alpha, float beta)
    {
        if (beta == 0)
        {
            // C's old contents are ignored (they may be NaN), as BLAS defines beta = 0.
            Avx.Store(c, Avx.Multiply(alpha, lo));
            Avx.Store(c + 8, Avx.Multiply(alpha, hi));
        }
        else
        {
            Vector256<float> vb = Vector256.Create(beta);
            Avx.Store(c, Fma.MultiplyAdd(alpha, lo, Avx.Multiply(vb, Avx.LoadVector256(c))));
            Avx.Store(c + 8, Fma.MultiplyAdd(alpha, hi, Avx.Multiply(vb, Avx.LoadVector256(c + 8))));
        }
    }
}
