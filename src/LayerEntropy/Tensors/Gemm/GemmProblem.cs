namespace LayerEntropy.Tensors;

/// <summary>
/// The arguments of one <see cref="Gemm.Multiply(bool, bool, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int)"/>
/// call with the spans pinned, so that worker threads can share them for the duration of the call.
/// </summary>
/// <remarks>
/// <see cref="Bias"/> (n values, or null) and <see cref="Relu"/> are the epilogue: once an element of C holds its
/// final value, bias[j] is added to it and then, with <see cref="Relu"/>, it is clamped at zero, exactly as the
/// separate passes <see cref="Elementwise.AddRowVector"/> and <see cref="Elementwise.Relu"/> would.
/// </remarks>
internal readonly unsafe struct GemmProblem(
    bool transA, bool transB, int m, int n, int k, float alpha,
    float* a, int lda, float* b, int ldb, float beta, float* c, int ldc, float* bias = null, bool relu = false)
{
    public readonly bool TransA = transA;
    public readonly bool TransB = transB;
    public readonly int M = m;
    public readonly int N = n;
    public readonly int K = k;
    public readonly float Alpha = alpha;
    public readonly float* A = a;
    public readonly int Lda = lda;
    public readonly float* B = b;
    public readonly int Ldb = ldb;
    public readonly float Beta = beta;
    public readonly float* C = c;
    public readonly int Ldc = ldc;
    public readonly float* Bias = bias;
    public readonly bool Relu = relu;

    /// <summary>Whether the epilogue does anything.</summary>
    public bool HasEpilogue => Bias != null || Relu;
}
