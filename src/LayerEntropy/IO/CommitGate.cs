namespace LayerEntropy.IO;

/// <summary>
/// The short moments in which finished files take their names (<see cref="AtomicFile.WriteAll"/>). A process that must
/// stop at once (a second signal, a deadline after the first) waits at <see cref="CloseWhenIdle"/> for the commit in
/// progress to end, and no commit starts after it: the process then exits with every output either old or new.
/// </summary>
internal static class CommitGate
{
    private static readonly object Gate = new();
    private static int active;
    private static bool closed;

    /// <summary>Enters a commit; disposing the result leaves it. Blocks for good once the gate is closed (the process is exiting).</summary>
    public static Scope Enter()
    {
        lock (Gate)
        {
            while (closed) Monitor.Wait(Gate);
            active++;
        }
        return new Scope();
    }

    /// <summary>Waits for the commits in progress to end and lets none start after; returns when no file is being renamed.</summary>
    public static void CloseWhenIdle()
    {
        lock (Gate)
        {
            closed = true;
            while (active > 0) Monitor.Wait(Gate);
        }
    }

    private static void Leave()
    {
        lock (Gate)
        {
            active--;
            Monitor.PulseAll(Gate);
        }
    }

    public readonly struct Scope : IDisposable
    {
        public void Dispose() => Leave();
    }
}
