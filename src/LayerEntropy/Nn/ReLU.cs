using LayerEntropy.Tensors;

namespace LayerEntropy.Nn;

/// <summary>y = max(x, 0).</summary>
public sealed class ReLU : Activation
{
    public override string Kind => "ReLU";
    private protected override void Apply(ReadOnlySpan<float> x, Span<float> y) => Elementwise.Relu(x, y);
    private protected override void Gradient(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx) => Elementwise.ReluGrad(y, dy, dx);
}
