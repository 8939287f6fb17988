using LayerEntropy.Tensors;

namespace LayerEntropy.Nn;

/// <summary>A layer that only an imported ONNX model holds: it computes its forward pass and cannot be trained.</summary>
internal abstract class ForwardOnlyLayer : Layer
{
    public sealed override Tensor Backward(Tensor gradOutput, bool needInputGradient = true) =>
        throw new LayerEntropyException($"layer '{Name}' ({Kind}) comes from an imported ONNX model and runs forward only; it cannot be trained");

    private protected static string Format(int[] shape) => $"[{string.Join(",", shape)}]";
}
