namespace LayerEntropy.Tensors;

/// <summary>
/// General matrix multiply on row-major storage: C = alpha·op(A)·op(B) + beta·C, with op(A) m×k and op(B) k×n.
/// transA means A is stored k×m (lda ≥ m), transB means B is stored n×k (ldb ≥ k).
/// </summary>
internal static class Gemm
{
    public static void Multiply(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
        => GemmReference.Multiply(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}
