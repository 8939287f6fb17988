using System.Runtime.CompilerServices;

namespace LayerEntropy.Tensors;

/// <summary>
/// The Goto/BLIS loop nest around one micro-kernel: NC columns of B, then KC steps of k (packing B), then MC rows
/// of A (packing A), then NR×MR register tiles.
/// </summary>
/// <remarks>
/// Every C element is summed as: one kernel accumulation per KC block of k, in the order of the blocks, each added
/// to C. That order depends only on k and KC, never on which block of C a thread owns, which is what makes the
/// result bitwise independent of the thread count.
/// </remarks>
internal static unsafe class GemmDriver<TKernel> where TKernel : struct, IGemmKernel
{
    /// <summary>Computes C[rowStart..rowEnd, colStart..colEnd]; the bounds are multiples of MR and NR except at m and n.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(in GemmProblem p, int rowStart, int rowEnd, int colStart, int colEnd)
    {
        int mr = TKernel.MR, nr = TKernel.NR, kcMax = Math.Min(TKernel.KC, p.K);
        GemmWorkspace workspace = GemmWorkspace.Current;
        float* packA = workspace.PackA(RoundUp(Math.Min(TKernel.MC, rowEnd - rowStart), mr) * kcMax);
        float* packB = workspace.PackB(RoundUp(Math.Min(TKernel.NC, colEnd - colStart), nr) * kcMax);
        float* tile = stackalloc float[mr * nr];

        for (int jc = colStart; jc < colEnd; jc += TKernel.NC)
        {
            int nc = Math.Min(TKernel.NC, colEnd - jc);
            for (int pc = 0; pc < p.K; pc += TKernel.KC)
            {
                int kc = Math.Min(TKernel.KC, p.K - pc);
                GemmPack.PackB<TKernel>(p, pc, jc, kc, nc, packB);
                // Later blocks of k add onto what the earlier ones stored.
                float beta = pc == 0 ? p.Beta : 1f;
                for (int ic = rowStart; ic < rowEnd; ic += TKernel.MC)
                {
                    int mc = Math.Min(TKernel.MC, rowEnd - ic);
                    GemmPack.PackA<TKernel>(p, ic, pc, mc, kc, packA);
                    MacroKernel(p, packA, packB, tile, ic, jc, mc, nc, kc, beta);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MacroKernel(in GemmProblem p, float* packA, float* packB, float* tile,
        int ic, int jc, int mc, int nc, int kc, float beta)
    {
        int mr = TKernel.MR, nr = TKernel.NR;
        nint ldc = p.Ldc;
        // Columns outside, rows inside: one KC×NR panel of B stays in L1 while the A panels stream from L2.
        for (int jr = 0; jr < nc; jr += nr)
        {
            int cols = Math.Min(nr, nc - jr);
            float* b = packB + jr * kc;
            for (int ir = 0; ir < mc; ir += mr)
            {
                int rows = Math.Min(mr, mc - ir);
                float* a = packA + ir * kc;
                float* c = p.C + (ic + ir) * ldc + jc + jr;
                if (rows == mr && cols == nr)
                {
                    TKernel.Run(kc, a, b, c, ldc, p.Alpha, beta);
                }
                else
                {
                    // alpha = 1, beta = 0 stores the raw sums exactly, so the edge update below rounds like the kernel's.
                    TKernel.Run(kc, a, b, tile, nr, 1f, 0f);
                    StoreEdge(tile, c, ldc, rows, cols, p.Alpha, beta);
                }
            }
        }
    }

    private static void StoreEdge(float* tile, float* c, nint ldc, int rows, int cols, float alpha, float beta)
    {
        int nr = TKernel.NR;
        for (int i = 0; i < rows; i++, c += ldc)
            for (int j = 0; j < cols; j++)
            {
                float t = tile[i * nr + j];
                c[j] = beta == 0 ? alpha * t
                    : TKernel.Fused ? MathF.FusedMultiplyAdd(alpha, t, beta * c[j])
                    : alpha * t + beta * c[j];
            }
    }

    private static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;
}
