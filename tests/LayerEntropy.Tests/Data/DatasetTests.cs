using LayerEntropy.Data;

namespace LayerEntropy.Tests.Data;

public class DatasetTests
{
    /// <summary>Six 1x2x2 images; image i holds the pixels 10i .. 10i+3 and label i mod 3.</summary>
    internal static Dataset Tiny() => new("tiny", DatasetSplit.Train, 1, 2, 2, ["a", "b", "c"],
        Enumerable.Range(0, 6).SelectMany(i => Enumerable.Range(0, 4).Select(p => (byte)(10 * i + p))).ToArray(),
        [0, 1, 2, 0, 1, 2]);

    [Fact]
    public void SliceCopiesARange()
    {
        Dataset slice = Tiny().Slice(2, 3);
        Assert.Equal([2, 0, 1], slice.Labels);
        Assert.Equal([20, 21, 22, 23, 30, 31, 32, 33, 40, 41, 42, 43], slice.Pixels);
        Assert.Throws<ArgumentOutOfRangeException>(() => Tiny().Slice(4, 3));
    }

    [Fact]
    public void SubsetFollowsTheGivenOrder()
    {
        Dataset subset = Tiny().Subset([5, 0, 5]);
        Assert.Equal([2, 0, 2], subset.Labels);
        Assert.Equal([50, 51, 52, 53, 0, 1, 2, 3, 50, 51, 52, 53], subset.Pixels);
    }

    [Fact]
    public void FilterClassesKeepsLabelsUnlessRelabelled()
    {
        Dataset kept = Tiny().FilterClasses([2, 0]);
        Assert.Equal([0, 2, 0, 2], kept.Labels);
        Assert.Equal(["a", "b", "c"], kept.ClassNames);
        Assert.Equal([0, 1, 2, 3, 20, 21, 22, 23, 30, 31, 32, 33, 50, 51, 52, 53], kept.Pixels);

        Dataset relabelled = Tiny().FilterClasses([2, 0], relabel: true);
        Assert.Equal([1, 0, 1, 0], relabelled.Labels);
        Assert.Equal(["c", "a"], relabelled.ClassNames);
        Assert.Equal(kept.Pixels, relabelled.Pixels);
    }

    [Fact]
    public void FilterClassesOnMnistKeepsEveryImageOfThoseClasses()
    {
        Dataset zerosAndOnes = TestData.MnistTrain.FilterClasses([0, 1], relabel: true);
        Assert.Equal(5923 + 6742, zerosAndOnes.Count);
        Assert.Equal([5923, 6742], zerosAndOnes.ClassCounts());
        Assert.Equal(TestData.MnistTrain.Image(1).ToArray(), zerosAndOnes.Image(0).ToArray()); // image 1 is the first 0
    }

    [Fact]
    public void ConstructorRejectsInconsistentArrays()
    {
        Assert.Throws<ArgumentException>(() => new Dataset("x", DatasetSplit.Test, 1, 2, 2, ["a"], new byte[7], [0, 0]));
        Assert.Throws<ArgumentException>(() => new Dataset("x", DatasetSplit.Test, 1, 1, 1, ["a", "b"], new byte[2], [0, 2]));
    }
}
