using LayerEntropy.Tensors;

namespace LayerEntropy.Nn;

/// <summary>
/// Inference batch normalisation as the per-channel affine map it is: y = x·scale[c] + shift[c] on channel c
/// (per-sample axis 0), with scale = γ/√(var + ε) and shift = β − mean·scale folded when the model is read.
/// </summary>
internal sealed class BatchNorm : ForwardOnlyLayer
{
    private readonly float[] scale, shift;
    private Tensor? output;

    public BatchNorm(float[] scale, float[] shift)
    {
        Require(scale.Length > 0 && scale.Length == shift.Length, "BatchNorm needs one scale and one shift per channel");
        (this.scale, this.shift) = (scale, shift);
    }

    public override string Kind => "BatchNorm";
    public int Channels => scale.Length;

    /// <summary>
    /// Makes the layer the identity (scale 1, shift 0): a freshly initialised batch normalisation in inference mode,
    /// whose γ = 1, β = 0, running mean 0 and running variance 1 fold to that up to its ε.
    /// </summary>
    internal void Reset()
    {
        Array.Fill(scale, 1f);
        Array.Fill(shift, 0f);
    }

    public override int[] OutputShape(int[] inputShape)
    {
        Require(inputShape.Length >= 1 && inputShape[0] == Channels, $"{this} takes {Channels} channels on the first axis, got {Format(inputShape)}");
        return inputShape;
    }

    public override Tensor Forward(Tensor input, bool training)
    {
        var s = OutputShape(input.Shape[1..]);
        var y = Tensor.Ensure(ref output, input.Shape);
        Elementwise.ChannelAffine(input.Data, input.Dim(0), Channels, Tensor.CheckedLength(s.AsSpan(1)), scale, shift, y.Data);
        return y;
    }
}
