using LayerEntropy.Tensors;

namespace LayerEntropy.Nn;

/// <summary>An elementwise nonlinearity; keeps its forward output (or input) for the backward pass.</summary>
public abstract class Activation : Layer
{
    private Tensor? output, gradInput;
    private Tensor? saved;

    public override int[] OutputShape(int[] inputShape) => inputShape;

    public sealed override Tensor Forward(Tensor x, bool training)
    {
        var y = Tensor.Ensure(ref output, x.Shape);
        Apply(x.Data, y.Data);
        saved = training ? (SavesInput ? x : y) : null;
        return y;
    }

    public sealed override Tensor Backward(Tensor dy, bool needInputGradient = true)
    {
        var s = saved ?? throw new InvalidOperationException($"{this}: Backward needs a training Forward first");
        var dx = Tensor.Ensure(ref gradInput, s.Shape);
        Gradient(s.Data, dy.Data, dx.Data);
        return dx;
    }

    /// <summary>Whether <see cref="Gradient"/> needs the forward input (true) or the forward output (false).</summary>
    private protected virtual bool SavesInput => false;

    private protected abstract void Apply(ReadOnlySpan<float> x, Span<float> y);

    private protected abstract void Gradient(ReadOnlySpan<float> saved, ReadOnlySpan<float> dy, Span<float> dx);
}
