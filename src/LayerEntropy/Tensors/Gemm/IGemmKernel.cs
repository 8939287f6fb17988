namespace LayerEntropy.Tensors;

/// <summary>
/// A GEMM micro-kernel and the cache blocking tuned for it. The kernel computes one MR×NR tile of C from an
/// MR-row panel of packed A (kc steps of MR values) and an NR-column panel of packed B (kc steps of NR values).
/// </summary>
/// <remarks>
/// Implementations are structs so that <see cref="GemmDriver{TKernel}"/> is specialised per kernel by the JIT and
/// the tile sizes below become constants in the packing loops.
/// </remarks>
internal interface IGemmKernel
{
    /// <summary>Rows of the register tile.</summary>
    static abstract int MR { get; }

    /// <summary>Columns of the register tile.</summary>
    static abstract int NR { get; }

    /// <summary>Rows of A packed at once; MC×KC floats are meant to stay in L2. A multiple of MR.</summary>
    static abstract int MC { get; }

    /// <summary>Depth of one packed block; a KC×NR panel of B is meant to stay in L1.</summary>
    static abstract int KC { get; }

    /// <summary>Columns of B packed at once (a multiple of NR).</summary>
    static abstract int NC { get; }

    static abstract bool IsSupported { get; }

    /// <summary>Whether the tile update rounds once, as alpha·acc + beta·c fused; the edge path must round the same way.</summary>
    static abstract bool Fused { get; }

    /// <summary>
    /// c[i, j] = alpha·acc[i, j] + beta·c[i, j] for the full MR×NR tile at <paramref name="c"/> (row stride <paramref name="ldc"/>),
    /// where acc = Σ_p a[p·MR + i]·b[p·NR + j]. When beta is 0, c is only written, never read.
    /// </summary>
    static abstract unsafe void Run(int kc, float* a, float* b, float* c, nint ldc, float alpha, float beta);

    /// <summary>Whether the kernel has <see cref="RunRows"/>.</summary>
    static virtual bool ReadsRowsOfA => false;

    /// <summary>
    /// <see cref="Run"/> with A read in place, MR rows of a row-major matrix (row stride <paramref name="lda"/>)
    /// instead of a packed panel: the same multiply-adds in the same order, so the same bits. For small problems,
    /// where packing A costs more than it saves.
    /// </summary>
    static virtual unsafe void RunRows(int kc, float* a, nint lda, float* b, float* c, nint ldc, float alpha, float beta)
        => throw new NotSupportedException();
}
