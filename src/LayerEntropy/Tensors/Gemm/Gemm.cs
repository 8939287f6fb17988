namespace LayerEntropy.Tensors;

/// <summary>
/// General matrix multiply on row-major storage: C = alpha·op(A)·op(B) + beta·C, with op(A) m×k and op(B) k×n.
/// transA means A is stored k×m (lda ≥ m), transB means B is stored n×k (ldb ≥ k).
/// When beta is 0, C's old contents are never read (NaN there does not propagate); when alpha is 0 or k is 0,
/// A and B are never read.
/// </summary>
/// <remarks>
/// A packed, cache-blocked GEMM in the Goto/BLIS shape (<see cref="GemmDriver{TKernel}"/>), multi-threaded over
/// strips of C on a persistent worker team (<see cref="GemmJob{TKernel}"/>, <see cref="GemmTeam"/>). For a given kernel the result is bitwise the same for any thread
/// count. <see cref="GemmReference"/> is the naive loop it is tested against.
/// </remarks>
internal static class Gemm
{
    /// <summary>
    /// Problems with fewer multiply-adds than this (about 20 µs on one core) run on the calling thread. Measured with
    /// docs/PERFORMANCE.md's setup: 128·128·64 = 2^20 gained nothing from a second thread, 256·256·64 = 2^22 gained
    /// about 1.4×, and on a loaded machine a preempted worker can stall a small call for a whole time slice.
    /// </summary>
    internal const long ParallelThreshold = 1L << 21;

    public static void Multiply(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
        => Multiply(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, Compute.Threads, GemmKernelKind.Auto);

    /// <summary>
    /// As above, then with the epilogue on every element of C once it is final: C[i, j] += bias[j] (bias may be
    /// empty for none), then with <paramref name="relu"/> C[i, j] = max(C[i, j], 0). The bits are those of the
    /// separate passes <see cref="Elementwise.AddRowVector"/> and <see cref="Elementwise.Relu"/> after the product,
    /// without reading C back from memory.
    /// </summary>
    public static void Multiply(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc,
        ReadOnlySpan<float> bias, bool relu)
        => Multiply(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, bias, relu, Compute.Threads, GemmKernelKind.Auto);

    /// <summary>As above with the thread count and kernel pinned, for tests and benchmarks.</summary>
    internal static void Multiply(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc,
        int threads, GemmKernelKind kind)
        => Multiply(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, [], false, threads, kind);

    /// <summary>The epilogue form with the thread count and kernel pinned.</summary>
    internal static unsafe void Multiply(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc,
        ReadOnlySpan<float> bias, bool relu, int threads, GemmKernelKind kind)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        CheckOperand(nameof(a), a.Length, transA ? k : m, transA ? m : k, lda);
        CheckOperand(nameof(b), b.Length, transB ? n : k, transB ? k : n, ldb);
        CheckOperand(nameof(c), c.Length, m, n, ldc);
        if (!bias.IsEmpty && bias.Length < n)
            throw new ArgumentException($"bias has {bias.Length} values, C has {n} columns", nameof(bias));
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == 0)
        {
            Scale(m, n, beta, c, ldc);
            for (int i = 0; i < m; i++)
            {
                Span<float> row = c.Slice(i * ldc, n);
                if (!bias.IsEmpty) System.Numerics.Tensors.TensorPrimitives.Add(row, bias[..n], row);
                if (relu) System.Numerics.Tensors.TensorPrimitives.Max(row, 0f, row);
            }
            return;
        }

        if ((long)m * n * k < ParallelThreshold) threads = 1;
        fixed (float* pa = a, pb = b, pc = c, pbias = bias)
        {
            var problem = new GemmProblem(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc, pbias, relu);
            switch (Resolve(kind))
            {
                case GemmKernelKind.Avx512: GemmJob<Avx512Kernel>.Run(problem, threads); break;
                case GemmKernelKind.Avx2: GemmJob<Avx2Kernel>.Run(problem, threads); break;
                default: GemmJob<Vector128Kernel>.Run(problem, threads); break;
            }
        }
    }

    /// <summary>Whether <paramref name="kind"/> can run on this CPU.</summary>
    internal static bool IsSupported(GemmKernelKind kind) => kind switch
    {
        GemmKernelKind.Avx512 => Avx512Kernel.IsSupported,
        GemmKernelKind.Avx2 => Avx2Kernel.IsSupported,
        _ => true,
    };

    /// <summary>The kernel <paramref name="kind"/> stands for on this CPU, e.g. "Avx512" for <see cref="GemmKernelKind.Auto"/>.</summary>
    internal static string KernelName(GemmKernelKind kind) => Resolve(kind).ToString();

    private static GemmKernelKind Resolve(GemmKernelKind kind)
    {
        if (kind == GemmKernelKind.Auto)
            return Avx512Kernel.IsSupported ? GemmKernelKind.Avx512
                : Avx2Kernel.IsSupported ? GemmKernelKind.Avx2
                : GemmKernelKind.Vector128;
        if (!IsSupported(kind)) throw new PlatformNotSupportedException($"the {kind} GEMM kernel is not supported on this CPU");
        return kind;
    }

    private static void CheckOperand(string name, int length, int rows, int cols, int ld)
    {
        // Messages are built only on failure: the check runs on every call, which must not allocate.
        if (rows < 0 || cols < 0) throw new ArgumentOutOfRangeException(name, $"{name} has {rows} rows and {cols} columns");
        if (ld < cols) throw new ArgumentOutOfRangeException(name, $"leading dimension {ld} is less than {cols} columns");
        if (rows > 0 && cols > 0 && (long)(rows - 1) * ld + cols > length)
            throw new ArgumentException($"{name} has {length} values, a {rows}×{cols} matrix with leading dimension {ld} needs {(long)(rows - 1) * ld + cols}", name);
    }

    private static void Scale(int m, int n, float beta, Span<float> c, int ldc)
    {
        for (int i = 0; i < m; i++)
        {
            Span<float> row = c.Slice(i * ldc, n);
            if (beta == 0) row.Clear();
            else if (beta != 1) System.Numerics.Tensors.TensorPrimitives.Multiply(row, beta, row);
        }
    }
}
