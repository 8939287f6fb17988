using LayerEntropy.Tensors;

namespace LayerEntropy.Nn;

/// <summary>
/// One step of a network. Shapes exclude the batch axis: a layer maps a per-sample input shape to a
/// per-sample output shape, and its Forward and Backward work on whole batches (axis 0).
/// </summary>
public abstract class Layer
{
    /// <summary>The operation, e.g. "Linear" or "ReLU".</summary>
    public abstract string Kind { get; }

    /// <summary>Unique within a model, e.g. "fc1" or "relu3"; taps and ONNX node names use it.</summary>
    public string Name { get; set; } = "";

    /// <summary>The trainable tensors of this layer (empty for parameter-free layers).</summary>
    public virtual IReadOnlyList<Parameter> Parameters => [];

    /// <summary>The per-sample output shape for a per-sample input shape; throws on a shape this layer cannot take.</summary>
    public abstract int[] OutputShape(int[] inputShape);

    /// <summary>
    /// Runs a batch forward. The returned tensor may be a buffer the layer reuses on its next call.
    /// With <paramref name="training"/> the layer keeps what its backward pass needs.
    /// </summary>
    public abstract Tensor Forward(Tensor input, bool training);

    /// <summary>
    /// Given dLoss/dOutput of the last training forward pass, sets every parameter's gradient (overwriting it)
    /// and returns dLoss/dInput. Layers that are first in a model may skip the input gradient when
    /// <paramref name="needInputGradient"/> is false (and then return an empty tensor).
    /// </summary>
    public abstract Tensor Backward(Tensor gradOutput, bool needInputGradient = true);

    public override string ToString() => string.IsNullOrEmpty(Name) ? Kind : $"{Name} ({Kind})";

    private protected static void Require(bool ok, string message)
    {
        if (!ok) throw new ArgumentException(message);
    }

    private protected Tensor NoInput => field ??= new Tensor(0);
}
