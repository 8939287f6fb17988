using LayerEntropy.Data;

namespace LayerEntropy.Tests.Data;

/// <summary>A folder opened as a streamed dataset gives what the same folder read into memory gives, batch for batch.</summary>
public class StreamedDatasetTests(PngFiles png) : IClassFixture<PngFiles>
{
    [Fact]
    public void Batches_subsets_and_repeats_of_a_streamed_folder_equal_those_of_the_folder_in_memory()
    {
        Dataset streamed = ImageFolder.Open(png.Folder("gray"), ImageTransform.None, skipBad: false).Data;
        Dataset loaded = ImageFolder.Read(png.Folder("gray"));
        Assert.True(streamed.IsStreamed);
        Assert.False(loaded.IsStreamed);
        Assert.Throws<InvalidOperationException>(() => streamed.Pixels);
        Assert.Equal(png.Expected("folder_gray"), loaded.Pixels);

        int[] picks = [5, 0, 3, 3];
        SameBatches(streamed.Subset(picks), loaded.Subset(picks));
        SameBatches(streamed.RepeatChannel(3), loaded.RepeatChannel(3));
        SameBatches(streamed.FilterClasses([1], relabel: true), loaded.FilterClasses([1], relabel: true));
        for (int i = 0; i < loaded.Count; i++) Assert.Equal(loaded.Image(i).ToArray(), streamed.Image(i).ToArray());
    }

    [Fact]
    public void Shuffled_batches_decoded_ahead_on_several_threads_come_in_the_loader_order()
    {
        Dataset streamed = ImageFolder.Open(png.Folder("rgb"), ImageTransform.None, skipBad: false).Data;
        Dataset loaded = streamed.Load();
        var norm = new Normalization([0.5f, 0.4f, 0.3f], [0.2f, 0.25f, 0.3f]);
        foreach (int ahead in new[] { 0, 1, 3 })
        {
            var a = new BatchLoader(streamed, 2, norm) { Shuffle = true, Seed = 7, Ahead = ahead, Workers = 3 };
            var b = new BatchLoader(loaded, 2, norm) { Shuffle = true, Seed = 7 };
            for (int epoch = 0; epoch < 3; epoch++)
                foreach (var (x, y) in Copies(a, epoch).Zip(Copies(b, epoch)))
                {
                    Assert.Equal(y.Indices, x.Indices);
                    Assert.Equal(y.Labels, x.Labels);
                    Assert.Equal(y.Images, x.Images);
                    Assert.All(x.Skipped, Assert.False);
                }
        }
    }

    [Fact]
    public void A_loader_left_early_stops_its_decoding()
    {
        Dataset streamed = ImageFolder.Open(png.Folder("rgb"), ImageTransform.None, skipBad: false).Data;
        var loader = new BatchLoader(streamed, 1, (Normalization?)null);
        for (int round = 0; round < 5; round++) Assert.Single(loader.Epoch().Take(1));
        Assert.Equal(5, loader.Epoch().Count());
    }

    private static void SameBatches(Dataset streamed, Dataset loaded)
    {
        Assert.Equal((loaded.Count, loaded.Channels, loaded.Height, loaded.Width), (streamed.Count, streamed.Channels, streamed.Height, streamed.Width));
        Assert.Equal(loaded.Labels, streamed.Labels);
        Assert.Equal(loaded.ClassNames, streamed.ClassNames);
        var a = Copies(new BatchLoader(streamed, 3, (Normalization?)null), 0);
        var b = Copies(new BatchLoader(loaded, 3, (Normalization?)null), 0);
        Assert.Equal(b.Count, a.Count);
        foreach (var (x, y) in a.Zip(b))
        {
            Assert.Equal(y.Images, x.Images);
            Assert.Equal(y.Labels, x.Labels);
        }
    }

    private static List<(int[] Indices, int[] Labels, float[] Images, bool[] Skipped)> Copies(BatchLoader loader, int epoch) =>
        [.. loader.Epoch(epoch).Select(b => (b.Indices[..b.Count], b.Labels[..b.Count], b.Images.Span.ToArray(), b.Skipped[..b.Count]))];
}
