using LayerEntropy.Tensors;

namespace LayerEntropy.Nn;

/// <summary>
/// 2-D convolution over NCHW batches with a square kernel, stride and zero padding (ONNX Conv, group 1),
/// computed per image as W·im2col(x), the images in parallel (<see cref="Convolution"/>). Weight is out×in×k×k.
/// </summary>
public sealed class Conv2d : Layer
{
    private Tensor? output, gradInput, input;
    private readonly Convolution convolution = new();

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

    private ConvGeometry Geometry(Tensor x) => new(InChannels, x.Dim(2), x.Dim(3), KernelSize, KernelSize, Stride, Stride, Padding, Padding);

    public override Tensor Forward(Tensor x, bool training)
    {
        var o = OutputShape(x.Shape[1..]);
        int batch = x.Dim(0);
        var y = Tensor.Ensure(ref output, batch, o[0], o[1], o[2]);
        convolution.Forward(Geometry(x), OutChannels, batch, x.Data, Weight.Value.Data, Bias.Value.Data, y.Data, Compute.Threads);
        input = training ? x : null;
        return y;
    }

    public override Tensor Backward(Tensor dy, bool needInputGradient = true)
    {
        var x = input ?? throw new InvalidOperationException($"{this}: Backward needs a training Forward first");
        int batch = x.Dim(0), plane = dy.Dim(2) * dy.Dim(3);
        var dx = needInputGradient ? Tensor.Ensure(ref gradInput, x.Shape) : null;
        convolution.Backward(Geometry(x), OutChannels, batch, x.Data, dy.Data, Weight.Value.Data, Weight.Grad.Data, dx?.Data, Compute.Threads);
        Elementwise.SumChannels(dy.Data, batch, OutChannels, plane, Bias.Grad.Data);
        return dx ?? NoInput;
    }
}
