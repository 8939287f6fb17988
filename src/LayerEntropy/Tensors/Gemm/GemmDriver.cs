using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace LayerEntropy.Tensors;

/// <summary>
/// The Goto/BLIS loop nest around one micro-kernel: NC columns of B, then KC steps of k (packing B), then MC rows
/// of A (packing A), then NR×MR register tiles. <see cref="GemmJob{TKernel}"/> runs the same nest split across
/// threads, built from the pieces here.
/// </summary>
/// <remarks>
/// Every C element is summed as: one kernel accumulation per KC block of k, in the order of the blocks, each added
/// to C. That order depends only on k and KC, never on which block of C a thread owns or how rows and columns are
/// blocked, which is what makes the result bitwise independent of the thread count.
/// </remarks>
internal static unsafe class GemmDriver<TKernel> where TKernel : struct, IGemmKernel
{
    /// <summary>Computes C[rowStart..rowEnd, colStart..colEnd]; the bounds are multiples of MR and NR except at m and n.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(in GemmProblem p, int rowStart, int rowEnd, int colStart, int colEnd)
    {
        int mr = TKernel.MR, nr = TKernel.NR, kcMax = Math.Min(TKernel.KC, p.K);
        int mcMax = RowBlock(rowEnd - rowStart);
        GemmWorkspace workspace = GemmWorkspace.Current;
        float* packA = workspace.PackA(mcMax * kcMax);
        float* packB = workspace.PackB(RoundUp(Math.Min(TKernel.NC, colEnd - colStart), nr) * kcMax);
        float* tile = stackalloc float[mr * nr];
        // When every panel of A meets a single panel of B, packing A would cost as much as the multiply saves.
        bool direct = TKernel.ReadsRowsOfA && !p.TransA && colEnd - colStart <= DirectColumns;

        for (int jc = colStart; jc < colEnd; jc += TKernel.NC)
        {
            int nc = Math.Min(TKernel.NC, colEnd - jc);
            for (int pc = 0; pc < p.K; pc += TKernel.KC)
            {
                int kc = Math.Min(TKernel.KC, p.K - pc);
                GemmPack.PackB<TKernel>(p, pc, jc, kc, nc, packB);
                for (int ic = rowStart; ic < rowEnd; ic += mcMax)
                {
                    int mc = Math.Min(mcMax, rowEnd - ic);
                    if (direct)
                    {
                        // Only a last panel of fewer than MR rows is packed (zero-padded); full panels are read in place.
                        int full = mc / mr * mr;
                        if (full < mc) GemmPack.PackA<TKernel>(p, ic + full, pc, mc - full, kc, packA + full * kc);
                    }
                    else GemmPack.PackA<TKernel>(p, ic, pc, mc, kc, packA);
                    MacroKernel(p, packA, packB, tile, ic, jc, mc, nc, pc, kc, direct);
                }
            }
        }
    }

    /// <summary>Up to this many columns of C, a kernel that can (<see cref="IGemmKernel.ReadsRowsOfA"/>) reads A in place.</summary>
    private static int DirectColumns => 2 * TKernel.NR;

    /// <summary>
    /// The rows of A packed at once for <paramref name="rows"/> rows: at most MC, and the rows spread evenly over
    /// the blocks (a multiple of MR), so that no block is a thin remainder.
    /// </summary>
    public static int RowBlock(int rows)
    {
        int blocks = (rows + TKernel.MC - 1) / TKernel.MC;
        return RoundUp((rows + blocks - 1) / blocks, TKernel.MR);
    }

    /// <summary>
    /// C[ic..ic+mc, jc..jc+nc] gets the product of the packed blocks for k in pc..pc+kc: stored (with beta) for the
    /// first block of k, added for the later ones, and after the last one the epilogue runs on the finished tile.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MacroKernel(in GemmProblem p, float* packA, float* packB, float* tile,
        int ic, int jc, int mc, int nc, int pc, int kc, bool directA = false)
    {
        int mr = TKernel.MR, nr = TKernel.NR;
        nint ldc = p.Ldc;
        float alpha = p.Alpha;
        // Later blocks of k add onto what the earlier ones stored.
        float beta = pc == 0 ? p.Beta : 1f;
        bool epilogue = pc + kc == p.K && p.HasEpilogue;
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
                if (rows == mr && directA)
                {
                    float* rowsOfA = p.A + (ic + ir) * (nint)p.Lda + pc;
                    if (cols == nr) TKernel.RunRows(kc, rowsOfA, p.Lda, b, c, ldc, alpha, beta);
                    else
                    {
                        TKernel.RunRows(kc, rowsOfA, p.Lda, b, tile, nr, 1f, 0f);
                        StoreEdge(tile, c, ldc, rows, cols, alpha, beta);
                    }
                }
                else if (rows == mr && cols == nr)
                {
                    TKernel.Run(kc, a, b, c, ldc, alpha, beta);
                }
                else
                {
                    // alpha = 1, beta = 0 stores the raw sums exactly, so the edge update below rounds like the kernel's.
                    TKernel.Run(kc, a, b, tile, nr, 1f, 0f);
                    StoreEdge(tile, c, ldc, rows, cols, alpha, beta);
                }
                if (epilogue) Epilogue(p, c, rows, cols, jc + jr);
            }
        }
    }

    /// <summary>Adds the bias and clamps (as configured) the finished rows×cols tile at <paramref name="c"/>, while it is in L1.</summary>
    private static void Epilogue(in GemmProblem p, float* c, int rows, int cols, int j0)
    {
        for (int i = 0; i < rows; i++, c += p.Ldc)
        {
            var row = new Span<float>(c, cols);
            if (p.Bias != null) TensorPrimitives.Add(row, new ReadOnlySpan<float>(p.Bias + j0, cols), row);
            if (p.Relu) TensorPrimitives.Max(row, 0f, row);
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

    public static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;
}
