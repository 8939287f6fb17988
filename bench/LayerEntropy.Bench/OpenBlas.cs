using System.Runtime.InteropServices;

namespace LayerEntropy.Bench;

/// <summary>The two OpenBLAS entry points the comparisons need (Debian: libopenblas0-pthread).</summary>
internal static unsafe partial class OpenBlas
{
    private const string Library = "libopenblas.so.0";
    private const int RowMajor = 101, NoTrans = 111, Trans = 112;

    public static bool IsAvailable()
    {
        if (!NativeLibrary.TryLoad(Library, out IntPtr handle)) return false;
        NativeLibrary.Free(handle);
        return true;
    }

    /// <summary>Row-major sgemm with the same argument meaning as <c>Gemm.Multiply</c>.</summary>
    public static void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        fixed (float* pa = a, pb = b, pc = c)
            cblas_sgemm(RowMajor, transA ? Trans : NoTrans, transB ? Trans : NoTrans, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
    }

    public static void SetThreads(int threads) => openblas_set_num_threads(threads);

    [LibraryImport(Library)]
    private static partial void cblas_sgemm(int order, int transA, int transB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc);

    [LibraryImport(Library)]
    private static partial void openblas_set_num_threads(int threads);
}
