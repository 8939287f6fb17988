using LayerEntropy.Nn;

namespace LayerEntropy.Tests.Nn;

public class ModelSpecTests
{
    [Fact]
    public void MlpSpecBuildsThePapersNetwork()
    {
        var model = ModelSpec.Build("mlp:512,256,128,64,32", [1, 28, 28], 10);
        Assert.Equal(["flatten", "fc1", "fc1_act", "fc2", "fc2_act", "fc3", "fc3_act", "fc4", "fc4_act", "fc5", "fc5_act", "logits"],
            model.Layers.Select(l => l.Name));
        // 784·512+512 + 512·256+256 + 256·128+128 + 128·64+64 + 64·32+32 + 32·10+10
        Assert.Equal(576_810, model.ParameterCount);
        Assert.Equal(["fc1_act", "fc2_act", "fc3_act", "fc4_act", "fc5_act"], model.DefaultTaps());
    }

    [Fact]
    public void LenetIsLeCunsLayout()
    {
        var model = ModelSpec.Build("lenet", [1, 28, 28], 10);
        Assert.Equal([[6, 28, 28], [6, 28, 28], [6, 14, 14], [16, 10, 10], [16, 10, 10], [16, 5, 5], [400], [120], [120], [84], [84], [10]],
            model.LayerOutputShapes());
        Assert.Equal(61_706, model.ParameterCount);
        Assert.Equal(["fc1_act", "fc2_act"], model.DefaultTaps());
    }

    [Fact]
    public void CnnSpecWithOptionsAndEmptyHead()
    {
        var model = ModelSpec.Build("cnn:c32,p,c64k5s2p1,p3,d0.25|", [3, 32, 32], 10, ActivationKind.Tanh);
        var conv2 = Assert.IsType<Conv2d>(model.Layers.Single(l => l.Name == "conv2"));
        Assert.Equal((32, 64, 5, 2, 1), (conv2.InChannels, conv2.OutChannels, conv2.KernelSize, conv2.Stride, conv2.Padding));
        Assert.IsType<Tanh>(model.Layers.Single(l => l.Name == "conv1_act"));
        Assert.Equal([64, 2, 2], model.LayerOutputShapes()[model.Layers.ToList().FindIndex(l => l.Name == "pool2")]);
        Assert.Empty(model.DefaultTaps());
        Assert.Equal("logits", model.Layers[^1].Name);
    }

    [Theory]
    [InlineData("mlp:12,x")]
    [InlineData("resnet")]
    [InlineData("cnn:c32,p")]
    [InlineData("cnn:c32,q|fc10")]
    [InlineData("cnn:c32|d1.5")]
    public void BadSpecsSayWhatIsExpected(string spec)
    {
        var e = Assert.Throws<LayerEntropyException>(() => ModelSpec.Build(spec, [1, 28, 28], 10));
        Assert.Contains($"model spec '{spec}'", e.Message);
        Assert.Contains("expected mlp:", e.Message);
    }

    [Fact]
    public void SameSeedSameWeightsOtherSeedOtherWeights()
    {
        float[] Weights(int seed) => [.. ModelSpec.Build("cnn:c4,p|fc8", [1, 8, 8], 3, seed: seed).Parameters.SelectMany(p => p.Value.Data)];
        Assert.Equal(Weights(1), Weights(1));
        Assert.NotEqual(Weights(1), Weights(2));
    }
}
