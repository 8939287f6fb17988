using LayerEntropy.Cli;
using LayerEntropy.Experiments;

namespace LayerEntropy.Tests.Experiments;

public class HeadSpecTests
{
    [Theory]
    [InlineData("mlp", 3, 256, false, "mlp:256,256,256")]
    [InlineData("mlp", 1, 64, false, "mlp:64")]
    [InlineData("mlp", 5, 256, true, "mlp:256,128,64,32,16")]
    [InlineData("mlp", 7, 256, true, "mlp:256,128,64,32,16,16,16")]
    [InlineData("mlp", 3, 10, true, "mlp:10,10,10")]
    [InlineData("cnn:c32,p,c64,p|", 2, 128, false, "cnn:c32,p,c64,p|fc128,fc128")]
    [InlineData("CNN:c8,p|", 2, 64, true, "CNN:c8,p|fc64,fc32")]
    public void SpecOfEachDepth(string baseSpec, int depth, int width, bool taper, string expected) =>
        Assert.Equal(expected, HeadSpec.For(baseSpec, depth, width, taper));

    [Theory]
    [InlineData("lenet")]
    [InlineData("cnn:c32,p|fc64")]
    [InlineData("cnn:c32,p")]
    [InlineData("mlp:128")]
    public void BasesWithAHeadOfTheirOwnAreRefused(string baseSpec)
    {
        var e = Assert.Throws<LayerEntropyException>(() => HeadSpec.For(baseSpec, 2, 64, false));
        Assert.Contains("--base", SettingFlags.Describe(e));
    }

    [Theory]
    [InlineData("1..6", new[] { 1, 2, 3, 4, 5, 6 })]
    [InlineData("4,1,2", new[] { 1, 2, 4 })]
    [InlineData("1..3,6,2", new[] { 1, 2, 3, 6 })]
    [InlineData(" 3 ", new[] { 3 })]
    public void DepthLists(string text, int[] expected) => Assert.Equal(expected, OptionText.Depths(text));

    [Theory]
    [InlineData("0..3")]
    [InlineData("3..1")]
    [InlineData("a")]
    [InlineData("")]
    [InlineData("1..")]
    [InlineData("-1")]
    public void BadDepthListsAreRefused(string text) =>
        Assert.Contains("--depths", Assert.Throws<LayerEntropyException>(() => OptionText.Depths(text)).Message);
}
