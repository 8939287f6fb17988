using System.Runtime.InteropServices;
using LayerEntropy.Tensors;

namespace LayerEntropy.Tests.Tensors;

/// <summary>
/// The persistent GEMM worker team: calls from several threads at once, and calls nested in Parallel.For bodies,
/// neither deadlock nor mix up each other's work, and give the single-threaded bits.
/// </summary>
[Collection(AloneCollection.Name)]
public class GemmTeamTests
{
    private sealed record Problem(bool TransA, bool TransB, int M, int N, int K, int Seed)
    {
        public float[] A { get; } = KernelCheck.Random(Seed, M * K);
        public float[] B { get; } = KernelCheck.Random(Seed + 1, K * N);
        public float[] Bias { get; } = KernelCheck.Random(Seed + 2, N);

        public float[] Run(int threads, bool epilogue = false)
        {
            var c = new float[M * N];
            Gemm.Multiply(TransA, TransB, M, N, K, 1f, A, TransA ? M : K, B, TransB ? K : N, 0f, c, N,
                epilogue ? Bias : [], relu: epilogue, threads, GemmKernelKind.Auto);
            return c;
        }
    }

    private static Problem[] Problems() =>
    [
        new(false, false, 128, 784 / 4, 512, 1), new(false, true, 200, 120, 300, 2), new(true, false, 64, 300, 260, 3),
        new(true, true, 301, 97, 129, 4), new(false, true, 16, 40, 4000, 5), new(false, false, 2000, 8, 300, 6),
    ];

    private static void AssertSame(float[] expected, float[] actual, string what) =>
        Assert.True(MemoryMarshal.AsBytes(expected.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(actual.AsSpan())), what);

    [Fact]
    public void ConcurrentCallersGetTheirOwnResults()
    {
        Problem[] problems = Problems();
        float[][] expected = problems.Select(p => p.Run(1)).ToArray();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            for (int round = 0; round < 20; round++)
                for (int i = 0; i < problems.Length; i++)
                {
                    int which = (i + t) % problems.Length, count = 2 + (round + t) % 2;
                    if (!MemoryMarshal.AsBytes(problems[which].Run(count).AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(expected[which].AsSpan())))
                        failures.Add($"thread {t} round {round} problem {which} threads {count}");
                }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => Assert.True(t.Join(TimeSpan.FromMinutes(2)), "a GEMM caller did not finish"));
        Assert.Empty(failures);
    }

    [Fact]
    public async Task CallsNestedInParallelForFinish()
    {
        Problem[] problems = Problems();
        float[][] expected = problems.Select(p => p.Run(1, epilogue: true)).ToArray();
        var task = Task.Run(() =>
            Parallel.For(0, 24, i =>
            {
                Problem p = problems[i % problems.Length];
                AssertSame(expected[i % problems.Length], p.Run(2 + i % 2, epilogue: true), $"outer {i}");
                Parallel.For(0, 2, j => AssertSame(expected[(i + j) % problems.Length], problems[(i + j) % problems.Length].Run(2, epilogue: true), $"inner {i},{j}"));
            }));
        await task.WaitAsync(TimeSpan.FromMinutes(2));
    }

    [Fact]
    public void AnyThreadCountGivesTheSameBits()
    {
        foreach (Problem p in Problems())
        {
            float[] one = p.Run(1);
            foreach (int threads in new[] { 2, 3, 4, 7 })
                AssertSame(one, p.Run(threads), $"{p} threads={threads}");
        }
    }

    [Fact]
    public void TeamCallsAllocateNothingOnTheCaller()
    {
        float[] a = KernelCheck.Random(1, 128 * 784), b = KernelCheck.Random(2, 784 * 512), c = new float[128 * 512], bias = KernelCheck.Random(3, 512);
        for (int i = 0; i < 3; i++) Gemm.Multiply(false, true, 128, 512, 784, 1f, a, 784, b, 784, 0f, c, 512, bias, false, 2, GemmKernelKind.Auto);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++)
        {
            Gemm.Multiply(false, true, 128, 512, 784, 1f, a, 784, b, 784, 0f, c, 512, bias, false, 2, GemmKernelKind.Auto);
            Gemm.Multiply(true, false, 128, 512, 784, 1f, a, 128, b, 512, 1f, c, 512, 2, GemmKernelKind.Auto);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
