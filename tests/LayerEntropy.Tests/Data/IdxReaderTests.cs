using LayerEntropy.Data;

namespace LayerEntropy.Tests.Data;

public class IdxReaderTests
{
    private static readonly string[] Digits = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    [Fact]
    public void MnistTrainHas60000ImagesAndThePublishedFirstLabels()
    {
        Dataset train = TestData.MnistTrain;
        Assert.Equal((60000, 1, 28, 28), (train.Count, train.Channels, train.Height, train.Width));
        Assert.Equal(60000 * 784, train.Pixels.Length);
        Assert.Equal([5, 0, 4, 1, 9], train.Labels[..5]);
        Assert.Equal([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949], train.ClassCounts());
        Assert.Equal((byte)0, train.Pixels.Min());
        Assert.Equal((byte)255, train.Pixels.Max());
    }

    [Fact]
    public void MnistTestHas10000Images()
    {
        Dataset test = TestData.MnistTest;
        Assert.Equal((10000, 28, 28), (test.Count, test.Height, test.Width));
        Assert.Equal([7, 2, 1, 0, 4], test.Labels[..5]);
    }

    [Fact]
    public void GzipIsRecognisedByContentNotName()
    {
        using var dir = new TempDir();
        byte[] gz = TestData.Bytes("mnist", "t10k-labels-idx1-ubyte.gz");
        string raw = dir.Write("labels.gz", Bytes.Gunzip(gz));
        string compressed = dir.Write("labels.raw", gz);
        Assert.Equal(IdxReader.ReadLabels(compressed, 10), IdxReader.ReadLabels(raw, 10));
        Assert.Equal(10000, IdxReader.ReadLabels(raw, 10).Length);
    }

    [Fact]
    public void TruncatedGzipNamesTheFileAndSaysHowMuchArrived()
    {
        using var dir = new TempDir();
        byte[] gz = TestData.Bytes("mnist", "t10k-images-idx3-ubyte.gz");
        string path = dir.Write("t10k-images-idx3-ubyte.gz", gz[..(gz.Length / 2)]);
        var e = Assert.Throws<LayerEntropyException>(() => IdxReader.ReadImages(path));
        Assert.StartsWith(path + ": truncated: header says 10000 images of 28x28 = 7840000 data bytes, but the decompressed data ends after ", e.Message);
    }

    [Fact]
    public void TruncatedRawFileSaysExpectedAndPresentBytes()
    {
        using var dir = new TempDir();
        string path = dir.Write("images", [.. Bytes.IdxHeader(2051, 10, 28, 28), .. new byte[5 * 784]]);
        var e = Assert.Throws<LayerEntropyException>(() => IdxReader.ReadImages(path));
        Assert.Equal($"{path}: header says 10 images of 28x28 = 7840 data bytes, but the file holds 3920 bytes after the header", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TruncatedHeader(bool gzip)
    {
        using var dir = new TempDir();
        byte[] header = Bytes.IdxHeader(2051, 10, 28, 28)[..10];
        string path = dir.Write("images", gzip ? Bytes.Gzip(header) : header);
        var e = Assert.Throws<LayerEntropyException>(() => IdxReader.ReadImages(path));
        string where = gzip ? "decompressed data" : "file";
        Assert.Equal($"{path}: truncated header: the {where} has 10 bytes, an IDX images header needs 16", e.Message);
    }

    [Fact]
    public void WrongMagicSaysExpectedAndFound()
    {
        string labels = TestData.File("mnist", "t10k-labels-idx1-ubyte.gz");
        var e = Assert.Throws<LayerEntropyException>(() => IdxReader.ReadImages(labels));
        Assert.Equal($"{labels}: wrong magic number: expected 2051 (IDX images), found 2049 (IDX labels)", e.Message);

        using var dir = new TempDir();
        string other = dir.Write("x", Bytes.IdxHeader(0x12345678, 1));
        e = Assert.Throws<LayerEntropyException>(() => IdxReader.ReadLabels(other, 10));
        Assert.Contains($"{other}: wrong magic number: expected 2049 (IDX labels), found 305419896 (0x12345678", e.Message);
    }

    [Fact]
    public void GzipHeaderPromisingMoreThanTheFileCanHoldFailsBeforeAllocating()
    {
        using var dir = new TempDir();
        string path = dir.Write("images.gz", Bytes.Gzip([.. Bytes.IdxHeader(2051, 2_000_000, 28, 28), .. new byte[784]]));
        long length = new FileInfo(path).Length;
        var e = Assert.Throws<LayerEntropyException>(() => IdxReader.ReadImages(path));
        Assert.Equal($"{path}: header says 2000000 images of 28x28 = 1568000000 data bytes, more than a {length}-byte gzip file can hold", e.Message);
    }

    [Fact]
    public void HeaderDimensionsBeyondAnyArrayFail()
    {
        using var dir = new TempDir();
        string path = dir.Write("images", Bytes.IdxHeader(2051, 4_000_000_000, 1000, 1000));
        var e = Assert.Throws<LayerEntropyException>(() => IdxReader.ReadImages(path));
        Assert.Equal($"{path}: header dimensions 4000000000x1000x1000 need more bytes than one array can hold", e.Message);
    }

    [Fact]
    public void DataPastWhatTheHeaderDescribesFails()
    {
        using var dir = new TempDir();
        string raw = dir.Write("labels", [.. Bytes.IdxLabels(1, 2, 3), 4]);
        var e = Assert.Throws<LayerEntropyException>(() => IdxReader.ReadLabels(raw, 10));
        Assert.Equal($"{raw}: header says 3 labels = 3 data bytes, but the file holds 4 bytes after the header", e.Message);

        string gz = dir.Write("labels.gz", Bytes.Gzip([.. Bytes.IdxLabels(1, 2, 3), 4]));
        e = Assert.Throws<LayerEntropyException>(() => IdxReader.ReadLabels(gz, 10));
        Assert.Equal($"{gz}: header says 3 labels = 3 data bytes, but the decompressed data continues past them", e.Message);
    }

    [Fact]
    public void LabelOutOfRangeNamesItsIndex()
    {
        using var dir = new TempDir();
        string path = dir.Write("labels", Bytes.IdxLabels(3, 9, 10, 2));
        var e = Assert.Throws<LayerEntropyException>(() => IdxReader.ReadLabels(path, 10));
        Assert.Equal($"{path}: label 10 at index 2 is out of range 0-9", e.Message);
    }

    [Fact]
    public void ImageAndLabelCountsMustAgree()
    {
        using var dir = new TempDir();
        string images = dir.Write("images", Bytes.IdxImages(3, 2, 2, i => (byte)i));
        string labels = dir.Write("labels", Bytes.IdxLabels(1, 2));
        var e = Assert.Throws<LayerEntropyException>(() => IdxReader.Read(images, labels, "tiny", DatasetSplit.Test, Digits));
        Assert.Equal($"{labels}: holds 2 labels but {images} holds 3 images", e.Message);
    }

    [Fact]
    public void SmallFilesReadExactly()
    {
        using var dir = new TempDir();
        string images = dir.Write("images", Bytes.IdxImages(3, 2, 4, i => (byte)(i * 10)));
        string labels = dir.Write("labels.gz", Bytes.Gzip(Bytes.IdxLabels(7, 0, 9)));
        Dataset data = IdxReader.Read(images, labels, "tiny", DatasetSplit.Train, Digits);
        Assert.Equal((3, 1, 2, 4), (data.Count, data.Channels, data.Height, data.Width));
        Assert.Equal(Enumerable.Range(0, 24).Select(i => (byte)(i * 10)), data.Pixels);
        Assert.Equal([7, 0, 9], data.Labels);
    }

    [Fact]
    public void CorruptGzipNamesTheFile()
    {
        using var dir = new TempDir();
        byte[] gz = TestData.Bytes("mnist", "t10k-labels-idx1-ubyte.gz");
        string path = dir.Write("labels.gz", Bytes.Flip(gz, gz.Length / 2));
        var e = Assert.Throws<LayerEntropyException>(() => IdxReader.ReadLabels(path, 10));
        Assert.StartsWith($"{path}: corrupt gzip data", e.Message);
    }

    [Fact]
    public void MissingFileIsNamed()
    {
        using var dir = new TempDir();
        string path = dir.File("nothing-here.gz");
        var e = Assert.Throws<LayerEntropyException>(() => IdxReader.ReadLabels(path, 10));
        Assert.Equal($"{path}: file not found", e.Message);
    }
}
