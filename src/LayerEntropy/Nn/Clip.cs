using LayerEntropy.Tensors;

namespace LayerEntropy.Nn;

/// <summary>y = min(max(x, min), max): ONNX Clip, e.g. ReLU6.</summary>
internal sealed class Clip(float min, float max) : Activation
{
    public override string Kind => "Clip";
    public float Min { get; } = min;
    public float Max { get; } = max;
    private protected override bool SavesInput => true;
    private protected override void Apply(ReadOnlySpan<float> x, Span<float> y) => Elementwise.Clip(x, Min, Max, y);
    private protected override void Gradient(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx) => Elementwise.ClipGrad(x, dy, Min, Max, dx);
}
