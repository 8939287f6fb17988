using LayerEntropy.Tensors;

namespace LayerEntropy.Nn;

/// <summary>
/// 2-D convolution over NCHW batches with a square kernel, stride and zero padding (ONNX Conv, group 1),
/// computed per image as W·im2col(x). Weight is out×in×k×k.
/// </summary>
public sealed class Conv2d : Layer
{
    private Tensor? output, gradInput, input;
    private float[] cols = [], gradCols = [];

    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride = 1, int padding = 0)
    {
        Require(inChannels > 0 && outChannels > 0 && kernelSize > 0 && stride > 0 && padding >= 0, "Conv2d needs positive sizes and a non-negative padding");
        InChannels = inChannels;
        OutChannels = outChannels;
        KernelSize = kernelSize;
        Stride = stride;
        Padding = padding;
        Weight = new Parameter("weight", new Tensor(outChannels, inChannels, kernelSize, kernelSize));
        Bias = new Parameter("bias", new Tensor(outChannels));
    }

    public override string Kind => "Conv2d";
    public int InChannels { get; }
    public int OutChannels { get; }
    public int KernelSize { get; }
    public int Stride { get; }
    public int Padding { get; }
    public Parameter Weight { get; }
    public Parameter Bias { get; }
    public override IReadOnlyList<Parameter> Parameters => [Weight, Bias];

    public override int[] OutputShape(int[] s)
    {
        Require(s.Length == 3 && s[0] == InChannels, $"{this} takes {InChannels}×H×W, got [{string.Join(",", s)}]");
        int oh = Im2Col.OutputSize(s[1], KernelSize, Stride, Padding), ow = Im2Col.OutputSize(s[2], KernelSize, Stride, Padding);
        Require(oh > 0 && ow > 0, $"{this}: input {s[1]}×{s[2]} is smaller than the kernel");
        return [OutChannels, oh, ow];
    }

    private int ColRows => InChannels * KernelSize * KernelSize;

    public override Tensor Forward(Tensor x, bool training)
    {
        var o = OutputShape(x.Shape[1..]);
        int batch = x.Dim(0), h = x.Dim(2), w = x.Dim(3), plane = o[1] * o[2];
        var y = Tensor.Ensure(ref output, batch, o[0], o[1], o[2]);
        // Training keeps every image's columns for the weight gradient; inference reuses one image's worth.
        int needed = (training ? batch : 1) * ColRows * plane;
        if (cols.Length < needed) cols = new float[needed];
        for (int n = 0; n < batch; n++)
        {
            var c = cols.AsSpan(training ? n * ColRows * plane : 0, ColRows * plane);
            Im2Col.Expand(x.Data.AsSpan(n * x.ItemLength, x.ItemLength), InChannels, h, w, KernelSize, KernelSize, Stride, Padding, c);
            Gemm.Multiply(false, false, OutChannels, plane, ColRows, 1f, Weight.Value.Data, ColRows, c, plane, 0f, y.Data.AsSpan(n * OutChannels * plane), plane);
        }
        Elementwise.AddChannelBias(y.Data, batch, OutChannels, plane, Bias.Value.Data);
        input = training ? x : null;
        return y;
    }

    public override Tensor Backward(Tensor dy, bool needInputGradient = true)
    {
        var x = input ?? throw new InvalidOperationException($"{this}: Backward needs a training Forward first");
        int batch = x.Dim(0), h = x.Dim(2), w = x.Dim(3), plane = dy.Dim(2) * dy.Dim(3);
        // dW = Σ_n dY_n · cols_nᵀ, accumulated in image order so the sum does not depend on the thread count.
        for (int n = 0; n < batch; n++)
            Gemm.Multiply(false, true, OutChannels, ColRows, plane, 1f, dy.Data.AsSpan(n * OutChannels * plane), plane,
                cols.AsSpan(n * ColRows * plane, ColRows * plane), plane, n == 0 ? 0f : 1f, Weight.Grad.Data, ColRows);
        Elementwise.SumChannels(dy.Data, batch, OutChannels, plane, Bias.Grad.Data);
        if (!needInputGradient) return NoInput;
        var dx = Tensor.Ensure(ref gradInput, x.Shape);
        dx.Span.Clear();
        if (gradCols.Length < ColRows * plane) gradCols = new float[ColRows * plane];
        for (int n = 0; n < batch; n++)
        {
            Gemm.Multiply(true, false, ColRows, plane, OutChannels, 1f, Weight.Value.Data, ColRows, dy.Data.AsSpan(n * OutChannels * plane), plane, 0f, gradCols, plane);
            Im2Col.Accumulate(gradCols, InChannels, h, w, KernelSize, KernelSize, Stride, Padding, dx.Data.AsSpan(n * x.ItemLength, x.ItemLength));
        }
        return dx;
    }
}
