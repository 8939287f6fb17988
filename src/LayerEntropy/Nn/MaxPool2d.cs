using LayerEntropy.Tensors;

namespace LayerEntropy.Nn;

/// <summary>Max pooling over k×k windows of each channel, no padding (ONNX MaxPool).</summary>
public sealed class MaxPool2d : Layer
{
    private Tensor? output, gradInput;
    private int[] argmax = [];
    private int[]? inputShape;

    public MaxPool2d(int kernel = 2, int? stride = null)
    {
        Require(kernel > 0 && (stride ?? kernel) > 0, "MaxPool2d needs a positive kernel and stride");
        Kernel = kernel;
        Stride = stride ?? kernel;
    }

    public override string Kind => "MaxPool2d";
    public int Kernel { get; }
    public int Stride { get; }

    public override int[] OutputShape(int[] s)
    {
        Require(s.Length == 3 && s[1] >= Kernel && s[2] >= Kernel, $"{this} takes C×H×W with H, W ≥ {Kernel}, got [{string.Join(",", s)}]");
        return [s[0], Pooling.OutputSize(s[1], Kernel, Stride), Pooling.OutputSize(s[2], Kernel, Stride)];
    }

    public override Tensor Forward(Tensor x, bool training)
    {
        var o = OutputShape(x.Shape[1..]);
        var y = Tensor.Ensure(ref output, x.Dim(0), o[0], o[1], o[2]);
        if (argmax.Length != y.Length) argmax = new int[y.Length];
        Pooling.MaxForward(x.Data, x.Dim(0) * x.Dim(1), x.Dim(2), x.Dim(3), Kernel, Stride, y.Data, argmax);
        inputShape = x.Shape;
        return y;
    }

    public override Tensor Backward(Tensor dy, bool needInputGradient = true)
    {
        if (!needInputGradient) return NoInput;
        var dx = Tensor.Ensure(ref gradInput, inputShape ?? throw new InvalidOperationException($"{this}: Backward needs a Forward first"));
        Pooling.MaxBackward(dy.Data, argmax, dx.Data);
        return dx;
    }
}
