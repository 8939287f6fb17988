using LayerEntropy.Nn;
using LayerEntropy.Tensors;

namespace LayerEntropy.Tests.Nn;

public class LayerGradientTests
{
    private static Linear MakeLinear(int i, int o, int seed)
    {
        var fc = new Linear(i, o);
        GradientCheck.Random(seed, 0.5f, o, i).Data.CopyTo(fc.Weight.Value.Data, 0);
        GradientCheck.Random(seed + 1, 0.5f, o).Data.CopyTo(fc.Bias.Value.Data, 0);
        return fc;
    }

    private static Conv2d MakeConv(int ci, int co, int k, int stride, int pad, int seed)
    {
        var conv = new Conv2d(ci, co, k, stride, pad);
        GradientCheck.Random(seed, 0.5f, conv.Weight.Value.Shape).Data.CopyTo(conv.Weight.Value.Data, 0);
        GradientCheck.Random(seed + 1, 0.5f, co).Data.CopyTo(conv.Bias.Value.Data, 0);
        return conv;
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 7, 5)]
    [InlineData(4, 17, 9)]
    public void Linear(int batch, int inF, int outF) =>
        GradientCheck.Check(MakeLinear(inF, outF, 3), GradientCheck.Random(1, 1f, batch, inF));

    [Fact] public void ReLU() => GradientCheck.Check(new ReLU(), GradientCheck.SpacedInput(2, 0.05, 3, 11));
    [Fact] public void LeakyReLU() => GradientCheck.Check(new LeakyReLU(0.1f), GradientCheck.SpacedInput(2, 0.05, 3, 11));
    [Fact] public void Sigmoid() => GradientCheck.Check(new Sigmoid(), GradientCheck.Random(2, 3f, 3, 11));
    [Fact] public void Tanh() => GradientCheck.Check(new Tanh(), GradientCheck.Random(2, 2f, 3, 11));
    [Fact] public void Flatten() => GradientCheck.Check(new Flatten(), GradientCheck.Random(2, 1f, 2, 3, 4, 5));
    [Fact] public void Dropout() => GradientCheck.Check(new Dropout(0.4f), GradientCheck.Random(2, 1f, 4, 25));

    [Theory]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(2, 1)]
    public void MaxPool2d(int kernel, int stride) =>
        GradientCheck.Check(new MaxPool2d(kernel, stride), GradientCheck.SpacedInput(4, 0.05, 2, 3, 7, 6));

    [Theory]
    [InlineData(1, 1, 3, 1, 1, 5, 5)]
    [InlineData(2, 3, 3, 1, 0, 6, 7)]
    [InlineData(3, 4, 5, 2, 2, 9, 8)]
    [InlineData(2, 2, 2, 3, 1, 7, 7)]
    public void Conv2d(int inC, int outC, int k, int stride, int pad, int h, int w) =>
        GradientCheck.Check(MakeConv(inC, outC, k, stride, pad, 5), GradientCheck.Random(6, 1f, 2, inC, h, w));

    [Fact]
    public void WholeCnnThroughSequential()
    {
        var model = ModelSpec.Build("cnn:c3k3s2,d0.2|fc6", [2, 8, 8], 4, ActivationKind.Tanh, seed: 3);
        GradientCheck.Check(model, GradientCheck.Random(9, 1f, 3, 2, 8, 8), maxProbes: 30);
    }

    [Fact]
    public void SoftmaxCrossEntropyGradient()
    {
        var logits = GradientCheck.Random(1, 3f, 5, 7);
        int[] labels = [0, 6, 3, 3, 1];
        var loss = new SoftmaxCrossEntropy();
        loss.Forward(logits, labels, withGradient: true, out _);
        var analytic = loss.Gradient.Clone();
        GradientCheck.Probe("cross-entropy", logits, analytic, () => loss.Forward(logits, labels, false, out _), 1, 35);
    }

    [Fact]
    public void SoftmaxCrossEntropyIsStableForLargeLogits()
    {
        // Logits near 1e4: a naive exp overflows; subtracting the max first gives the exact answer.
        var logits = new Tensor([10000f, 9999f, 9998f, -10000f], 1, 4);
        var loss = new SoftmaxCrossEntropy();
        double l = loss.Forward(logits, [1], withGradient: true, out int correct);
        double expected = Math.Log(Math.Exp(1) + 1 + Math.Exp(-1)) - 0 + 0; // lse(1,0,-1) − 0
        Assert.Equal(expected, l, 5);
        Assert.Equal(0, correct);
        Assert.All(loss.Gradient.Data, g => Assert.True(float.IsFinite(g)));
        Assert.Equal(0.0, loss.Gradient.Data.Sum(), 6);
    }
}
