namespace LayerEntropy.Tensors;

/// <summary>
/// Runs <c>body(chunk, worker)</c> for every chunk in [0, chunks) on the calling thread plus up to threads − 1
/// workers of the <see cref="GemmTeam"/>. Chunks go to whichever participant asks first; <c>worker</c> is a
/// participant's number in [0, threads), distinct among the participants of one call, so a body can index per-worker
/// scratch with it. What a chunk computes must not depend on which worker runs it: that is what keeps results
/// independent of the thread count.
/// </summary>
/// <remarks>
/// The convolutions and the GEMMs thus share one team of threads, so a training step never has more busy threads
/// than asked for. When the team is taken (another thread is multiplying), the caller runs every chunk itself. Each
/// calling thread keeps one instance: a call returns only when every participant is done with it, so a call in
/// steady state allocates nothing. The body must not itself run multi-threaded kernels (call <see cref="Gemm"/> with
/// one thread from it).
/// </remarks>
internal sealed class ChunkJob : GemmTeamWork
{
    [ThreadStatic] private static ChunkJob? kept;

    private Action<int, int>? body;
    private int chunks, next;

    /// <summary>Runs the chunks; with one thread (or one chunk, or the team taken) simply in order on the calling thread.</summary>
    public static void Run(int chunks, int threads, Action<int, int> body)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        int participants = Math.Min(threads, chunks);
        if (participants <= 1 || !GemmTeam.TryEnter())
        {
            for (int c = 0; c < chunks; c++) body(c, 0);
            return;
        }
        var job = kept ??= new ChunkJob();
        job.body = body;
        job.chunks = chunks;
        job.next = 0;
        try
        {
            GemmTeam.Run(job, participants);
        }
        finally
        {
            job.body = null;
            GemmTeam.Exit();
        }
    }

    public override void Execute(int index)
    {
        var run = body!;
        for (int c; (c = Interlocked.Increment(ref next) - 1) < chunks;) run(c, index);
    }
}
