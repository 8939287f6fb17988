using LayerEntropy.Data;

namespace LayerEntropy.Tests.Data;

public class Cifar10ReaderTests
{
    [Fact]
    public void RecordsBecomeChwImagesInFileOrder()
    {
        using var dir = new TempDir();
        string first = dir.Write("data_batch_1.bin", Bytes.CifarRecords(0, 3, 0, 9));
        string second = dir.Write("data_batch_2.bin", Bytes.CifarRecords(3, 6));

        Dataset data = Cifar10Reader.Read([first, second], "cifar10", DatasetSplit.Train);

        Assert.Equal((4, 3, 32, 32), (data.Count, data.Channels, data.Height, data.Width));
        Assert.Equal([3, 0, 9, 6], data.Labels);
        Assert.Equal("airplane", data.ClassNames[0]);
        Assert.Equal("truck", data.ClassNames[9]);
        for (int r = 0; r < 4; r++)
            for (int c = 0; c < 3; c++)
                foreach ((int y, int x) in new[] { (0, 0), (0, 31), (1, 0), (17, 5), (31, 31) })
                    Assert.Equal(Bytes.CifarPixel(r, c, y, x), data.Pixels[((r * 3 + c) * 32 + y) * 32 + x]);
    }

    [Fact]
    public void LengthThatIsNotWholeRecordsIsNamed()
    {
        using var dir = new TempDir();
        string path = dir.Write("data_batch_1.bin", [.. Bytes.CifarRecords(0, 1, 2), 0, 0, 0, 0, 0]);
        var e = Assert.Throws<LayerEntropyException>(() => Cifar10Reader.Read([path], "cifar10", DatasetSplit.Train));
        Assert.Equal($"{path}: length 6151 bytes is not a whole number of 3073-byte CIFAR-10 records", e.Message);
    }

    [Fact]
    public void EmptyFileIsNamed()
    {
        using var dir = new TempDir();
        string path = dir.Write("test_batch.bin", []);
        var e = Assert.Throws<LayerEntropyException>(() => Cifar10Reader.Read([path], "cifar10", DatasetSplit.Test));
        Assert.Equal($"{path}: length 0 bytes is not a whole number of 3073-byte CIFAR-10 records", e.Message);
    }

    [Fact]
    public void LabelOutOfRangeIsNamed()
    {
        using var dir = new TempDir();
        string path = dir.Write("test_batch.bin", Bytes.CifarRecords(0, 1, 10));
        var e = Assert.Throws<LayerEntropyException>(() => Cifar10Reader.Read([path], "cifar10", DatasetSplit.Test));
        Assert.Equal($"{path}: label 10 in record 1 is out of range 0-9", e.Message);
    }

    [Fact]
    public void MissingFileIsNamed()
    {
        using var dir = new TempDir();
        string path = dir.File("data_batch_1.bin");
        var e = Assert.Throws<LayerEntropyException>(() => Cifar10Reader.Read([path], "cifar10", DatasetSplit.Train));
        Assert.Equal($"{path}: file not found", e.Message);
    }
}
