namespace LayerEntropy.Tensors;

/// <summary>
/// Splits one GEMM into at most <c>threads</c> pieces of whole register tiles (rows or columns of C, never k) and runs
/// them on the calling thread plus thread-pool workers. Each calling thread keeps a few instances and reuses any
/// that no queued worker still holds, so a call in steady state allocates nothing.
/// </summary>
/// <remarks>
/// Pieces go to whichever thread asks first and the caller takes pieces too, so a call never waits for a worker
/// that has not started: with the pool busy (say, GEMMs issued from inside a Parallel.For) the caller simply does
/// all the work. A worker that starts after every piece is done finds nothing to do and leaves; until it has, its
/// instance is not reused, and the caller takes another one rather than wait for it.
/// </remarks>
internal sealed class GemmJob<TKernel> : IThreadPoolWorkItem where TKernel : struct, IGemmKernel
{
    private const int Kept = 4;
    [ThreadStatic] private static GemmJob<TKernel>?[]? kept;

    private readonly ManualResetEventSlim done = new(false);
    private GemmProblem problem;
    private bool splitRows;
    private int units, pieces, next, unfinished, queued;
    private Exception? error;

    public static void Run(in GemmProblem p, int threads)
    {
        // Splitting the longer side keeps the pieces wide enough for full tiles, and only the other operand's
        // packing is repeated per piece.
        bool splitRows = p.M >= p.N;
        int units = splitRows ? Ceil(p.M, TKernel.MR) : Ceil(p.N, TKernel.NR);
        int pieces = Math.Min(threads, units);
        if (pieces <= 1)
        {
            GemmDriver<TKernel>.Run(p, 0, p.M, 0, p.N);
            return;
        }
        Free().Start(p, splitRows, units, pieces);
    }

    /// <summary>One of this thread's instances that no queued worker holds (resetting one a worker holds would corrupt it).</summary>
    private static GemmJob<TKernel> Free()
    {
        var jobs = kept ??= new GemmJob<TKernel>?[Kept];
        for (int i = 0; i < jobs.Length; i++)
            if (jobs[i] is { } job && Volatile.Read(ref job.queued) == 0) return job;
        int slot = Array.FindIndex(jobs, j => j is null);
        // Every kept instance is still held: replace one (its worker keeps it alive until it leaves).
        return jobs[slot < 0 ? 0 : slot] = new GemmJob<TKernel>();
    }

    public void Execute()
    {
        Work();
        Interlocked.Decrement(ref queued);
    }

    private void Start(in GemmProblem p, bool splitRows, int units, int pieces)
    {
        problem = p;
        this.splitRows = splitRows;
        this.units = units;
        this.pieces = pieces;
        next = 0;
        error = null;
        unfinished = pieces;
        queued = pieces - 1;
        done.Reset();
        for (int i = 1; i < pieces; i++) ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        Work();
        if (Volatile.Read(ref unfinished) != 0) done.Wait();
        problem = default;
        if (error is not null) throw new AggregateException(error);
    }

    private void Work()
    {
        for (int i; (i = Interlocked.Increment(ref next) - 1) < pieces;)
        {
            try
            {
                int u0 = (int)((long)i * units / pieces), u1 = (int)((long)(i + 1) * units / pieces);
                if (splitRows)
                    GemmDriver<TKernel>.Run(problem, u0 * TKernel.MR, Math.Min(u1 * TKernel.MR, problem.M), 0, problem.N);
                else
                    GemmDriver<TKernel>.Run(problem, 0, problem.M, u0 * TKernel.NR, Math.Min(u1 * TKernel.NR, problem.N));
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref error, e, null);
            }
            finally
            {
                if (Interlocked.Decrement(ref unfinished) == 0) done.Set();
            }
        }
    }

    private static int Ceil(int x, int d) => (x + d - 1) / d;
}
