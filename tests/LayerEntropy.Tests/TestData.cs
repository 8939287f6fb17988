using LayerEntropy.Data;

namespace LayerEntropy.Tests;

/// <summary>
/// The real MNIST and Fashion-MNIST files, found through LAYERENTROPY_DATA. Tests that need them fail
/// (they never pass silently) when the variable is unset or points at the wrong folder.
/// </summary>
internal static class TestData
{
    private static readonly Lazy<Dataset> mnistTrain = new(() => Load("mnist", DatasetSplit.Train));
    private static readonly Lazy<Dataset> mnistTest = new(() => Load("mnist", DatasetSplit.Test));
    private static readonly Lazy<Dataset> fashionTrain = new(() => Load("fashion-mnist", DatasetSplit.Train));

    public static Dataset MnistTrain => mnistTrain.Value;
    public static Dataset MnistTest => mnistTest.Value;
    public static Dataset FashionTrain => fashionTrain.Value;

    public static string Root
    {
        get
        {
            string? root = Environment.GetEnvironmentVariable(DatasetCatalog.DataVariable);
            if (string.IsNullOrEmpty(root))
                throw new InvalidOperationException($"{DatasetCatalog.DataVariable} is not set: point it at the folder that holds mnist/ and fashion-mnist/");
            if (!System.IO.File.Exists(Path.Combine(root, "mnist", "t10k-labels-idx1-ubyte.gz")))
                throw new InvalidOperationException($"{DatasetCatalog.DataVariable}={root} has no mnist/t10k-labels-idx1-ubyte.gz");
            return root;
        }
    }

    public static string File(string dataset, string name) => Path.Combine(Root, dataset, name);

    public static byte[] Bytes(string dataset, string name) => System.IO.File.ReadAllBytes(File(dataset, name));

    /// <summary>A catalog that sees only the real data root and an empty cache of its own.</summary>
    public static DatasetCatalog Catalog(TempDir cache) => new(null, Root, cache.Path, KnownDatasets.All) { AllowDownload = false };

    private static Dataset Load(string name, DatasetSplit split)
    {
        using var cache = new TempDir();
        return Catalog(cache).Load(name, split);
    }
}
