using LayerEntropy.Tensors;

namespace LayerEntropy.Nn;

/// <summary>A trainable tensor and the gradient of the loss with respect to it.</summary>
public sealed class Parameter(string name, Tensor value)
{
    /// <summary>"weight" or "bias".</summary>
    public string Name { get; } = name;

    public Tensor Value { get; } = value;

    public Tensor Grad { get; } = new(value.Shape);
}
