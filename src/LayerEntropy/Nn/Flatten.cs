using LayerEntropy.Tensors;

namespace LayerEntropy.Nn;

/// <summary>Reshapes each sample to one axis (ONNX Flatten with axis 1); a view, no copy.</summary>
public sealed class Flatten : Layer
{
    private int[]? inputShape;

    public override string Kind => "Flatten";

    public override int[] OutputShape(int[] shape) => [Tensor.CheckedLength(shape)];

    public override Tensor Forward(Tensor x, bool training)
    {
        inputShape = x.Shape;
        return x.Reshape(x.Dim(0), x.ItemLength);
    }

    public override Tensor Backward(Tensor dy, bool needInputGradient = true) =>
        needInputGradient ? dy.Reshape(inputShape ?? throw new InvalidOperationException($"{this}: Backward needs a Forward first")) : NoInput;
}
