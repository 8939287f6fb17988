using LayerEntropy.Data;

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

    public static Dataset AllMnist()
    {
        var catalog = new DatasetCatalog();
        return catalog.Load("mnist", DatasetSplit.Train).Concat(catalog.Load("mnist", DatasetSplit.Test));
    }
}
