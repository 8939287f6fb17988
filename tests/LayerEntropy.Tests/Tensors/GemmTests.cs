using System.Runtime.InteropServices;
using LayerEntropy.Tensors;

namespace LayerEntropy.Tests.Tensors;

public class GemmTests
{
    public static readonly TheoryData<bool, bool> Transposes = new() { { false, false }, { true, false }, { false, true }, { true, true } };

    /// <summary>Every kernel this CPU can run, by name (the enum is internal to the library).</summary>
    public static TheoryData<string> Kernels()
    {
        var data = new TheoryData<string>();
        foreach (GemmKernelKind kind in Enum.GetValues<GemmKernelKind>())
            if (kind != GemmKernelKind.Auto && Gemm.IsSupported(kind)) data.Add(kind.ToString());
        return data;
    }

    [Theory]
    [MemberData(nameof(Transposes))]
    public void EverySmallShapeMatchesReference(bool transA, bool transB)
    {
        foreach (int k in new[] { 1, 5, 17 })
            for (int m = 1; m <= 40; m++)
                for (int n = 1; n <= 40; n++)
                    Check(new Case(transA, transB, m, n, k), threads: 1, GemmKernelKind.Auto);
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void EveryKernelHandlesEdgesAndTransposes(string kernel)
    {
        var kind = Enum.Parse<GemmKernelKind>(kernel);
        foreach ((bool ta, bool tb) in new[] { (false, false), (true, false), (false, true), (true, true) })
            for (int m = 1; m <= 14; m++)
                for (int n = 1; n <= 35; n += 2)
                    Check(new Case(ta, tb, m, n, 9, Alpha: 1.5f, Beta: -0.5f), threads: 1, kind);
    }

    [Theory]
    [MemberData(nameof(Transposes))]
    public void AwkwardShapesMatchReference(bool transA, bool transB)
    {
        (int M, int N, int K)[] shapes =
        [
            (0, 5, 3), (5, 0, 3), (5, 3, 0), (0, 0, 0), (1, 1, 1), (1, 257, 31), (257, 1, 31), (2, 3, 300),
            (17, 31, 97), (97, 129, 31), (31, 17, 257), (13, 7, 255), (7, 13, 256), (6, 16, 513), (129, 97, 13), (3, 400, 7),
        ];
        foreach ((int m, int n, int k) in shapes)
            Check(new Case(transA, transB, m, n, k), threads: 2, GemmKernelKind.Auto);
    }

    [Theory]
    [InlineData(1f, 0f)]
    [InlineData(2.5f, 0f)]
    [InlineData(1f, 1f)]
    [InlineData(-0.5f, 0.75f)]
    [InlineData(0f, 2f)]
    [InlineData(0f, 0f)]
    public void AlphaBetaAndPaddedStridesMatchReference(float alpha, float beta)
    {
        foreach ((bool ta, bool tb) in new[] { (false, false), (true, false), (false, true), (true, true) })
            foreach ((int m, int n, int k) in new[] { (17, 31, 97), (6, 16, 300), (40, 3, 129), (1, 1, 0), (130, 70, 300) })
                Check(new Case(ta, tb, m, n, k, alpha, beta, Pad: 3), threads: 2, GemmKernelKind.Auto);
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void ResultsAreBitwiseIdenticalForAnyThreadCount(string kernel)
    {
        var kind = Enum.Parse<GemmKernelKind>(kernel);
        foreach ((bool ta, bool tb) in new[] { (false, false), (true, false), (false, true), (true, true) })
            foreach ((int m, int n, int k) in new[] { (97, 257, 129), (301, 40, 300), (40, 301, 513), (128, 128, 160) })
            {
                Assert.True((long)m * n * k >= Gemm.ParallelThreshold, "shape too small to be split across threads");
                var c = new Case(ta, tb, m, n, k, Alpha: 0.5f, Beta: 1f, Pad: 1);
                float[] one = Run(c, 1, kind), two = Run(c, 2, kind), three = Run(c, 3, kind);
                Assert.True(MemoryMarshal.AsBytes(one.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(two.AsSpan())), $"{c}: 1 vs 2 threads");
                Assert.True(MemoryMarshal.AsBytes(one.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(three.AsSpan())), $"{c}: 1 vs 3 threads");
            }
    }

    [Fact]
    public void ConcurrentCallersDoNotShareState()
    {
        var cases = Enumerable.Range(0, 8).Select(i => new Case(i % 2 == 0, i % 3 == 0, 60 + i, 70 - i, 90 + 3 * i, Seed: i)).ToArray();
        Parallel.For(0, cases.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => Check(cases[i], threads: 2, GemmKernelKind.Auto));
    }

    [Fact]
    public void ShortOperandsAreRejected()
    {
        var small = new float[5];
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(false, false, 2, 2, 3, 1f, small, 3, new float[6], 2, 0f, new float[4], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply(false, false, 2, 2, 3, 1f, new float[6], 2, new float[6], 2, 0f, new float[4], 2));
    }

    private sealed record Case(bool TransA, bool TransB, int M, int N, int K, float Alpha = 1f, float Beta = 0f, int Pad = 0, int Seed = 7)
    {
        public int Lda => (TransA ? M : K) + Pad;
        public int Ldb => (TransB ? K : N) + Pad;
        public int Ldc => N + Pad;
        public int LengthA => (TransA ? K : M) * Lda;
        public int LengthB => (TransB ? N : K) * Ldb;

        /// <summary>C before the call; with beta 0 it is NaN, which must not leak into the result.</summary>
        public float[] InitialC()
        {
            float[] c = KernelCheck.Random(Seed + 2, M * Ldc);
            if (Beta == 0)
                for (int i = 0; i < M; i++) c.AsSpan(i * Ldc, N).Fill(float.NaN);
            return c;
        }
    }

    private static float[] Run(Case c, int threads, GemmKernelKind kind)
    {
        float[] a = KernelCheck.Random(c.Seed, c.LengthA), b = KernelCheck.Random(c.Seed + 1, c.LengthB), result = c.InitialC();
        Gemm.Multiply(c.TransA, c.TransB, c.M, c.N, c.K, c.Alpha, a, c.Lda, b, c.Ldb, c.Beta, result, c.Ldc, threads, kind);
        return result;
    }

    private static void Check(Case c, int threads, GemmKernelKind kind)
    {
        float[] a = KernelCheck.Random(c.Seed, c.LengthA), b = KernelCheck.Random(c.Seed + 1, c.LengthB);
        float[] expected = c.InitialC(), magnitude = KernelCheck.Abs(c.InitialC());
        GemmReference.Multiply(c.TransA, c.TransB, c.M, c.N, c.K, c.Alpha, a, c.Lda, b, c.Ldb, c.Beta, expected, c.Ldc);
        GemmReference.Multiply(c.TransA, c.TransB, c.M, c.N, c.K, Math.Abs(c.Alpha), KernelCheck.Abs(a), c.Lda,
            KernelCheck.Abs(b), c.Ldb, Math.Abs(c.Beta), magnitude, c.Ldc);
        float[] actual = Run(c, threads, kind);
        // The padding columns of C (j ≥ n) are compared too: they must come back untouched.
        for (int i = 0; i < c.M; i++)
            for (int j = c.N; j < c.Ldc; j++) magnitude[i * c.Ldc + j] = 0;
        KernelCheck.AssertClose(expected, actual, $"{c} {kind} threads={threads}", magnitude);
    }
}
