using System.Diagnostics;

namespace LayerEntropy.Tests;

/// <summary>
/// Runs a committed script with Debian's python3, whose numpy, onnx and torch are the independent readers of our
/// files. A missing interpreter or module (the scripts exit with 3) fails the test with what to install: these
/// checks must never pass by skipping.
/// </summary>
internal static class DebianPython
{
    public const string Path = "/usr/bin/python3";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>Runs the script (relative to the test binaries) and returns what it printed.</summary>
    public static string Run(string script, IEnumerable<string> args, string install, TimeSpan? timeout = null)
    {
        var limit = timeout ?? Timeout;
        if (!File.Exists(Path)) Assert.Fail($"{Path} not found; {install}");
        var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(System.IO.Path.Combine(AppContext.BaseDirectory, script));
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {Path}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill();
            Assert.Fail($"{script} did not finish within {limit}");
        }
        string output = stdout.Result + stderr.Result;
        if (process.ExitCode == 3) Assert.Fail($"{output.Trim()}\n{install}");
        if (process.ExitCode != 0) Assert.Fail($"{script} exited with {process.ExitCode}:\n{output}");
        return output;
    }
}
