using LayerEntropy.Data;

namespace LayerEntropy.Tests.Data;

public class DatasetCatalogTests
{
    private static readonly string[] MnistFiles =
        ["t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"];

    [Theory]
    [InlineData("mnist", 60000, 10000, new byte[] { 5, 0, 4, 1, 9 })]
    [InlineData("fashion-mnist", 60000, 10000, new byte[] { 9, 0, 0, 3, 0 })]
    public void LoadsAndVerifiesTheRealData(string name, int train, int test, byte[] firstTrainLabels)
    {
        using var cache = new TempDir();
        DatasetCatalog catalog = TestData.Catalog(cache);
        Dataset trainSet = catalog.Load(name, DatasetSplit.Train, verify: true);
        Dataset testSet = catalog.Load(name, DatasetSplit.Test, verify: true);
        Assert.Equal((name, DatasetSplit.Train, train, 28, 28), (trainSet.Name, trainSet.Split, trainSet.Count, trainSet.Height, trainSet.Width));
        Assert.Equal((DatasetSplit.Test, test), (testSet.Split, testSet.Count));
        Assert.Equal(firstTrainLabels, trainSet.Labels[..5]);
        Assert.Empty(cache.Files());
    }

    [Fact]
    public void SurveyHashesWhatItFindsAndReportsWhatIsMissing()
    {
        using var cache = new TempDir();
        var survey = TestData.Catalog(cache).Survey().ToDictionary(s => s.Name);

        Assert.Equal(["mnist", "fashion-mnist", "cifar10"], survey.Keys);
        foreach (string name in new[] { "mnist", "fashion-mnist" })
        {
            Assert.Equal(Path.Combine(Path.GetFullPath(TestData.Root), name), survey[name].Folder);
            Assert.True(survey[name].IsReady);
            Assert.All(survey[name].Files, f => Assert.Equal((FileCheck.Ok, "SHA-256 ok"), (f.Check, f.Detail)));
        }
        DatasetStatus cifar = survey["cifar10"];
        Assert.Null(cifar.Folder);
        Assert.Equal(6, cifar.Files.Count);
        Assert.All(cifar.Files, f => Assert.Equal(FileCheck.Missing, f.Check));
        Assert.Contains(cache.File("cifar10", "cifar-10-batches-bin"), cifar.Searched);
        Assert.Equal("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz", cifar.DownloadUrl.ToString());
    }

    [Fact]
    public void NamesAndAliasesAreFoundInAnyCase()
    {
        using var cache = new TempDir();
        DatasetCatalog catalog = TestData.Catalog(cache);
        Assert.Equal("fashion-mnist", catalog.Load("Fashion", DatasetSplit.Test).Name);
        Assert.Equal(["mnist", "fashion-mnist", "cifar10"], DatasetCatalog.Names);
        var e = Assert.Throws<LayerEntropyException>(() => catalog.Load("imagenet", DatasetSplit.Test));
        Assert.Equal("imagenet: unknown dataset; known datasets are mnist, fashion-mnist, cifar10", e.Message);
        var offline = Assert.Throws<LayerEntropyException>(() => catalog.Load("cifar-10", DatasetSplit.Test));
        Assert.StartsWith("cifar10: not found in ", offline.Message);
        Assert.Contains("downloads are turned off", offline.Message);
    }

    [Fact]
    public void AnExplicitFolderIsSearchedFirst()
    {
        using var mine = new TempDir();
        using var cache = new TempDir();
        foreach (string file in MnistFiles[..2]) mine.Copy(TestData.File("mnist", file), $"mnist/{file}");
        var catalog = new DatasetCatalog(mine.Path, TestData.Root, cache.Path, KnownDatasets.All) { AllowDownload = false };

        Assert.Equal([mine.Path, Path.GetFullPath(TestData.Root), cache.Path], catalog.Roots);
        Assert.Equal(10000, catalog.Load("mnist", DatasetSplit.Test, verify: true).Count);
        // The explicit folder lacks the training files, so the survey falls back to where all of them are.
        Assert.Equal(Path.Combine(Path.GetFullPath(TestData.Root), "mnist"), catalog.Survey()[0].Folder);
        Assert.Throws<LayerEntropyException>(() => new DatasetCatalog(mine.File("no-such-folder")));
    }

    [Fact]
    public void DecompressedIdxFilesAreAcceptedAndVerified()
    {
        using var root = new TempDir();
        using var cache = new TempDir();
        foreach (string file in MnistFiles[..2])
        {
            using var gz = new System.IO.Compression.GZipStream(File.OpenRead(TestData.File("mnist", file)), System.IO.Compression.CompressionMode.Decompress);
            using var raw = new MemoryStream();
            gz.CopyTo(raw);
            root.Write($"mnist/{file[..^3]}", raw.ToArray());
        }
        var catalog = new DatasetCatalog(root.Path, null, cache.Path, KnownDatasets.All) { AllowDownload = false };

        var fromRaw = catalog.Load("mnist", DatasetSplit.Test, verify: true);
        Assert.Equal(TestData.MnistTest.Pixels, fromRaw.Pixels);
        Assert.Equal(TestData.MnistTest.Labels, fromRaw.Labels);
        var survey = catalog.Survey()[0];
        Assert.Equal(FileCheck.Ok, survey.Files.Single(f => f.Name == "t10k-images-idx3-ubyte").Check);

        string bad = root.Write("mnist/t10k-labels-idx1-ubyte", Bytes.Flip(File.ReadAllBytes(root.File("mnist", "t10k-labels-idx1-ubyte")), 5000));
        var e = Assert.Throws<LayerEntropyException>(() => catalog.Load("mnist", DatasetSplit.Test, verify: true));
        Assert.StartsWith($"{bad}: SHA-256 is ", e.Message);
    }

    [Fact]
    public void ALocalFileWithTheWrongHashIsNamedWhenVerifying()
    {
        using var root = new TempDir();
        using var cache = new TempDir();
        root.Copy(TestData.File("mnist", "t10k-images-idx3-ubyte.gz"), "mnist/t10k-images-idx3-ubyte.gz");
        string bad = root.Write("mnist/t10k-labels-idx1-ubyte.gz", Bytes.Flip(TestData.Bytes("mnist", "t10k-labels-idx1-ubyte.gz"), 100));
        var catalog = new DatasetCatalog(root.Path, null, cache.Path, KnownDatasets.All) { AllowDownload = false };

        var e = Assert.Throws<LayerEntropyException>(() => catalog.Load("mnist", DatasetSplit.Test, verify: true));
        Assert.StartsWith($"{bad}: SHA-256 is ", e.Message);
        Assert.Contains("expected f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6", e.Message);
        var survey = catalog.Survey()[0];
        Assert.Equal(FileCheck.Mismatch, survey.Files.Single(f => f.Name == "t10k-labels-idx1-ubyte.gz").Check);
        Assert.Equal(FileCheck.Missing, survey.Files.Single(f => f.Name == "train-labels-idx1-ubyte.gz").Check);

        root.Write("mnist/t10k-labels-idx1-ubyte.gz", TestData.Bytes("mnist", "t10k-labels-idx1-ubyte.gz")[..1000]);
        e = Assert.Throws<LayerEntropyException>(() => catalog.Load("mnist", DatasetSplit.Test));
        Assert.StartsWith($"{bad}: size is 1000 bytes, expected 4542", e.Message);
    }

    [Fact]
    public void MissingDatasetWithNoNetworkSaysWhereItLookedAndWhatFailed()
    {
        using var cache = new TempDir();
        Uri closed = LocalHttpServer.ClosedPortUrl();
        var catalog = new DatasetCatalog(null, null, cache.Path, KnownDatasets.All);
        catalog.SetBaseUrl("mnist", closed);

        var e = Assert.Throws<LayerEntropyException>(() => catalog.Load("mnist", DatasetSplit.Test));
        Assert.StartsWith($"mnist: not found in {cache.File("mnist")} and download from {closed}t10k-images-idx3-ubyte.gz failed: ", e.Message);
        Assert.Contains("refused", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith("; put the files in one of those folders or set LAYERENTROPY_DATA", e.Message);
        Assert.Empty(cache.Files());
    }

    [Fact]
    public void DownloadsIntoTheCacheVerifiesAndLoads()
    {
        using var server = new LocalHttpServer();
        foreach (string file in MnistFiles) server.Serve(file, TestData.Bytes("mnist", file));
        using var cache = new TempDir();
        var reports = new List<DownloadProgress>();
        var catalog = new DatasetCatalog(null, null, cache.Path, KnownDatasets.All) { Progress = new SyncProgress(reports) };
        catalog.SetBaseUrl("mnist", server.BaseUrl);

        Assert.Equal(10000, catalog.Load("mnist", DatasetSplit.Test).Count);
        Assert.Equal(MnistFiles[..2].Select(f => Path.Combine("mnist", f)), cache.Files());
        Dataset train = catalog.Load("mnist", DatasetSplit.Train, verify: true);
        Assert.Equal([5, 0, 4, 1, 9], train.Labels[..5]);
        Assert.Equal(MnistFiles.Select(f => Path.Combine("mnist", f)), cache.Files());

        Assert.Equal(4, server.Requests);
        catalog.Load("mnist", DatasetSplit.Train);
        Assert.Equal(4, server.Requests);
        Assert.Contains(reports, r => r.Url.ToString().EndsWith("train-images-idx3-ubyte.gz") && r.BytesReceived == 9_912_422 && r.TotalBytes == 9_912_422);
        Assert.True(new DatasetCatalog(null, null, cache.Path, KnownDatasets.All).Survey()[0].IsReady);
    }

    [Fact]
    public void ACorruptedDownloadIsRejectedAndLeavesNothingInTheCache()
    {
        using var server = new LocalHttpServer();
        byte[] images = TestData.Bytes("mnist", "t10k-images-idx3-ubyte.gz");
        server.Serve("t10k-images-idx3-ubyte.gz", Bytes.Flip(images, images.Length / 2));
        server.Serve("t10k-labels-idx1-ubyte.gz", TestData.Bytes("mnist", "t10k-labels-idx1-ubyte.gz"));
        using var cache = new TempDir();
        var catalog = new DatasetCatalog(null, null, cache.Path, KnownDatasets.All);
        catalog.SetBaseUrl("mnist", server.BaseUrl);

        var e = Assert.Throws<LayerEntropyException>(() => catalog.Load("mnist", DatasetSplit.Test));
        Assert.StartsWith($"{cache.File("mnist", "t10k-images-idx3-ubyte.gz")}: SHA-256 of the download from {server.BaseUrl}t10k-images-idx3-ubyte.gz is ", e.Message);
        Assert.Contains("expected 8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6 (1648877 bytes, expected 1648877); the download was deleted", e.Message);
        Assert.Empty(cache.Files());
        Assert.Empty(Directory.GetDirectories(cache.Path));
    }

    [Fact]
    public void HttpErrorsAndStalledServersAreDownloadFailures()
    {
        using var cache = new TempDir();
        using var empty = new LocalHttpServer();
        // A generous timeout for the 404, so a busy machine cannot turn it into a stall.
        var catalog = new DatasetCatalog(null, null, cache.Path, KnownDatasets.All) { DownloadTimeout = TimeSpan.FromSeconds(30) };
        catalog.SetBaseUrl("fashion", empty.BaseUrl);
        var e = Assert.Throws<LayerEntropyException>(() => catalog.Load("fashion", DatasetSplit.Test));
        Assert.Contains("t10k-images-idx3-ubyte.gz failed: HTTP 404 Not Found; put the files", e.Message);

        using var silent = new LocalHttpServer(silent: true);
        catalog = new DatasetCatalog(null, null, cache.Path, KnownDatasets.All) { DownloadTimeout = TimeSpan.FromSeconds(1) };
        catalog.SetBaseUrl("fashion", silent.BaseUrl);
        e = Assert.Throws<LayerEntropyException>(() => catalog.Load("fashion", DatasetSplit.Test));
        Assert.Contains("t10k-images-idx3-ubyte.gz failed: no data for 1 s after 0 bytes", e.Message);
        Assert.Empty(cache.Files());
    }

    [Fact]
    public void Cifar10ComesOutOfItsArchiveAndIsCheckedBySize()
    {
        byte[][] batches = Enumerable.Range(0, 6).Select(b => Bytes.CifarRecords(2 * b, (byte)b, (byte)(9 - b))).ToArray();
        string[] names = [.. Enumerable.Range(1, 5).Select(i => $"data_batch_{i}.bin"), "test_batch.bin"];
        byte[] archive = Archives.TarGz(names.Select((n, i) => ($"cifar-10-batches-bin/{n}", batches[i])).Append(("cifar-10-batches-bin/readme.html", "hi"u8.ToArray())));
        DatasetSpec tiny = KnownDatasets.Cifar10 with
        {
            TrainFiles = names[..5].Select(n => new DataFileSpec(n, 2 * 3073)).ToArray(),
            TestFiles = [new DataFileSpec(names[5], 2 * 3073)],
            Archive = KnownDatasets.Cifar10.Archive! with { Length = archive.Length, Md5 = Archives.Md5(archive) },
        };
        using var server = new LocalHttpServer();
        server.Serve("cifar-10-binary.tar.gz", archive);
        using var cache = new TempDir();
        var catalog = new DatasetCatalog(null, null, cache.Path, [tiny]);
        catalog.SetBaseUrl("cifar10", server.BaseUrl);

        Dataset train = catalog.Load("cifar-10", DatasetSplit.Train, verify: true);
        Assert.Equal((10, 3, 32, 32), (train.Count, train.Channels, train.Height, train.Width));
        Assert.Equal([0, 9, 1, 8, 2, 7, 3, 6, 4, 5], train.Labels);
        Assert.Equal(Bytes.CifarPixel(9, 2, 31, 30), train.Image(9)[2 * 1024 + 31 * 32 + 30]);
        Assert.Equal(names.Select(n => Path.Combine("cifar-10-batches-bin", n)).Order(StringComparer.Ordinal), cache.Files());
        Assert.Equal(2, catalog.Load("cifar10", DatasetSplit.Test).Count);
        Assert.Equal(1, server.Requests);
        Assert.All(catalog.Survey()[0].Files, f => Assert.Equal(FileCheck.SizeOnly, f.Check));
    }

    /// <summary>Records reports as they happen (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class SyncProgress(List<DownloadProgress> reports) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value)
        {
            lock (reports) reports.Add(value);
        }
    }
}
