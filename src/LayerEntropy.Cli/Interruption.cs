using System.Runtime.InteropServices;
using LayerEntropy.IO;

namespace LayerEntropy.Cli;

/// <summary>
/// How the program stops on SIGINT (Ctrl+C) or SIGTERM: the command's cancellation fires, and every long step (a batch,
/// an epoch, a figure, a file staged for writing) gives up at its next check, writing nothing over earlier outputs.
/// Should a step not return within <see cref="Deadline"/>, or a second signal come, the process waits only for files
/// already taking their names (<see cref="CommitGate"/>) and exits at once. Either way the exit code is 130.
/// </summary>
internal sealed class Interruption : IDisposable
{
    public const string Message = "interrupted: nothing was written over earlier outputs";

    /// <summary>How long a command has to stop by itself after the first signal.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(1.5);

    private readonly CancellationTokenSource source = new();
    private readonly PosixSignalRegistration[] registrations;
    private readonly TextWriter error;
    private int signals;

    private Interruption(TextWriter error)
    {
        this.error = error;
        registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)];
    }

    public CancellationToken Token => source.Token;

    /// <summary>Handles SIGINT and SIGTERM for this process until disposed.</summary>
    public static Interruption Watch(TextWriter error) => new(error);

    private void OnSignal(PosixSignalContext context)
    {
        // The runtime must not end the process itself: the command ends it, or the deadline below does.
        context.Cancel = true;
        if (Interlocked.Increment(ref signals) > 1)
        {
            Exit();
            return;
        }
        source.Cancel();
        var deadline = new Thread(() =>
        {
            Thread.Sleep(Deadline);
            Exit();
        }) { IsBackground = true, Name = "interruption deadline" };
        deadline.Start();
    }

    private void Exit()
    {
        CommitGate.CloseWhenIdle();
        error.WriteLine(Message);
        error.Flush();
        Environment.Exit(CliApp.Interrupted);
    }

    public void Dispose()
    {
        foreach (var r in registrations) r.Dispose();
        source.Dispose();
    }
}
