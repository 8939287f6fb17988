using LayerEntropy.Cli;
using LayerEntropy.Data;

namespace LayerEntropy.Tests.Data;

public class RecordedActivationsTests(NumpyFiles numpy) : IClassFixture<NumpyFiles>
{
    [Fact]
    public void TapsKeepTheFileOrderAndAreNamedAfterTheFiles()
    {
        var recorded = RecordedActivations.Load([numpy.Npy("tap_fc2"), numpy.Npy("tap_fc1")], numpy.Npy("tap_labels"));
        Assert.Equal(["tap_fc2", "tap_fc1"], recorded.Taps.Select(t => t.Name));
        Assert.Equal([3, 4], recorded.Taps.Select(t => t.Units));
        Assert.Equal([0, 1, 2, 0, 1, 2], recorded.Labels);
        Assert.Contains(numpy.Npy("tap_fc2"), recorded.Source);
        Assert.Contains(numpy.Npy("tap_labels"), recorded.Source);
    }

    [Fact]
    public void TapNamesReplaceTheFileNames()
    {
        var recorded = RecordedActivations.Load([numpy.Npy("tap_fc1"), numpy.Npy("tap_fc2")], numpy.Npy("tap_labels"), ["a", "b"], classCount: 3);
        Assert.Equal(["a", "b"], recorded.Taps.Select(t => t.Name));
    }

    [Fact]
    public void RowCountsMustMatchTheLabels()
    {
        string fc2 = numpy.Npy("tap_fc2"), labels = numpy.Npy("five_labels");
        var e = Assert.Throws<LayerEntropyException>(() => RecordedActivations.Load([numpy.Npy("tap_fc1"), fc2], labels, ["a", "b"]));
        Assert.Equal($"{numpy.Npy("tap_fc1")}: holds 6 inputs (rows) but {labels} holds 5 labels", e.Message);
    }

    [Fact]
    public void NamesMustBeOnePerFileAndDistinct()
    {
        string fc1 = numpy.Npy("tap_fc1"), labels = numpy.Npy("tap_labels");
        var count = Assert.Throws<LayerEntropyException>(() => RecordedActivations.Load([fc1, numpy.Npy("tap_fc2")], labels, ["only"]));
        Assert.Equal("--tap-name was given 1 times for 2 activation files; give one name per file, or none to use the file names", SettingFlags.Describe(count));
        var twice = Assert.Throws<LayerEntropyException>(() => RecordedActivations.Load([fc1, fc1], labels));
        Assert.Equal($"two taps are named 'tap_fc1' ({fc1} and {fc1}); name each with --tap-name", SettingFlags.Describe(twice));
    }

    [Fact]
    public void EveryLabelNeedsAClassName()
    {
        string labels = numpy.Npy("tap_labels");
        var e = Assert.Throws<LayerEntropyException>(() => RecordedActivations.Load([numpy.Npy("tap_fc1")], labels, classCount: 2));
        Assert.Equal($"{labels}: label 2 at index 2 has no class name: 2 names were given", e.Message);
    }
}
