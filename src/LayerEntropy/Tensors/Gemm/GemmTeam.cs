using System.Diagnostics;

namespace LayerEntropy.Tensors;

/// <summary>
/// A persistent team of GEMM worker threads (at most <c>threads − 1</c> are ever used by one call, so with the
/// caller there are no more busy threads than asked for). A worker spins for a short while after its share of a
/// call, so that back-to-back calls start without a wake-up, then blocks.
/// </summary>
/// <remarks>
/// One call owns the team at a time. A caller that finds it taken (several threads multiplying at once, or a GEMM
/// inside a Parallel.For body) runs its call alone on its own thread instead of waiting, so nothing can deadlock
/// and a busy machine is not oversubscribed further. Workers only ever run GEMM shares and convolution chunks
/// (<see cref="ChunkJob"/>), never user code.
/// </remarks>
internal static class GemmTeam
{
    /// <summary>How long an idle worker keeps polling for the next call before it blocks.</summary>
    private static readonly long IdleSpinTicks = Stopwatch.Frequency / 20_000; // 50 µs

    private static readonly Lock Growing = new();
    private static Worker[] workers = [];
    private static int busy;
    private static int pending;
    private static Exception? error;

    /// <summary>Takes the team for one call, or returns false when another call has it.</summary>
    public static bool TryEnter() => Interlocked.CompareExchange(ref busy, 1, 0) == 0;

    public static void Exit() => Volatile.Write(ref busy, 0);

    /// <summary>
    /// Runs <c>work.Execute(i)</c> for i in 0..participants, index 0 on the calling thread, and returns when all
    /// are done. Only between <see cref="TryEnter"/> and <see cref="Exit"/>.
    /// </summary>
    public static void Run(GemmTeamWork work, int participants)
    {
        Debug.Assert(Volatile.Read(ref busy) == 1);
        Worker[] team = Workers(participants - 1);
        error = null;
        Volatile.Write(ref pending, participants - 1);
        for (int i = 1; i < participants; i++) team[i - 1].Assign(work);
        try
        {
            work.Execute(0);
        }
        finally
        {
            // Workers finish at about the same time as the caller (shares are balanced), so this spin is short.
            var spin = new SpinWait();
            while (Volatile.Read(ref pending) != 0) spin.SpinOnce(sleep1Threshold: -1);
        }
        if (error is { } e) throw new AggregateException(e);
    }

    private static Worker[] Workers(int count)
    {
        Worker[] team = Volatile.Read(ref workers);
        if (team.Length >= count) return team;
        lock (Growing)
        {
            team = workers;
            if (team.Length >= count) return team;
            var grown = new Worker[count];
            team.CopyTo(grown, 0);
            for (int i = team.Length; i < count; i++) grown[i] = new Worker(i + 1);
            Volatile.Write(ref workers, grown);
            return grown;
        }
    }

    private sealed class Worker
    {
        private readonly int index;
        private readonly SemaphoreSlim wake = new(0);
        private GemmTeamWork? assigned;
        private int sleeping;

        public Worker(int index)
        {
            this.index = index;
            new Thread(Loop) { IsBackground = true, Name = $"LayerEntropy GEMM {index}" }.Start();
        }

        public void Assign(GemmTeamWork work)
        {
            Volatile.Write(ref assigned, work);
            // Full fence between publishing the work and reading the flag; the worker fences the other way round.
            if (Interlocked.Exchange(ref sleeping, 0) == 1) wake.Release();
        }

        private void Loop()
        {
            while (true)
            {
                GemmTeamWork work = Next();
                try
                {
                    work.Execute(index);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref error, e, null);
                }
                finally
                {
                    Interlocked.Decrement(ref pending);
                }
            }
        }

        private GemmTeamWork Next()
        {
            while (true)
            {
                long start = Stopwatch.GetTimestamp();
                int polls = 0;
                GemmTeamWork? work;
                while ((work = Volatile.Read(ref assigned)) is null)
                {
                    Thread.SpinWait(16);
                    if ((++polls & 63) == 0 && Stopwatch.GetTimestamp() - start > IdleSpinTicks) break;
                }
                if (work is null)
                {
                    Interlocked.Exchange(ref sleeping, 1);
                    if (Volatile.Read(ref assigned) is null)
                    {
                        wake.Wait();
                        continue;
                    }
                    // Work arrived after all: if the caller saw the flag it has released the semaphore, consume that.
                    if (Interlocked.Exchange(ref sleeping, 0) == 0) wake.Wait();
                    work = Volatile.Read(ref assigned)!;
                }
                Volatile.Write(ref assigned, null);
                return work;
            }
        }
    }
}
