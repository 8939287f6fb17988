using System.Diagnostics;
using LayerEntropy.Cli;

namespace LayerEntropy.Tests.Cli;

/// <summary>Runs the command line in this process (fast) or as its own process (to see exactly what a user sees).</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result InProcess(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CliApp.Run(args, output, error);
        return new Result(code, output.ToString(), error.ToString());
    }

    public static Result AsProcess(params string[] args) => AsProcess(args, null);

    /// <summary>Runs the command; when <paramref name="stopWhenErrorContains"/> shows up on stderr, sends it <paramref name="signal"/> (SIGTERM, or e.g. KILL).</summary>
    public static Result AsProcess(string[] args, string? stopWhenErrorContains, string signal = "TERM")
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "LayerEntropy.Cli.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = new System.Text.StringBuilder();
        var stderrDone = Task.Run(() =>
        {
            bool stopped = false;
            while (process.StandardError.ReadLine() is string line)
            {
                lock (stderr) stderr.AppendLine(line);
                if (!stopped && stopWhenErrorContains is not null && line.Contains(stopWhenErrorContains, StringComparison.Ordinal))
                {
                    stopped = true;
                    Process.Start("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
                }
            }
        });
        if (!process.WaitForExit(120_000)) { process.Kill(true); throw new TimeoutException("layerentropy did not finish in 120 s"); }
        stderrDone.Wait();
        return new Result(process.ExitCode, stdout.Result, stderr.ToString());
    }

    /// <summary>One line, naming <paramref name="file"/> and saying <paramref name="problem"/>, and no stack trace.</summary>
    public static void AssertOneLineError(Result r, string file, string problem, int exitCode = CliApp.BadInput)
    {
        Assert.Equal(exitCode, r.ExitCode);
        var lines = r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr, got:\n{r.Error}");
        Assert.Contains(file, lines[0]);
        Assert.Contains(problem, lines[0], StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", r.Error);
    }
}
