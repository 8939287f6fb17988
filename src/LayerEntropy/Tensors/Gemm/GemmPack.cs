using System.Runtime.CompilerServices;

namespace LayerEntropy.Tensors;

/// <summary>
/// Copies blocks of op(A) and op(B) into the panel layout the micro-kernels read, whatever the transposes,
/// padding the last panel with zeros so that edge tiles can run the full kernel.
/// </summary>
internal static unsafe class GemmPack
{
    /// <summary>
    /// Packs op(A)[i0..i0+mc, p0..p0+kc] as ⌈mc/MR⌉ panels of kc·MR floats; in a panel, step q holds the MR values
    /// op(A)[i, p0+q] of its rows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA<TKernel>(in GemmProblem p, int i0, int p0, int mc, int kc, float* dst)
        where TKernel : struct, IGemmKernel
    {
        int mr = TKernel.MR;
        nint lda = p.Lda;
        for (int ir = 0; ir < mc; ir += mr, dst += mr * kc)
        {
            int rows = Math.Min(mr, mc - ir);
            if (p.TransA)
            {
                // A is stored k×m: the MR values of one step are adjacent.
                float* src = p.A + p0 * lda + i0 + ir;
                for (int q = 0; q < kc; q++, src += lda)
                {
                    float* d = dst + q * mr;
                    int r = 0;
                    for (; r < rows; r++) d[r] = src[r];
                    for (; r < mr; r++) d[r] = 0;
                }
            }
            else
            {
                float* src = p.A + (i0 + ir) * lda + p0;
                int q0 = 0;
                if (mr == 8 && rows == 8 && Transpose8x8.IsSupported)
                    for (; q0 + 8 <= kc; q0 += 8) Transpose8x8.Run(src + q0, lda, dst + q0 * 8, 8);
                // Row by row, so reads stream through memory and the strided writes stay in the L1-sized panel.
                for (int r = 0; r < rows; r++)
                    for (int q = q0; q < kc; q++) dst[q * mr + r] = src[r * lda + q];
                for (int r = rows; r < mr; r++)
                    for (int q = q0; q < kc; q++) dst[q * mr + r] = 0;
            }
        }
    }

    /// <summary>
    /// Packs op(B)[p0..p0+kc, j0..j0+nc] as ⌈nc/NR⌉ panels of kc·NR floats; in a panel, step q holds the NR values
    /// op(B)[p0+q, j] of its columns.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB<TKernel>(in GemmProblem p, int p0, int j0, int kc, int nc, float* dst)
        where TKernel : struct, IGemmKernel
    {
        int nr = TKernel.NR;
        nint ldb = p.Ldb;
        if (!p.TransB)
        {
            // B is stored k×n: step q of every panel comes from row p0+q of B. Rows outside, so that B is read
            // front to back in long runs (the prefetchers follow it) and each panel step is one contiguous copy.
            int full = nc / nr * nr;
            float* src = p.B + p0 * ldb + j0;
            for (int q = 0; q < kc; q++, src += ldb)
            {
                float* d = dst + q * nr;
                for (int jr = 0; jr < full; jr += nr)
                    Unsafe.CopyBlockUnaligned(d + jr * kc, src + jr, (uint)(nr * sizeof(float)));
                if (full < nc)
                {
                    d += full * kc;
                    int j = 0;
                    for (; j < nc - full; j++) d[j] = src[full + j];
                    for (; j < nr; j++) d[j] = 0;
                }
            }
            return;
        }
        for (int jr = 0; jr < nc; jr += nr, dst += nr * kc)
        {
            // B is stored n×k: column j of op(B) is row j of B, read contiguously.
            int cols = Math.Min(nr, nc - jr);
            float* src = p.B + (j0 + jr) * ldb + p0;
            int q0 = 0;
            if (nr % 8 == 0 && cols == nr && Transpose8x8.IsSupported)
                for (; q0 + 8 <= kc; q0 += 8)
                    for (int g = 0; g < nr; g += 8) Transpose8x8.Run(src + g * ldb + q0, ldb, dst + q0 * nr + g, nr);
            for (int j = 0; j < cols; j++)
                for (int q = q0; q < kc; q++) dst[q * nr + j] = src[j * ldb + q];
            for (int j = cols; j < nr; j++)
                for (int q = q0; q < kc; q++) dst[q * nr + j] = 0;
        }
    }
}
