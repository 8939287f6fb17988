using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LayerEntropy.Tensors;

/// <summary>
/// The portable 4×8 micro-kernel for hardware without AVX2+FMA (SSE-only x64, Arm64 NEON): eight 128-bit
/// accumulators fit the sixteen registers of the smallest target. Multiply and add round separately here.
/// </summary>
internal readonly struct Vector128Kernel : IGemmKernel
{
    public static int MR => 4;
    public static int NR => 8;
    public static int MC => 384;
    public static int KC => 256;
    public static int NC => 4096;

    public static bool IsSupported => true;
    public static bool Fused => false;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Run(int kc, float* a, float* b, float* c, nint ldc, float alpha, float beta)
    {
        Vector128<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector128<float> c20 = default, c21 = default, c30 = default, c31 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector128<float> b0 = Vector128.Load(b);
            Vector128<float> b1 = Vector128.Load(b + 4);
            Vector128<float> ai = Vector128.Create(a[0]);
            c00 += ai * b0;
            c01 += ai * b1;
            ai = Vector128.Create(a[1]);
            c10 += ai * b0;
            c11 += ai * b1;
            ai = Vector128.Create(a[2]);
            c20 += ai * b0;
            c21 += ai * b1;
            ai = Vector128.Create(a[3]);
            c30 += ai * b0;
            c31 += ai * b1;
            a += 4;
            b += 8;
        }

        Vector128<float> va = Vector128.Create(alpha);
        Store(c, c00, c01, va, beta);
        Store(c + ldc, c10, c11, va, beta);
        Store(c + 2 * ldc, c20, c21, va, beta);
        Store(c + 3 * ldc, c30, c31, va, beta);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Store(float* c, Vector128<float> lo, Vector128<float> hi, Vector128<float> alpha, float beta)
    {
        if (beta == 0)
        {
            (alpha * lo).Store(c);
            (alpha * hi).Store(c + 4);
        }
        else
        {
            Vector128<float> vb = Vector128.Create(beta);
            (alpha * lo + vb * Vector128.Load(c)).Store(c);
            (alpha * hi + vb * Vector128.Load(c + 4)).Store(c + 4);
        }
    }
}
