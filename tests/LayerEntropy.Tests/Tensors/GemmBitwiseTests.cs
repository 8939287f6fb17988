using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using LayerEntropy.Tensors;

namespace LayerEntropy.Tests.Tensors;

/// <summary>
/// Pins the exact bits each kernel produces: every C element is the sum of one FMA accumulation per KC block of k,
/// blocks added to C in k order, whatever the tiling, blocking or threading. A change that reorders that sum
/// changes trained models and analysis results, so it must show up here.
/// </summary>
public class GemmBitwiseTests
{
    /// <summary>
    /// SHA-256 over the results of <see cref="Cases"/> per kernel, recorded before the threading and blocking were
    /// reworked. The two FMA kernels accumulate alike, so they agree.
    /// </summary>
    private static readonly Dictionary<GemmKernelKind, string> Recorded = new()
    {
        [GemmKernelKind.Avx512] = "808575A20EB33DF60E76D08A0A11FCDF189D16F6E26D7CE4FA927091726362A2",
        [GemmKernelKind.Avx2] = "808575A20EB33DF60E76D08A0A11FCDF189D16F6E26D7CE4FA927091726362A2",
        [GemmKernelKind.Vector128] = "66CD608816B806A255BFC9266083DC264D1C627B440990BF9F3411E83320104B",
    };

    private static IEnumerable<(bool TransA, bool TransB, int M, int K, int N, float Alpha, float Beta, int Pad)> Cases()
    {
        (int M, int K, int N)[] shapes =
        [
            (1, 1, 1), (7, 13, 256), (6, 513, 16), (97, 129, 257), (301, 300, 40), (40, 513, 301), (128, 784, 512),
            (128, 128, 64), (128, 64, 32), (33, 1000, 65), (1000, 33, 17), (512, 600, 520), (9, 2050, 300), (200, 257, 1030),
        ];
        foreach ((int m, int k, int n) in shapes)
            foreach ((bool ta, bool tb) in new[] { (false, false), (true, false), (false, true), (true, true) })
                foreach ((float alpha, float beta, int pad) in new[] { (1f, 0f, 0), (0.5f, 1f, 3), (-1.5f, 0.25f, 1) })
                    yield return (ta, tb, m, k, n, alpha, beta, pad);
    }

    [Theory]
    [InlineData("Avx512")]
    [InlineData("Avx2")]
    [InlineData("Vector128")]
    public void ResultsMatchRecordedBits(string kernel)
    {
        var kind = Enum.Parse<GemmKernelKind>(kernel);
        if (!Gemm.IsSupported(kind)) return;
        using var all = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var log = new StringBuilder();
        foreach (var c in Cases())
        {
            int lda = (c.TransA ? c.M : c.K) + c.Pad, ldb = (c.TransB ? c.K : c.N) + c.Pad, ldc = c.N + c.Pad;
            float[] a = KernelCheck.Random(c.M + c.K, (c.TransA ? c.K : c.M) * lda);
            float[] b = KernelCheck.Random(c.K + c.N, (c.TransB ? c.N : c.K) * ldb);
            float[] c0 = KernelCheck.Random(c.M * 3 + c.N, c.M * ldc);
            byte[]? first = null;
            foreach (int threads in new[] { 1, 2, 3 })
            {
                float[] result = (float[])c0.Clone();
                Gemm.Multiply(c.TransA, c.TransB, c.M, c.N, c.K, c.Alpha, a, lda, b, ldb, c.Beta, result, ldc, threads, kind);
                byte[] bytes = MemoryMarshal.AsBytes(result.AsSpan()).ToArray();
                if (first is null)
                {
                    first = bytes;
                    all.AppendData(bytes);
                    log.AppendLine($"{c} {Convert.ToHexString(SHA256.HashData(bytes))}");
                }
                else Assert.True(first.AsSpan().SequenceEqual(bytes), $"{kind} {c}: {threads} threads differ from 1");
            }
        }
        string hash = Convert.ToHexString(all.GetHashAndReset());
        if (Environment.GetEnvironmentVariable("GEMM_HASH_LOG") is { } dir) File.WriteAllText(Path.Combine(dir, $"{kind}.txt"), log.ToString() + hash + "\n");
        Assert.Equal(Recorded[kind], hash);
    }
}
