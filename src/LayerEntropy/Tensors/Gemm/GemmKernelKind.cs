namespace LayerEntropy.Tensors;

/// <summary>Which micro-kernel <see cref="Gemm"/> runs; tests and benchmarks pin one, everything else uses <see cref="Auto"/>.</summary>
internal enum GemmKernelKind
{
    /// <summary>The fastest kernel this CPU supports.</summary>
    Auto,

    /// <summary><see cref="Vector128Kernel"/>, available everywhere.</summary>
    Vector128,

    /// <summary><see cref="Avx2Kernel"/>, needs AVX2 and FMA.</summary>
    Avx2,

    /// <summary><see cref="Avx512Kernel"/>, needs AVX-512F.</summary>
    Avx512,
}
