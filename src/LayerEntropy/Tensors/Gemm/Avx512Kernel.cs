using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LayerEntropy.Tensors;

/// <summary>
/// The 8×32 AVX-512 micro-kernel: <see cref="Avx2Kernel"/>'s schedule on 512-bit registers (16 zmm accumulators,
/// two B loads and eight A broadcasts per step of k), twice the flops per instruction where both FMA ports take zmm.
/// Eight rows rather than six because batch sizes are usually multiples of 8 (no edge tiles) and A panels then
/// pack with <see cref="Transpose8x8"/>.
/// </summary>
internal readonly struct Avx512Kernel : IGemmKernel
{
    public static int MR => 8;
    public static int NR => 32;

    // KC·NR·4 B = 32 KiB of B panel plus 8 KiB of A panel fit the 48 KiB L1d; MC·KC·4 B = 384 KiB of packed A in L2.
    // Measured on the Xeon in docs/PERFORMANCE.md, KC 192..320 and MC 96..384 were within noise of each other.
    public static int MC => 384;
    public static int KC => 256;
    public static int NC => 4096;

    public static bool IsSupported => Avx512F.IsSupported && Vector512.IsHardwareAccelerated;
    public static bool Fused => true;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Run(int kc, float* a, float* b, float* c, nint ldc, float alpha, float beta)
    {
        // The tile of C is only touched after the loop: start fetching it now (two lines per row, plus the line a
        // misaligned row spills into), so that the update at the end does not wait on memory.
        for (int i = 0; i < 8; i++)
        {
            Sse.Prefetch0(c + i * ldc);
            Sse.Prefetch0(c + i * ldc + 31);
        }
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<float> c60 = default, c61 = default, c70 = default, c71 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.Load(b);
            Vector512<float> b1 = Vector512.Load(b + 16);
            Vector512<float> ai = Vector512.Create(a[0]);
            c00 = Avx512F.FusedMultiplyAdd(ai, b0, c00);
            c01 = Avx512F.FusedMultiplyAdd(ai, b1, c01);
            ai = Vector512.Create(a[1]);
            c10 = Avx512F.FusedMultiplyAdd(ai, b0, c10);
            c11 = Avx512F.FusedMultiplyAdd(ai, b1, c11);
            ai = Vector512.Create(a[2]);
            c20 = Avx512F.FusedMultiplyAdd(ai, b0, c20);
            c21 = Avx512F.FusedMultiplyAdd(ai, b1, c21);
            ai = Vector512.Create(a[3]);
            c30 = Avx512F.FusedMultiplyAdd(ai, b0, c30);
            c31 = Avx512F.FusedMultiplyAdd(ai, b1, c31);
            ai = Vector512.Create(a[4]);
            c40 = Avx512F.FusedMultiplyAdd(ai, b0, c40);
            c41 = Avx512F.FusedMultiplyAdd(ai, b1, c41);
            ai = Vector512.Create(a[5]);
            c50 = Avx512F.FusedMultiplyAdd(ai, b0, c50);
            c51 = Avx512F.FusedMultiplyAdd(ai, b1, c51);
            ai = Vector512.Create(a[6]);
            c60 = Avx512F.FusedMultiplyAdd(ai, b0, c60);
            c61 = Avx512F.FusedMultiplyAdd(ai, b1, c61);
            ai = Vector512.Create(a[7]);
            c70 = Avx512F.FusedMultiplyAdd(ai, b0, c70);
            c71 = Avx512F.FusedMultiplyAdd(ai, b1, c71);
            a += 8;
            b += 32;
        }

        Vector512<float> va = Vector512.Create(alpha);
        Store(c, c00, c01, va, beta);
        Store(c + ldc, c10, c11, va, beta);
        Store(c + 2 * ldc, c20, c21, va, beta);
        Store(c + 3 * ldc, c30, c31, va, beta);
        Store(c + 4 * ldc, c40, c41, va, beta);
        Store(c + 5 * ldc, c50, c51, va, beta);
        Store(c + 6 * ldc, c60, c61, va, beta);
        Store(c + 7 * ldc, c70, c71, va, beta);
    }

    public static bool ReadsRowsOfA => true;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void RunRows(int kc, float* a, nint lda, float* b, float* c, nint ldc, float alpha, float beta)
    {
        for (int i = 0; i < 8; i++)
        {
            Sse.Prefetch0(c + i * ldc);
            Sse.Prefetch0(c + i * ldc + 31);
        }
        float* a0 = a, a1 = a + lda, a2 = a + 2 * lda, a3 = a + 3 * lda;
        float* a4 = a + 4 * lda, a5 = a + 5 * lda, a6 = a + 6 * lda, a7 = a + 7 * lda;
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<float> c60 = default, c61 = default, c70 = default, c71 = default;
        for (nint p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.Load(b);
            Vector512<float> b1 = Vector512.Load(b + 16);
            Vector512<float> ai = Vector512.Create(a0[p]);
            c00 = Avx512F.FusedMultiplyAdd(ai, b0, c00);
            c01 = Avx512F.FusedMultiplyAdd(ai, b1, c01);
            ai = Vector512.Create(a1[p]);
            c10 = Avx512F.FusedMultiplyAdd(ai, b0, c10);
            c11 = Avx512F.FusedMultiplyAdd(ai, b1, c11);
            ai = Vector512.Create(a2[p]);
            c20 = Avx512F.FusedMultiplyAdd(ai, b0, c20);
            c21 = Avx512F.FusedMultiplyAdd(ai, b1, c21);
            ai = Vector512.Create(a3[p]);
            c30 = Avx512F.FusedMultiplyAdd(ai, b0, c30);
            c31 = Avx512F.FusedMultiplyAdd(ai, b1, c31);
            ai = Vector512.Create(a4[p]);
            c40 = Avx512F.FusedMultiplyAdd(ai, b0, c40);
            c41 = Avx512F.FusedMultiplyAdd(ai, b1, c41);
            ai = Vector512.Create(a5[p]);
            c50 = Avx512F.FusedMultiplyAdd(ai, b0, c50);
            c51 = Avx512F.FusedMultiplyAdd(ai, b1, c51);
            ai = Vector512.Create(a6[p]);
            c60 = Avx512F.FusedMultiplyAdd(ai, b0, c60);
            c61 = Avx512F.FusedMultiplyAdd(ai, b1, c61);
            ai = Vector512.Create(a7[p]);
            c70 = Avx512F.FusedMultiplyAdd(ai, b0, c70);
            c71 = Avx512F.FusedMultiplyAdd(ai, b1, c71);
            b += 32;
        }

        Vector512<float> va = Vector512.Create(alpha);
        Store(c, c00, c01, va, beta);
        Store(c + ldc, c10, c11, va, beta);
        Store(c + 2 * ldc, c20, c21, va, beta);
        Store(c + 3 * ldc, c30, c31, va, beta);
        Store(c + 4 * ldc, c40, c41, va, beta);
        Store(c + 5 * ldc, c50, c51, va, beta);
        Store(c + 6 * ldc, c60, c61, va, beta);
        Store(c + 7 * ldc, c70, c71, va, beta);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Store(float* c, Vector512<float> lo, Vector512<float> hi, Vector512<float> alpha, float beta)
    {
        if (beta == 0)
        {
            (alpha * lo).Store(c);
            (alpha * hi).Store(c + 16);
        }
        else
        {
            Vector512<float> vb = Vector512.Create(beta);
            Avx512F.FusedMultiplyAdd(alpha, lo, vb * Vector512.Load(c)).Store(c);
            Avx512F.FusedMultiplyAdd(alpha, hi, vb * Vector512.Load(c + 16)).Store(c + 16);
        }
    }
}
