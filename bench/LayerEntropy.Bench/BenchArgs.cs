using System.Globalization;
using LayerEntropy.Data;
using LayerEntropy.Nn;
using LayerEntropy.Onnx;
using LayerEntropy.Tensors;

namespace LayerEntropy.Bench;

/// <summary>What the comparisons share: option lookup and the 70,000 MNIST images (train then test).</summary>
internal static class BenchArgs
{
    /// <summary>The value after <paramref name="name"/> in <paramref name="args"/>, or <paramref name="fallback"/>.</summary>
    public static string Arg(string[] args, string name, string fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    /// <summary>
    /// The arguments the analysis benchmarks share: MODEL.onnx first, then --threads (default 2, set on
    /// <see cref="Compute.Threads"/>) and --repeats (default 3); null after printing the usage when MODEL is missing.
    /// </summary>
    public static (Sequential Model, int Repeats)? ModelRun(string[] args, string usage)
    {
        if (args.Length == 0 || args[0].StartsWith('-')) { Console.Error.WriteLine($"usage: {usage}"); return null; }
        Compute.Threads = int.Parse(Arg(args, "--threads", "2"), CultureInfo.InvariantCulture);
        int repeats = int.Parse(Arg(args, "--repeats", "3"), CultureInfo.InvariantCulture);
        return (OnnxModelFile.Load(args[0]).Model, repeats);
    }

    public static Dataset AllMnist()
    {
        var catalog = new DatasetCatalog();
        return catalog.Load("mnist", DatasetSplit.Train).Concat(catalog.Load("mnist", DatasetSplit.Test));
    }
}
