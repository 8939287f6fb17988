using System.Diagnostics;
using System.Text.Json;

namespace LayerEntropy.Bench;

/// <summary>Runs one of the PyTorch scripts in bench/ under Debian's /usr/bin/python3 and reads the JSON object it prints.</summary>
internal static class TorchScript
{
    /// <summary>The script's JSON output, or null (after saying why on stderr) when it failed.</summary>
    public static JsonDocument? Run(string script, params string[] args)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, UseShellExecute = false };
        // Debian's torch multiplies through OpenBLAS, which may not recognise a recent CPU and then falls back to its
        // SSE3 kernels (three times slower here); name the widest kernels this CPU runs, as the GEMM comparison does.
        // An OPENBLAS_CORETYPE already set is kept.
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE")))
        {
            if (System.Runtime.Intrinsics.X86.Avx512F.IsSupported) start.Environment["OPENBLAS_CORETYPE"] = "SkylakeX";
            else if (System.Runtime.Intrinsics.X86.Avx2.IsSupported) start.Environment["OPENBLAS_CORETYPE"] = "Haswell";
        }
        start.ArgumentList.Add(Path.Combine(RepoRoot(), "bench", script));
        foreach (string a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode == 0) return JsonDocument.Parse(output);
        Console.Error.WriteLine($"bench/{script} failed (are python3-torch and python3-onnx installed? bench/compare.sh installs them)");
        return null;
    }

    /// <summary>The numbers of the array <paramref name="property"/> of the script's output.</summary>
    public static double[] Seconds(JsonDocument json, string property) =>
        [.. json.RootElement.GetProperty(property).EnumerateArray().Select(e => e.GetDouble())];

    /// <summary>The repository's root (the folder of LayerEntropy.slnx above the running benchmark).</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LayerEntropy.slnx"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}
