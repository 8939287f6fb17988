using System.Diagnostics;

namespace LayerEntropy.Tests.Onnx;

/// <summary>
/// Runs check_onnx.py with Debian's python3, which has the onnx package. A missing interpreter or module fails the
/// test with what to install: these checks are the independent reading of our files and must never pass by skipping.
/// </summary>
internal static class PythonOnnx
{
    public const string Python = "/usr/bin/python3";
    private const string Install = "install python3 and python3-onnx (e.g. apt-get install python3-onnx)";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>Checks <paramref name="model"/> and returns the SHA-256 of every initializer, by name.</summary>
    public static Dictionary<string, string> Check(string model, string? input = null, string? reference = null)
    {
        if (!File.Exists(Python)) Assert.Fail($"{Python} not found; {Install}");
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Onnx", "check_onnx.py"));
        start.ArgumentList.Add(model);
        if (input is not null && reference is not null) { start.ArgumentList.Add(input); start.ArgumentList.Add(reference); }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {Python}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill();
            Assert.Fail($"check_onnx.py did not finish within {Timeout}");
        }
        string output = stdout.Result + stderr.Result;
        if (process.ExitCode == 3) Assert.Fail($"{output.Trim()}\n{Install}");
        if (process.ExitCode != 0) Assert.Fail($"check_onnx.py exited with {process.ExitCode}:\n{output}");
        return output.Split('\n').Where(l => l.StartsWith("init ", StringComparison.Ordinal))
            .Select(l => l.Split(' ')).ToDictionary(f => f[1], f => f[2]);
    }
}
