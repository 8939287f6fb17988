namespace LayerEntropy.Tests.Onnx;

/// <summary>
/// Runs check_onnx.py with Debian's python3, which has the onnx package. A missing interpreter or module fails the
/// test with what to install: these checks are the independent reading of our files and must never pass by skipping.
/// </summary>
internal static class PythonOnnx
{
    private const string Install = "install python3 and python3-onnx (e.g. apt-get install python3-onnx)";

    /// <summary>Checks <paramref name="model"/> and returns the SHA-256 of every initializer, by name.</summary>
    public static Dictionary<string, string> Check(string model, string? input = null, string? reference = null)
    {
        var args = new List<string> { model };
        if (input is not null && reference is not null) args.AddRange([input, reference]);
        string output = DebianPython.Run(System.IO.Path.Combine("Onnx", "check_onnx.py"), args, Install);
        return output.Split('\n').Where(l => l.StartsWith("init ", StringComparison.Ordinal))
            .Select(l => l.Split(' ')).ToDictionary(f => f[1], f => f[2]);
    }
}
