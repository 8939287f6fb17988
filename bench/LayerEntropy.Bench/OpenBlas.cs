using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace LayerEntropy.Bench;

/// <summary>The two OpenBLAS entry points the comparisons need (Debian: libopenblas0-pthread).</summary>
internal static unsafe partial class OpenBlas
{
    private const string Library = "libopenblas.so.0";
    private const int RowMajor = 101, NoTrans = 111, Trans = 112;

    /// <summary>
    /// Loads OpenBLAS. OpenBLAS 0.3.21 does not recognise Sapphire/Emerald Rapids and falls back to its SSE3
    /// ("Prescott") kernels, so unless OPENBLAS_CORETYPE is set, this asks for the SkylakeX (AVX-512) kernels:
    /// the baseline should be the best OpenBLAS can do on this CPU. The variable must be in the C environment
    /// before the library's constructor runs; Environment.SetEnvironmentVariable does not reach it.
    /// </summary>
    public static bool TryLoad()
    {
        if (Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") is null && Avx512F.IsSupported)
            setenv("OPENBLAS_CORETYPE", "SkylakeX", 0);
        return NativeLibrary.TryLoad(Library, out _);
    }

    /// <summary>The kernel family OpenBLAS chose, e.g. "SkylakeX" or "Haswell".</summary>
    public static string CoreName() => Marshal.PtrToStringAnsi(openblas_get_corename()) ?? "?";

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

    [LibraryImport(Library)]
    private static partial IntPtr openblas_get_corename();

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);
}
