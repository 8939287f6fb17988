using System.Diagnostics;
using System.Globalization;
using LayerEntropy.Tensors;

namespace LayerEntropy.Bench;

/// <summary>
/// Times <see cref="Gemm"/> against OpenBLAS sgemm on the shapes the trainer runs (an MNIST-sized dense layer,
/// a square 1024 problem, their backprop transposes, and small layers), after checking that both agree.
/// </summary>
internal static class GemmComparison
{
    // Same tolerance shape as the unit tests: atol + rtol·Σ|a||b|, which scales with k instead of loosening.
    private const double Atol = 1e-5, Rtol = 1e-4;
    private const int Repetitions = 11;
    private const double MinRepetitionSeconds = 0.02;
    private const int OpenBlasQuietMilliseconds = 250;

    private sealed record Case(string Name, bool TransA, bool TransB, int M, int K, int N);

    public static int Run(string[] args)
    {
        if (!OpenBlas.TryLoad())
        {
            Console.Error.WriteLine("libopenblas.so.0 not found (Debian: apt-get install libopenblas0-pthread)");
            return 1;
        }
        var cases = new List<Case>();
        foreach ((int m, int k, int n) in new[] { (128, 784, 512), (1024, 1024, 1024) })
        {
            cases.Add(new Case("A·B", false, false, m, k, n));
            cases.Add(new Case("Aᵀ·B", true, false, m, k, n));
            cases.Add(new Case("A·Bᵀ", false, true, m, k, n));
        }
        cases.Add(new Case("A·B", false, false, 128, 128, 64));
        cases.Add(new Case("A·B", false, false, 128, 64, 32));

        Console.WriteLine($"GEMM, median GFLOP/s of {Repetitions} repetitions; m,k,n: op(A) is m×k, op(B) is k×n");
        Console.WriteLine($"ours: {Gemm.KernelName(GemmKernelKind.Auto)} kernel; OpenBLAS: {OpenBlas.CoreName()} kernels");
        Console.WriteLine($"{"op",-6} {"m,k,n",-15} {"threads",7} {"ours",8} {"OpenBLAS",9} {"ratio",6}");
        int failures = 0;
        foreach (int threads in new[] { 1, 2 })
            foreach (Case c in cases)
                failures += RunCase(c, threads) ? 0 : 1;
        return failures == 0 ? 0 : 1;
    }

    private static bool RunCase(Case c, int threads)
    {
        var rng = new Random(1234);
        float[] a = Random(rng, c.M * c.K), b = Random(rng, c.K * c.N);
        float[] ours = new float[c.M * c.N], blas = new float[c.M * c.N], magnitude = new float[c.M * c.N];
        int lda = c.TransA ? c.M : c.K, ldb = c.TransB ? c.K : c.N;
        OpenBlas.SetThreads(threads);

        void Ours() => Gemm.Multiply(c.TransA, c.TransB, c.M, c.N, c.K, 1f, a, lda, b, ldb, 0f, ours, c.N, threads, GemmKernelKind.Auto);
        void Blas() => OpenBlas.Sgemm(c.TransA, c.TransB, c.M, c.N, c.K, 1f, a, lda, b, ldb, 0f, blas, c.N);

        Ours();
        Blas();
        OpenBlas.Sgemm(c.TransA, c.TransB, c.M, c.N, c.K, 1f, Abs(a), lda, Abs(b), ldb, 0f, magnitude, c.N);
        string shape = $"{c.M},{c.K},{c.N}";
        for (int i = 0; i < ours.Length; i++)
            if (!(Math.Abs(ours[i] - blas[i]) <= Atol + Rtol * magnitude[i]))
            {
                Console.WriteLine($"{c.Name,-6} {shape,-15} {threads,7}  MISMATCH at {i}: ours {ours[i]}, OpenBLAS {blas[i]}");
                return false;
            }

        double flops = 2.0 * c.M * c.N * c.K;
        (double oursSeconds, double blasSeconds) = MedianSeconds(Ours, Blas);
        double oursRate = flops / oursSeconds / 1e9, blasRate = flops / blasSeconds / 1e9;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{c.Name,-6} {shape,-15} {threads,7} {oursRate,8:F1} {blasRate,9:F1} {oursRate / blasRate,6:F2}"));
        return true;
    }

    /// <summary>
    /// Medians over repetitions of at least 20 ms each (many calls for small shapes): the steady throughput that
    /// training sees, rather than how fast the system wakes a parked worker, which a repetition of a few calls
    /// mostly measures. The two are timed in turn within each repetition, so that load from other processes falls
    /// on both alike.
    /// </summary>
    private static (double Ours, double Blas) MedianSeconds(Action ours, Action blas)
    {
        int oursCalls = CallsPerRepetition(ours), blasCalls = CallsPerRepetition(blas);
        var oursSeconds = new double[Repetitions];
        var blasSeconds = new double[Repetitions];
        for (int r = 0; r < Repetitions; r++)
        {
            // OpenBLAS workers busy-wait for a while after a call; on a 2-core machine they would take a core from ours.
            Thread.Sleep(OpenBlasQuietMilliseconds);
            // Whichever goes first after the pause wakes the idle core for the other: take turns at going first.
            if (r % 2 == 0)
            {
                oursSeconds[r] = Time(ours, oursCalls);
                blasSeconds[r] = Time(blas, blasCalls);
            }
            else
            {
                blasSeconds[r] = Time(blas, blasCalls);
                oursSeconds[r] = Time(ours, oursCalls);
            }
        }
        Array.Sort(oursSeconds);
        Array.Sort(blasSeconds);
        return (oursSeconds[Repetitions / 2], blasSeconds[Repetitions / 2]);
    }

    /// <summary>Doubles the call count until one repetition lasts long enough; this doubles as the warm-up.</summary>
    private static int CallsPerRepetition(Action run)
    {
        int calls = 1;
        while (Time(run, calls) * calls < MinRepetitionSeconds) calls *= 2;
        return calls;
    }

    private static double Time(Action run, int calls)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < calls; i++) run();
        return Stopwatch.GetElapsedTime(start).TotalSeconds / calls;
    }

    private static float[] Random(Random rng, int length)
    {
        var x = new float[length];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(rng.NextDouble() * 2 - 1);
        return x;
    }

    private static float[] Abs(float[] x) => Array.ConvertAll(x, MathF.Abs);
}
