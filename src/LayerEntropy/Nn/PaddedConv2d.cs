using LayerEntropy.Tensors;

namespace LayerEntropy.Nn;

/// <summary>
/// 2-D convolution (group 1) with what <see cref="Conv2d"/> does not take: a kh×kw kernel, separate strides, padding that
/// differs between the two sides of an axis (zeros copied around each image first) and dilation (the kernel stored
/// dilated, zeros between its taps). <see cref="Weight"/> holds the kernel as read (out×in×kh×kw), the convolution
/// runs on its dilated copy.
/// </summary>
internal sealed class PaddedConv2d : ForwardOnlyLayer
{
    private readonly float[] weight, bias;
    private readonly int[] kernel, strides, pads;
    private readonly Convolution convolution = new();
    private Tensor? output, padded;

    /// <param name="weights">The kernel as read, out×in×kh×kw, and <paramref name="weight"/> its dilated copy.</param>
    /// <param name="kernel">The dilated kernel's size.</param>
    /// <param name="pads">Top, left, bottom, right.</param>
    public PaddedConv2d(int inChannels, int outChannels, int[] kernel, int[] strides, int[] pads, Tensor weights, float[] weight, float[] bias)
    {
        Weight = new Parameter("weight", weights);
        Bias = new Parameter("bias", new Tensor(bias, bias.Length));
        Require(inChannels > 0 && outChannels > 0 && kernel.Length == 2 && kernel.All(k => k > 0) && strides.Length == 2 && strides.All(s => s > 0)
            && pads.Length == 4 && pads.All(p => p >= 0), "PaddedConv2d needs positive sizes and strides and non-negative pads");
        Require(weight.Length == outChannels * inChannels * kernel[0] * kernel[1] && bias.Length == outChannels, "PaddedConv2d weight or bias has the wrong length");
        (InChannels, OutChannels, this.kernel, this.strides, this.pads, this.weight, this.bias) = (inChannels, outChannels, kernel, strides, pads, weight, bias);
    }

    public override string Kind => "Conv2d";
    public int InChannels { get; }
    public int OutChannels { get; }
    public Parameter Weight { get; }
    public Parameter Bias { get; }
    public override IReadOnlyList<Parameter> Parameters => [Weight, Bias];

    /// <summary>Whether both sides of each axis have the same padding, which the convolution then adds itself.</summary>
    private bool Symmetric => pads[0] == pads[2] && pads[1] == pads[3];

    private ConvGeometry Geometry(int h, int w) => Symmetric
        ? new(InChannels, h, w, kernel[0], kernel[1], strides[0], strides[1], pads[0], pads[1])
        : new(InChannels, h + pads[0] + pads[2], w + pads[1] + pads[3], kernel[0], kernel[1], strides[0], strides[1]);

    public override int[] OutputShape(int[] s)
    {
        Require(s.Length == 3 && s[0] == InChannels, $"{this} takes {InChannels}×H×W, got {Format(s)}");
        var g = Geometry(s[1], s[2]);
        Require(g.Height + 2 * g.PadHeight >= kernel[0] && g.Width + 2 * g.PadWidth >= kernel[1], $"{this}: input {s[1]}×{s[2]} is smaller than the kernel");
        return [OutChannels, g.OutHeight, g.OutWidth];
    }

    /// <summary>
    /// After <see cref="Weight"/> has been given new values (a redrawn initialisation), copies them into the dilated
    /// kernel the convolution runs on; without dilation the two are one array already.
    /// </summary>
    internal void KernelChanged()
    {
        var w = Weight.Value;
        if (ReferenceEquals(w.Data, weight)) return;
        int kh = w.Dim(2), kw = w.Dim(3), eh = kernel[0], ew = kernel[1];
        int dh = kh > 1 ? (eh - 1) / (kh - 1) : 1, dw = kw > 1 ? (ew - 1) / (kw - 1) : 1;
        for (int k = 0; k < OutChannels * InChannels; k++)
            for (int i = 0; i < kh; i++)
                for (int j = 0; j < kw; j++)
                    weight[(k * eh + i * dh) * ew + j * dw] = w.Data[(k * kh + i) * kw + j];
    }

    public override Tensor Forward(Tensor x, bool training)
    {
        var o = OutputShape(x.Shape[1..]);
        int batch = x.Dim(0), h = x.Dim(2), w = x.Dim(3);
        var g = Geometry(h, w);
        var input = x;
        if (!Symmetric)
        {
            input = Tensor.Ensure(ref padded, batch, InChannels, g.Height, g.Width);
            ZeroPadding.Pad(x.Data, batch * InChannels, h, w, pads[0], pads[1], pads[2], pads[3], input.Data);
        }
        var y = Tensor.Ensure(ref output, batch, o[0], o[1], o[2]);
        convolution.Forward(g, OutChannels, batch, input.Data, weight, bias, y.Data, Compute.Threads);
        return y;
    }
}
