using System.Diagnostics;
using LayerEntropy.Tensors;

namespace LayerEntropy.Bench;

/// <summary>
/// The bootstrap's firing-count product at the shape of one MNIST class through the README's first layer:
/// 200 resamples × 7,000 inputs × 512 units, for each instruction kind this CPU runs, on 1 and 2 threads.
/// </summary>
internal static class FiringProductBench
{
    public static int Run()
    {
        const int Rows = 200, K = 7000, Units = 512, Words = Units / 64, Calls = 10;
        var random = new Random(1);
        var a = new byte[Rows * K];
        for (int i = 0; i < a.Length; i++) a[i] = (byte)random.Next(4);
        var bits = new ulong[K * Words];
        for (int i = 0; i < bits.Length; i++) bits[i] = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40);
        var c = new int[Rows * FiringProduct.Stride(Units)];
        var saved = (FiringProduct.Instructions, Compute.Threads);
        var kinds = new List<FiringProduct.Kind>();
        if (System.Runtime.Intrinsics.X86.Avx2.IsSupported) kinds.Add(FiringProduct.Kind.Avx2);
        if (System.Runtime.Intrinsics.X86.AvxVnni.IsSupported) kinds.Add(FiringProduct.Kind.AvxVnni);
        Console.WriteLine($"firing-count product {Rows}×{K}×{Units}, median of 5 runs of {Calls} calls, 10⁹ multiply-adds a second");
        try
        {
            foreach (var kind in kinds)
                foreach (int threads in new[] { 1, 2 })
                {
                    FiringProduct.Instructions = kind;
                    Compute.Threads = threads;
                    FiringProduct.Multiply(a, 0, K, Rows, bits, 0, Words, K, Units, c);
                    var times = Enumerable.Range(0, 5).Select(_ =>
                    {
                        var clock = Stopwatch.StartNew();
                        for (int i = 0; i < Calls; i++) FiringProduct.Multiply(a, 0, K, Rows, bits, 0, Words, K, Units, c);
                        return clock.Elapsed.TotalSeconds;
                    }).Order().ToArray();
                    Console.WriteLine($"{kind,-8} {threads} thread{(threads > 1 ? "s" : " ")} {(double)Calls * Rows * K * Units / times[2] / 1e9,8:F1}");
                }
        }
        finally
        {
            (FiringProduct.Instructions, Compute.Threads) = saved;
        }
        return 0;
    }
}
