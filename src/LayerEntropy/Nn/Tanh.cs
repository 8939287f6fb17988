using System.Numerics.Tensors;
using LayerEntropy.Tensors;

namespace LayerEntropy.Nn;

/// <summary>y = tanh(x).</summary>
public sealed class Tanh : Activation
{
    public override string Kind => "Tanh";
    private protected override void Apply(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Tanh(x, y);
    private protected override void Gradient(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx) => Elementwise.TanhGrad(y, dy, dx);
}
