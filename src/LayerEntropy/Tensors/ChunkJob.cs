namespace LayerEntropy.Tensors;

/// <summary>
/// Runs <c>body(chunk, worker)</c> for every chunk in [0, chunks) on the calling thread plus up to threads − 1
/// thread-pool workers. Chunks go to whichever participant asks first; <c>worker</c> is a participant's number in
/// [0, threads), distinct among the participants of one call, so a body can index per-worker scratch with it.
/// What a chunk computes must not depend on which worker runs it: that is what keeps results independent of the
/// thread count.
/// </summary>
/// <remarks>
/// The same scheme as <see cref="GemmJob{TKernel}"/>: the caller takes chunks too, so a call never waits for a
/// worker that has not started (with the pool busy the caller does all the work), and each calling thread keeps a
/// few instances, reusing one that no queued worker still holds, so a call in steady state allocates nothing.
/// The body must not itself run multi-threaded kernels (call <see cref="Gemm"/> with one thread from it).
/// </remarks>
internal sealed class ChunkJob : IThreadPoolWorkItem
{
    private const int Kept = 4;
    [ThreadStatic] private static ChunkJob?[]? kept;

    private readonly ManualResetEventSlim done = new(false);
    private Action<int, int>? body;
    private int chunks, next, unfinished, queued, participants;
    private Exception? error;

    /// <summary>Runs the chunks; with one thread (or one chunk) simply in order on the calling thread.</summary>
    public static void Run(int chunks, int threads, Action<int, int> body)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        int pieces = Math.Min(threads, chunks);
        if (pieces <= 1)
        {
            for (int c = 0; c < chunks; c++) body(c, 0);
            return;
        }
        Free().Start(chunks, pieces, body);
    }

    /// <summary>One of this thread's instances that no queued worker holds (resetting one a worker holds would corrupt it).</summary>
    private static ChunkJob Free()
    {
        var jobs = kept ??= new ChunkJob?[Kept];
        for (int i = 0; i < jobs.Length; i++)
            if (jobs[i] is { } job && Volatile.Read(ref job.queued) == 0) return job;
        int slot = Array.FindIndex(jobs, j => j is null);
        return jobs[slot < 0 ? 0 : slot] = new ChunkJob();
    }

    public void Execute()
    {
        Work();
        Interlocked.Decrement(ref queued);
    }

    private void Start(int chunks, int pieces, Action<int, int> body)
    {
        this.body = body;
        this.chunks = chunks;
        next = 0;
        participants = 0;
        error = null;
        unfinished = chunks;
        queued = pieces - 1;
        done.Reset();
        for (int i = 1; i < pieces; i++) ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        Work();
        if (Volatile.Read(ref unfinished) != 0) done.Wait();
        this.body = null;
        if (error is not null) throw new AggregateException(error);
    }

    private void Work()
    {
        // At most `pieces` participants join one call (the caller and the queued workers), so worker < threads.
        int worker = Interlocked.Increment(ref participants) - 1;
        var run = body;
        for (int c; (c = Interlocked.Increment(ref next) - 1) < chunks;)
        {
            try
            {
                run!(c, worker);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref error, e, null);
            }
            if (Interlocked.Decrement(ref unfinished) == 0) done.Set();
        }
    }
}
