using LayerEntropy.Tensors;

namespace LayerEntropy.Nn;

/// <summary>Gives each sample another shape with the same values in the same order (ONNX Reshape, Squeeze, Unsqueeze, Flatten past axis 1); a view, no copy.</summary>
internal sealed class Reshape : ForwardOnlyLayer
{
    private readonly int[] target;

    public Reshape(int[] target)
    {
        Require(target.Length > 0 && target.All(d => d > 0), "Reshape needs a non-empty shape of positive sizes");
        this.target = (int[])target.Clone();
    }

    public override string Kind => "Reshape";
    public IReadOnlyList<int> Target => target;

    public override int[] OutputShape(int[] inputShape)
    {
        Require(Tensor.CheckedLength(inputShape) == Tensor.CheckedLength(target), $"{this} cannot give {Format(inputShape)} the shape {Format(target)}");
        return (int[])target.Clone();
    }

    public override Tensor Forward(Tensor input, bool training)
    {
        OutputShape(input.Shape[1..]);
        return input.Reshape([input.Dim(0), .. target]);
    }
}
