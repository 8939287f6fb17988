using LayerEntropy.Tensors;

namespace LayerEntropy.Nn;

/// <summary>Surrounds each channel's plane with zeros, separately on each side (ONNX Pad in constant mode with value 0).</summary>
internal sealed class ZeroPad2d : ForwardOnlyLayer
{
    private readonly int[] pads;
    private Tensor? output;

    /// <param name="pads">Top, left, bottom, right.</param>
    public ZeroPad2d(int[] pads)
    {
        Require(pads.Length == 4 && pads.All(p => p >= 0), "ZeroPad2d needs four non-negative pads");
        this.pads = (int[])pads.Clone();
    }

    public override string Kind => "Pad";

    public override int[] OutputShape(int[] s)
    {
        Require(s.Length == 3, $"{this} takes C×H×W, got {Format(s)}");
        return [s[0], s[1] + pads[0] + pads[2], s[2] + pads[1] + pads[3]];
    }

    public override Tensor Forward(Tensor input, bool training)
    {
        var o = OutputShape(input.Shape[1..]);
        var y = Tensor.Ensure(ref output, input.Dim(0), o[0], o[1], o[2]);
        ZeroPadding.Pad(input.Data, input.Dim(0) * input.Dim(1), input.Dim(2), input.Dim(3), pads[0], pads[1], pads[2], pads[3], y.Data);
        return y;
    }
}
