namespace LayerEntropy.Data;

/// <summary>
/// The datasets the catalog can find or download, with the sizes and SHA-256s of the published files
/// (MNIST and Fashion-MNIST) and of their decompressed forms, which are accepted in their place. CIFAR-10's batch files have no published checksum, only the archive's MD5,
/// so once extracted they are checked by size alone.
/// </summary>
internal static class KnownDatasets
{
    public static readonly DatasetSpec Mnist = new(
        "mnist", [], ["mnist"], DatasetFormat.Idx,
        ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
        [
            new("train-images-idx3-ubyte.gz", 9_912_422, "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
                new("train-images-idx3-ubyte", 47_040_016, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db")),
            new("train-labels-idx1-ubyte.gz", 28_881, "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
                new("train-labels-idx1-ubyte", 60_008, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5")),
        ],
        [
            new("t10k-images-idx3-ubyte.gz", 1_648_877, "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
                new("t10k-images-idx3-ubyte", 7_840_016, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7")),
            new("t10k-labels-idx1-ubyte.gz", 4_542, "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
                new("t10k-labels-idx1-ubyte", 10_008, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2")),
        ],
        new Uri("https://ossci-datasets.s3.amazonaws.com/mnist/"));

    public static readonly DatasetSpec FashionMnist = new(
        "fashion-mnist", ["fashion"], ["fashion-mnist"], DatasetFormat.Idx,
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"],
        [
            new("train-images-idx3-ubyte.gz", 26_421_880, "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
                new("train-images-idx3-ubyte", 47_040_016, "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888")),
            new("train-labels-idx1-ubyte.gz", 29_515, "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
                new("train-labels-idx1-ubyte", 60_008, "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9")),
        ],
        [
            new("t10k-images-idx3-ubyte.gz", 4_422_102, "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
                new("t10k-images-idx3-ubyte", 7_840_016, "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b")),
            new("t10k-labels-idx1-ubyte.gz", 5_148, "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
                new("t10k-labels-idx1-ubyte", 10_008, "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34")),
        ],
        new Uri("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"));

    private const long CifarBatchLength = 10_000L * Cifar10Reader.RecordLength; // 30,730,000

    public static readonly DatasetSpec Cifar10 = new(
        "cifar10", ["cifar-10"],
        ["cifar-10-batches-bin", "cifar10/cifar-10-batches-bin", "cifar-10/cifar-10-batches-bin"],
        DatasetFormat.Cifar10Binary, Cifar10Reader.ClassNames,
        Enumerable.Range(1, 5).Select(i => new DataFileSpec($"data_batch_{i}.bin", CifarBatchLength)).ToArray(),
        [new("test_batch.bin", CifarBatchLength)],
        new Uri("https://www.cs.toronto.edu/~kriz/"),
        new ArchiveSpec("cifar-10-binary.tar.gz", 170_052_171, "c32a1d4ab5d03f1284b67883e8d87530", "cifar-10-batches-bin"));

    public static IReadOnlyList<DatasetSpec> All => [Mnist, FashionMnist, Cifar10];
}
