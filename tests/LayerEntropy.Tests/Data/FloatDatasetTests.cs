using LayerEntropy.Data;

namespace LayerEntropy.Tests.Data;

/// <summary>Datasets of float32 inputs: the values travel through every copy, and images are drawn min–max scaled.</summary>
public class FloatDatasetTests
{
    /// <summary>Four 1×1×2 images whose values run from −1 to 3, labels 0, 1, 2, 1.</summary>
    private static Dataset Four() => Dataset.FromValues("four", DatasetSplit.Given, 1, 1, 2, ["a", "b", "c"],
        [-1f, 0.5f, 1f, 3f, 0f, 2f, -0.5f, 2.5f], [0, 1, 2, 1]);

    [Fact]
    public void ImagesAreScaledOverTheWholeDataset()
    {
        Dataset data = Four();
        // round(255·(v + 1)/4): 0, 95.625, 127.5 (to even), 255, 63.75, 191.25, 31.875, 223.125
        Assert.Equal(new byte[] { 0, 96, 128, 255, 64, 191, 32, 223 }, data.Pixels);
        Assert.Equal(new byte[] { 128, 255 }, data.Image(1).ToArray());
        Assert.Equal(new[] { 1f, 3f }, data.ImageValues(1).ToArray());

        var constant = Dataset.FromValues("flat", DatasetSplit.Given, 1, 1, 3, ["a"], [7f, 7f, 7f], [0]);
        Assert.Equal(new byte[3], constant.Image(0).ToArray());
    }

    [Fact]
    public void CopiesKeepTheValuesAndTheDisplayRange()
    {
        Dataset data = Four();
        Dataset slice = data.Slice(1, 2);
        Assert.Equal(new[] { 1f, 3f, 0f, 2f }, slice.Values);
        Assert.Equal(data.Image(1).ToArray(), slice.Image(0).ToArray()); // not rescaled to the slice's own 0..3

        Dataset subset = data.Subset([3, 0, 3]);
        Assert.Equal(new[] { -0.5f, 2.5f, -1f, 0.5f, -0.5f, 2.5f }, subset.Values);
        Assert.Equal(new byte[] { 1, 0, 1 }, subset.Labels);
        Assert.Equal(data.Image(3).ToArray(), subset.Image(0).ToArray());

        Dataset picked = data.FilterClasses([2, 1], relabel: true);
        Assert.Equal(new[] { 1f, 3f, 0f, 2f, -0.5f, 2.5f }, picked.Values);
        Assert.Equal(new byte[] { 1, 0, 1 }, picked.Labels);
        Assert.Equal(["c", "b"], picked.ClassNames);
        Assert.Equal(data.Image(1).ToArray(), picked.Image(0).ToArray());
        Assert.Equal(new[] { 1f, 3f }, data.FilterClasses([1]).ImageValues(0).ToArray());

        Dataset wider = Dataset.FromValues("more", DatasetSplit.Given, 1, 1, 2, ["a", "b", "c"], [-5f, 0f], [2]);
        Dataset joined = data.Slice(0, 1).Concat(wider);
        Assert.Equal(new[] { -1f, 0.5f, -5f, 0f }, joined.Values);
        Assert.Equal(new byte[] { 0, 2 }, joined.Labels);
        // The union of the ranges −1..3 and −5..0 is −5..3: round(255·(v + 5)/8).
        Assert.Equal(new byte[] { 128, 175, 0, 159 }, joined.Pixels);
    }

    [Fact]
    public void MeasuredStatisticsAreOfTheStoredValues()
    {
        // One channel: the mean and population std of all eight values, not of their display bytes.
        Dataset data = Four();
        float[] v = data.Values!;
        double mean = v.Average(x => (double)x), std = Math.Sqrt(v.Average(x => ((double)x - mean) * ((double)x - mean)));
        Normalization measured = Normalization.Measure(data);
        Assert.Equal(mean, measured.Mean[0], 1e-6);
        Assert.Equal(std, measured.Std[0], 1e-6);
    }

    [Fact]
    public void BadFloatDatasetsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => Dataset.FromValues("nan", DatasetSplit.Given, 1, 1, 2, ["a"], [0f, float.NaN], [0]));
        Assert.Throws<ArgumentException>(() => Dataset.FromValues("short", DatasetSplit.Given, 1, 1, 2, ["a"], [0f, 1f, 2f], [0, 0]));
        Dataset bytes = new("bytes", DatasetSplit.Given, 1, 1, 2, ["a", "b", "c"], [0, 1], [0]);
        Assert.Throws<ArgumentException>(() => Four().Concat(bytes));
        Assert.Throws<InvalidOperationException>(() => bytes.ImageValues(0));
        Assert.Equal("four given: 4 images 1x1x2, 3 classes", Four().ToString());
    }
}
