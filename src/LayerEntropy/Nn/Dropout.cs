using LayerEntropy.Tensors;

namespace LayerEntropy.Nn;

/// <summary>
/// Inverted dropout: in training each value is zeroed with probability p and the rest scaled by 1/(1−p);
/// at inference it is the identity. Its random stream is seeded, so seeded runs repeat exactly.
/// </summary>
public sealed class Dropout : Layer
{
    private Random random;
    private Tensor? output, gradInput, mask;

    public Dropout(float probability, int seed = 0)
    {
        Require(probability >= 0 && probability < 1, "dropout probability must be in [0, 1)");
        Probability = probability;
        random = new Random(seed);
    }

    public override string Kind => "Dropout";
    public float Probability { get; }

    /// <summary>Restarts the random stream (used when a run is resumed or a model is rebuilt from a seed).</summary>
    public void Reseed(int seed) => random = new Random(seed);

    public override int[] OutputShape(int[] inputShape) => inputShape;

    public override Tensor Forward(Tensor x, bool training)
    {
        if (!training || Probability == 0) { mask = null; return x; }
        var m = Tensor.Ensure(ref mask, x.Shape);
        float keep = 1f / (1f - Probability);
        for (int i = 0; i < m.Length; i++) m[i] = random.NextSingle() < Probability ? 0f : keep;
        var y = Tensor.Ensure(ref output, x.Shape);
        System.Numerics.Tensors.TensorPrimitives.Multiply(x.Data, m.Data, y.Data);
        return y;
    }

    public override Tensor Backward(Tensor dy, bool needInputGradient = true)
    {
        if (!needInputGradient) return NoInput;
        if (mask is null) return dy;
        var dx = Tensor.Ensure(ref gradInput, dy.Shape);
        System.Numerics.Tensors.TensorPrimitives.Multiply(dy.Data, mask.Data, dx.Data);
        return dx;
    }
}
