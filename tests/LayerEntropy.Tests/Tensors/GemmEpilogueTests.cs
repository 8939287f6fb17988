using System.Runtime.InteropServices;
using LayerEntropy.Tensors;

namespace LayerEntropy.Tests.Tensors;

/// <summary>
/// The fused epilogue (bias per column, optionally ReLU) gives exactly the bits of the product followed by the
/// separate passes <see cref="Elementwise.AddRowVector"/> and <see cref="Elementwise.Relu"/>.
/// </summary>
public class GemmEpilogueTests
{
    public static TheoryData<string> Kernels() => GemmTests.Kernels();

    [Theory]
    [MemberData(nameof(Kernels))]
    public void EpilogueEqualsSeparatePasses(string kernel)
    {
        var kind = Enum.Parse<GemmKernelKind>(kernel);
        (int M, int N, int K)[] shapes = [(1, 1, 1), (13, 37, 9), (128, 64, 32), (97, 257, 300), (301, 40, 513), (40, 301, 260), (5, 3, 0)];
        foreach ((int m, int n, int k) in shapes)
            foreach ((bool ta, bool tb) in new[] { (false, false), (true, false), (false, true), (true, true) })
                foreach ((float alpha, float beta) in new[] { (1f, 0f), (0.5f, 1f), (0f, 0.5f) })
                    foreach (bool relu in new[] { false, true })
                        foreach (int threads in new[] { 1, 2, 3 })
                        {
                            int lda = ta ? m : k, ldb = tb ? k : n;
                            float[] a = KernelCheck.Random(m + k, (ta ? k : m) * lda), b = KernelCheck.Random(k + n, (tb ? n : k) * ldb);
                            float[] bias = KernelCheck.Random(n, n), c0 = KernelCheck.Random(m * n, m * n);
                            float[] expected = (float[])c0.Clone(), actual = (float[])c0.Clone();
                            Gemm.Multiply(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, expected, n, threads, kind);
                            Elementwise.AddRowVector(expected, m, n, bias);
                            if (relu) Elementwise.Relu(expected, expected);
                            Gemm.Multiply(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, actual, n, bias, relu, threads, kind);
                            Assert.True(MemoryMarshal.AsBytes(expected.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(actual.AsSpan())),
                                $"{kind} {m}×{n}×{k} transA={ta} transB={tb} alpha={alpha} beta={beta} relu={relu} threads={threads}");
                        }
    }

    [Fact]
    public void EpilogueMatchesReference()
    {
        const int m = 70, n = 45, k = 300;
        float[] a = KernelCheck.Random(1, m * k), b = KernelCheck.Random(2, n * k), bias = KernelCheck.Random(3, n);
        float[] expected = new float[m * n], magnitude = new float[m * n], actual = new float[m * n];
        GemmReference.Multiply(false, true, m, n, k, 1f, a, k, b, k, 0f, expected, n);
        GemmReference.Multiply(false, true, m, n, k, 1f, KernelCheck.Abs(a), k, KernelCheck.Abs(b), k, 0f, magnitude, n);
        Elementwise.AddRowVector(expected, m, n, bias);
        Gemm.Multiply(false, true, m, n, k, 1f, a, k, b, k, 0f, actual, n, bias, relu: false);
        KernelCheck.AssertClose(expected, actual, "bias epilogue", magnitude);
    }

    [Fact]
    public void ShortBiasIsRejected() =>
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(false, false, 2, 3, 2, 1f, new float[4], 2, new float[6], 3, 0f, new float[6], 3, new float[2], false));
}
