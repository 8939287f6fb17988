using System.Numerics.Tensors;
using LayerEntropy.Tensors;

namespace LayerEntropy.Nn;

/// <summary>y = 1 / (1 + e^−x).</summary>
public sealed class Sigmoid : Activation
{
    public override string Kind => "Sigmoid";
    private protected override void Apply(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Sigmoid(x, y);
    private protected override void Gradient(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx) => Elementwise.SigmoidGrad(y, dy, dx);
}
