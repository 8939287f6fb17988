using LayerEntropy.Cli;
using LayerEntropy.Data;

namespace LayerEntropy.Tests.Data;

/// <summary>x = (v·scale − mean[c]) / std[c] in the batches, checked against plain arithmetic; the old byte path unchanged bit for bit.</summary>
public class PreprocessingTests
{
    private const double Atol = 1e-6, Rtol = 1e-6;

    private static Dataset Bytes(int count, int channels) => new("bytes", DatasetSplit.Train, channels, 3, 2, ["a", "b", "c"],
        Enumerable.Range(0, count * channels * 6).Select(i => (byte)(i * 37 + i / 7)).ToArray(), Enumerable.Range(0, count).Select(i => (byte)(i % 3)).ToArray());

    private static Dataset Floats(int count, int channels)
    {
        var random = new Random(11);
        float[] values = Enumerable.Range(0, count * channels * 6).Select(_ => (float)(random.NextDouble() * 40 - 15)).ToArray();
        return Dataset.FromValues("floats", DatasetSplit.Given, channels, 3, 2, ["a", "b", "c"], values, Enumerable.Range(0, count).Select(i => (byte)(i % 3)).ToArray());
    }

    /// <summary>The preprocessing of the command line's text: the scale, mean and std as the options give them.</summary>
    private static Preprocessing Parse(string? scale, string? mean, string? std, Dataset data) =>
        Preprocessing.Of(OptionText.Scale(scale), OptionText.Means(mean), OptionText.Stds(std), data);

    /// <summary>Every batch of an epoch, concatenated in dataset order.</summary>
    private static float[] All(BatchLoader loader) => loader.Epoch().SelectMany(b => b.Images.Span.ToArray()).ToArray();

    [Fact]
    public void TheByteScaleIsTheOldArithmeticBitForBit()
    {
        Dataset data = Bytes(11, 3);
        var norm = Normalization.Cifar10;
        float[] normalised = All(new BatchLoader(data, 4, norm));
        Assert.Equal(normalised, All(new BatchLoader(data, 4, new Preprocessing(Preprocessing.ByteScale, norm.Mean, norm.Std))));
        Assert.Equal(normalised, All(new BatchLoader(data, 4, Parse("1/255", "0.4914,0.4822,0.4465", "0.2470,0.2435,0.2616", data))));
        Assert.Equal(All(new BatchLoader(data, 4)), All(new BatchLoader(data, 4, Preprocessing.Default(data))));

        // The offset and divisor the loader has always used: (b − 255·mean) / (255·std), and b / 255 without normalisation.
        for (int i = 0; i < data.Pixels.Length; i++)
        {
            int c = i % 18 / 6;
            float offset = (float)(255.0 * norm.Mean[c]), divisor = (float)(255.0 * norm.Std[c]);
            Assert.Equal(BitConverter.SingleToInt32Bits((data.Pixels[i] - offset) / divisor), BitConverter.SingleToInt32Bits(normalised[i]));
        }
        Assert.Equal(data.Pixels.Select(b => b / 255f), All(new BatchLoader(data, 5, Preprocessing.Default(data))));
    }

    [Theory]
    [InlineData(0.5, new[] { 1f, 2f, 3f }, new[] { 2f, 4f, 8f })]
    [InlineData(1.0 / 127.5, new[] { 1f }, new[] { 1f })]
    [InlineData(1.0, new[] { 127.5f }, new[] { 64f })]
    [InlineData(0.001, new[] { -0.2f, 0f, 0.3f }, new[] { 0.5f })]
    public void ScaledBytesMatchThePlainFormula(double scale, float[] mean, float[] std)
    {
        Dataset data = Bytes(7, 3);
        var p = new Preprocessing(scale, mean, std);
        float[] actual = All(new BatchLoader(data, 3, p) { Shuffle = false });
        for (int i = 0; i < actual.Length; i++)
        {
            int c = i % 18 / 6;
            double expected = (data.Pixels[i] * scale - mean[mean.Length == 1 ? 0 : c]) / std[std.Length == 1 ? 0 : c];
            Assert.True(Math.Abs(actual[i] - expected) <= Atol + Rtol * Math.Abs(expected), $"value {i}: {actual[i]} vs {expected}");
        }
    }

    [Fact]
    public void FloatInputsAreUsedAsStoredByDefault()
    {
        Dataset data = Floats(9, 2);
        Assert.Equal(1, Preprocessing.Default(data).Scale);
        Assert.Equal(data.Values, All(new BatchLoader(data, 4)));
        Assert.Equal(data.Values, All(new BatchLoader(data, 2, Preprocessing.Default(data))));
    }

    [Theory]
    [InlineData(1.0, new[] { 0.5f }, new[] { 0.25f })]
    [InlineData(2.0, new[] { -1f, 3f }, new[] { 4f, 0.5f })]
    [InlineData(1.0 / 255, new[] { 0.1f, 0.2f }, new[] { 0.3f, 0.4f })]
    public void ScaledFloatsMatchThePlainFormula(double scale, float[] mean, float[] std)
    {
        Dataset data = Floats(10, 2);
        var loader = new BatchLoader(data, 4, new Preprocessing(scale, mean, std)) { Shuffle = true, Seed = 3 };
        int seen = 0;
        foreach (Batch batch in loader.Epoch(1))
            for (int k = 0; k < batch.Count; k++, seen++)
            {
                float[] image = data.ImageValues(batch.Indices[k]).ToArray();
                for (int j = 0; j < 12; j++)
                {
                    int c = j / 6;
                    double expected = (image[j] * scale - mean[mean.Length == 1 ? 0 : c]) / std[std.Length == 1 ? 0 : c];
                    double actual = batch.Images[k * 12 + j];
                    Assert.True(Math.Abs(actual - expected) <= Atol + Rtol * Math.Abs(expected), $"image {batch.Indices[k]} value {j}: {actual} vs {expected}");
                }
                Assert.Equal(data.Labels[batch.Indices[k]], batch.Labels[k]);
            }
        Assert.Equal(10, seen);
    }

    [Fact]
    public void ANormalisationOnFloatsIsMeanAndStdOfTheValues()
    {
        Dataset data = Floats(5, 1);
        float[] actual = All(new BatchLoader(data, 5, new Normalization([2f], [4f])));
        Assert.Equal(data.Values!.Select(v => (v - 2f) / 4f), actual);
    }

    [Fact]
    public void TheDescriptionIsTheFormula()
    {
        Assert.Equal("x = (v · 0.00392157 − 0.1307) / 0.3081", new Preprocessing(Preprocessing.ByteScale, [0.1307f], [0.3081f]).Describe());
        Assert.Equal("x = (v · 1 − 0) / 1", Preprocessing.Default(Floats(1, 1)).Describe());
        Assert.Equal("x = (v · 0.5 − mean[c]) / std[c] with mean (0.1, 0.2, 0.3), std (2)",
            Parse("0.5", "0.1, 0.2,0.3", "2", Bytes(1, 3)).Describe());
    }

    [Fact]
    public void ParsingTakesDefaultsAndChecksCounts()
    {
        Dataset rgb = Bytes(1, 3);
        var defaults = Parse(null, " ", null, rgb);
        Assert.Equal((Preprocessing.ByteScale, 0f, 1f), (defaults.Scale, defaults.MeanOf(2), defaults.StdOf(1)));
        Assert.Equal(1.0 / 255, Parse("1/255", null, null, rgb).Scale);
        Assert.Equal(0.25, Parse("0.25", null, null, Floats(1, 1)).Scale);
        Assert.Equal(1, Parse(null, null, null, Floats(1, 1)).Scale);

        Problem(() => Parse(null, "0.1,0.2", null, rgb), "mean has 2 values but the images have 3 channels; give one value or one per channel");
        Problem(() => Parse(null, "0,0,0", "1,1", rgb), "std has 2 values but the images have 3 channels");
        Problem(() => Parse(null, null, "1,1", Bytes(1, 1)), "std has 2 values but the images have 1 channel; give one value or one per channel");
        Problem(() => Parse("abc", null, null, rgb), "scale 'abc' is not a positive number (e.g. 1, 0.5 or 1/255)");
        Problem(() => Parse("-2", null, null, rgb), "scale '-2' is not a positive number");
        Problem(() => Parse("1/0", null, null, rgb), "scale '1/0' is not a positive number");
        Problem(() => Parse(null, "0.1,x,0.3", null, rgb), "mean '0.1,x,0.3' is not a comma-separated list of finite numbers");
        Problem(() => Parse(null, null, "1,0,1", rgb), "std '1,0,1' is not a comma-separated list of positive numbers");
        Assert.Throws<LayerEntropyException>(() => new BatchLoader(rgb, 2, new Preprocessing(1, [0f, 0f], [1f])));
        Assert.Throws<ArgumentException>(() => new Preprocessing(0));
        Assert.Throws<ArgumentException>(() => new Preprocessing(1, [0f], [-1f]));

        static void Problem(Action parse, string message) => Assert.StartsWith(message, Assert.Throws<LayerEntropyException>(parse).Message);
    }
}
