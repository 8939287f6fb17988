using LayerEntropy.Tensors;

namespace LayerEntropy.Nn;

/// <summary>y = x for x &gt; 0, slope·x otherwise.</summary>
public sealed class LeakyReLU(float slope = 0.01f) : Activation
{
    public override string Kind => "LeakyReLU";
    public float Slope { get; } = slope;
    private protected override bool SavesInput => true;
    private protected override void Apply(ReadOnlySpan<float> x, Span<float> y) => Elementwise.LeakyRelu(x, Slope, y);
    private protected override void Gradient(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx) => Elementwise.LeakyReluGrad(x, dy, Slope, dx);
}
