using System.Diagnostics;

namespace LayerEntropy.Tests.Cli;

/// <summary>
/// The command line as its own process, for what only a process shows: signals, kills, two commands at once. Every
/// run sets SOURCE_DATE_EPOCH, so that two runs of one command write the same bytes.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    public const string Epoch = "1780000000";

    private readonly Process process;
    private readonly Task<string> stdout, stderr;
    private readonly Stopwatch clock = Stopwatch.StartNew();

    private CliProcess(string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "LayerEntropy.Cli.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["SOURCE_DATE_EPOCH"] = Epoch;
        start.Environment["LAYERENTROPY_DATA"] = TestData.Root;
        process = Process.Start(start)!;
        stdout = process.StandardOutput.ReadToEndAsync();
        stderr = process.StandardError.ReadToEndAsync();
    }

    public static CliProcess Start(params string[] args) => new(args);

    /// <summary>Runs the command to its end.</summary>
    public static CliRunner.Result Run(params string[] args)
    {
        using var p = Start(args);
        return p.Wait();
    }

    /// <summary>Runs the command to its end, which must be a success, and says how long it took.</summary>
    public static TimeSpan Time(params string[] args)
    {
        using var p = Start(args);
        var r = p.Wait();
        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}: {r.Error}");
        return p.Elapsed;
    }

    public bool HasExited => process.HasExited;

    public TimeSpan Elapsed => clock.Elapsed;

    /// <summary>Sends <paramref name="signal"/> (TERM, INT, KILL) when <paramref name="after"/> has passed since the start; false when the process had ended before.</summary>
    public bool SignalAt(TimeSpan after, string signal)
    {
        var wait = after - clock.Elapsed;
        if (wait > TimeSpan.Zero && process.WaitForExit(wait)) return false;
        if (process.HasExited) return false;
        using var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
        return true;
    }

    /// <summary>Waits for the end (at most <paramref name="limit"/>, two minutes by default).</summary>
    public CliRunner.Result Wait(TimeSpan? limit = null)
    {
        if (!process.WaitForExit(limit ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(true);
            throw new TimeoutException($"layerentropy did not end within {(limit ?? TimeSpan.FromMinutes(2)).TotalSeconds} s");
        }
        process.WaitForExit();
        return new CliRunner.Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(true);
        process.Dispose();
    }
}
