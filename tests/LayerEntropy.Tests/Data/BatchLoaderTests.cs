using LayerEntropy.Data;

namespace LayerEntropy.Tests.Data;

public class BatchLoaderTests
{
    private const double Atol = 1e-6, Rtol = 1e-6;

    /// <summary><paramref name="count"/> images of shape channels x 3 x 2 with varied pixels, labels i mod 10.</summary>
    private static Dataset Synthetic(int count, int channels = 1)
    {
        int length = channels * 6;
        byte[] pixels = Enumerable.Range(0, count * length).Select(i => (byte)(i * 37 + i / 7)).ToArray();
        byte[] labels = Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray();
        return new Dataset("synthetic", DatasetSplit.Train, channels, 3, 2, Enumerable.Range(0, 10).Select(i => $"c{i}").ToArray(), pixels, labels);
    }

    private static List<int[]> Orders(BatchLoader loader, int epoch) => loader.Epoch(epoch).Select(b => b.Indices.ToArray()).ToList();

    [Fact]
    public void EveryIndexAppearsOncePerEpochWithAShortLastBatch()
    {
        var loader = new BatchLoader(Synthetic(103), 10) { Shuffle = true, Seed = 5 };
        Assert.Equal(11, loader.BatchCount);
        for (int epoch = 0; epoch < 3; epoch++)
        {
            List<int[]> batches = Orders(loader, epoch);
            Assert.Equal(Enumerable.Repeat(10, 10).Append(3), batches.Select(b => b.Length));
            Assert.Equal(Enumerable.Range(0, 103), batches.SelectMany(b => b).Order());
        }
        Assert.Equal(10, new BatchLoader(Synthetic(103), 10) { DropLast = true }.Epoch().Count());
    }

    [Fact]
    public void ShuffleIsFixedBySeedAndEpoch()
    {
        Dataset data = Synthetic(200);
        var a = new BatchLoader(data, 16) { Shuffle = true, Seed = 42 };
        var b = new BatchLoader(data, 16) { Shuffle = true, Seed = 42 };
        var c = new BatchLoader(data, 16) { Shuffle = true, Seed = 43 };

        Orders(a, 0); // epoch 3 must not depend on which epochs ran before it
        Assert.Equal(Orders(a, 3).SelectMany(x => x), Orders(b, 3).SelectMany(x => x));
        Assert.NotEqual(Orders(a, 3).SelectMany(x => x), Orders(a, 4).SelectMany(x => x));
        Assert.NotEqual(Orders(a, 3).SelectMany(x => x), Orders(c, 3).SelectMany(x => x));
        Assert.Equal(Enumerable.Range(0, 200), Orders(new BatchLoader(data, 16), 3).SelectMany(x => x));
    }

    [Fact]
    public void PixelsScaleExactlyToUnitInterval()
    {
        byte[] all = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var data = new Dataset("ramp", DatasetSplit.Test, 1, 16, 16, ["only"], all, [0]);
        Batch batch = new BatchLoader(data, 1).Epoch().Single();
        Assert.Equal(new[] { 1, 1, 16, 16 }, batch.Images.Shape);
        for (int i = 0; i < 256; i++) Assert.Equal(i / 255f, batch.Images[i]);
        Assert.Equal(0f, batch.Images[0]);
        Assert.Equal(1.0f, batch.Images[255]);
    }

    [Fact]
    public void NormalisationIsPerChannelMeanAndStdOfTheScaledPixels()
    {
        Dataset data = Synthetic(9, channels: 3);
        var norm = new Normalization([0.1f, 0.5f, 0.9f], [0.2f, 0.3f, 0.05f]);
        var loader = new BatchLoader(data, 4, norm) { Shuffle = true, Seed = 1 };
        int seen = 0;
        foreach (Batch batch in loader.Epoch(2))
        {
            Assert.Equal(new[] { batch.Count, 3, 3, 2 }, batch.Images.Shape);
            for (int k = 0; k < batch.Count; k++)
            {
                Assert.Equal(data.Labels[batch.Indices[k]], batch.Labels[k]);
                ReadOnlySpan<byte> image = data.Image(batch.Indices[k]);
                for (int j = 0; j < 18; j++)
                {
                    int c = j / 6;
                    double expected = (image[j] / 255.0 - norm.Mean[c]) / norm.Std[c];
                    double actual = batch.Images[k * 18 + j];
                    Assert.True(Math.Abs(actual - expected) <= Atol + Rtol * Math.Abs(expected), $"image {batch.Indices[k]} value {j}: {actual} vs {expected}");
                }
                seen++;
            }
        }
        Assert.Equal(9, seen);
    }

    [Fact]
    public void BatchBuffersAreReused()
    {
        var loader = new BatchLoader(Synthetic(25), 10) { Shuffle = true };
        Batch[] first = loader.Epoch(0).ToArray();
        Batch[] second = loader.Epoch(1).ToArray();
        Assert.Same(first[0], first[1]);
        Assert.Same(first[0], second[0]);
        Assert.Same(first[2], second[2]);
        Assert.Equal(5, first[2].Count);
        Assert.NotSame(first[0], first[2]);
    }

    [Fact]
    public void LaterEpochsAllocateNothingPerBatch()
    {
        var loader = new BatchLoader(Synthetic(1000), 16) { Shuffle = true };
        foreach (Batch _ in loader.Epoch(0)) { }
        long before = GC.GetAllocatedBytesForCurrentThread();
        int batches = 0;
        foreach (Batch _ in loader.Epoch(1)) batches++;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(63, batches);
        Assert.True(allocated < 1024, $"epoch 1 allocated {allocated} bytes"); // the epoch's enumerator only
    }

    [Fact]
    public void OneEpochAtATime()
    {
        var loader = new BatchLoader(Synthetic(30), 10);
        using IEnumerator<Batch> running = loader.Epoch(0).GetEnumerator();
        Assert.True(running.MoveNext());
        Assert.Throws<InvalidOperationException>(() => loader.Epoch(1).First());
        running.Dispose();
        Assert.Equal(3, loader.Epoch(1).Count());
    }

    [Fact]
    public void NormalisationMustMatchTheChannels()
    {
        Assert.Throws<ArgumentException>(() => new BatchLoader(Synthetic(3, channels: 3), 2, Normalization.Mnist));
        Assert.Throws<ArgumentException>(() => new Normalization([0.5f], [0f]));
    }

    [Fact]
    public void PublishedStatisticsMatchTheTrainingSets()
    {
        AssertClose(Normalization.Mnist, Normalization.Measure(TestData.MnistTrain));
        AssertClose(Normalization.FashionMnist, Normalization.Measure(TestData.FashionTrain));
        Assert.Same(Normalization.FashionMnist, Normalization.ForDataset("fashion"));
        Assert.Null(Normalization.ForDataset("imagenet"));

        static void AssertClose(Normalization published, Normalization measured)
        {
            Assert.Equal(published.Mean[0], measured.Mean[0], 0.00005);
            Assert.Equal(published.Std[0], measured.Std[0], 0.00005);
        }
    }
}
