using LayerEntropy.Tensors;

namespace LayerEntropy.Nn;

/// <summary>
/// Max or average pooling of each channel with any kernel, stride and padding (ONNX MaxPool with padding or ceil mode,
/// AveragePool, GlobalAveragePool, GlobalMaxPool). A global pool's kernel is the whole plane.
/// </summary>
internal sealed class Pool2d : ForwardOnlyLayer
{
    private readonly int[] kernel, strides, pads;
    private Tensor? output;

    /// <param name="kernel">kh, kw; null for a global pool.</param>
    /// <param name="pads">Top, left, bottom, right.</param>
    public Pool2d(bool max, int[]? kernel, int[] strides, int[] pads, bool ceilMode = false, bool countIncludePad = false)
    {
        Require(kernel is null || (kernel.Length == 2 && kernel.All(k => k > 0)), "Pool2d needs a positive kh, kw");
        Require(strides.Length == 2 && strides.All(s => s > 0) && pads.Length == 4 && pads.All(p => p >= 0), "Pool2d needs positive strides and non-negative pads");
        // A window wholly inside the padding would pool nothing (onnxruntime refuses such pads too).
        Require(kernel is null || (pads[0] < kernel[0] && pads[2] < kernel[0] && pads[1] < kernel[1] && pads[3] < kernel[1]), "Pool2d needs each pad smaller than the kernel");
        (Max, Global, this.kernel, this.strides, this.pads, CeilMode, CountIncludePad) = (max, kernel is null, kernel ?? [0, 0], strides, pads, ceilMode, countIncludePad);
    }

    public override string Kind => (Global ? "Global" : "") + (Max ? "MaxPool" : "AveragePool");
    public bool Max { get; }
    public bool Global { get; }
    public bool CeilMode { get; }
    public bool CountIncludePad { get; }

    private PoolWindow Window(int[] s)
    {
        Require(s.Length == 3, $"{this} takes C×H×W, got {Format(s)}");
        int kh = Global ? s[1] : kernel[0], kw = Global ? s[2] : kernel[1];
        int oh = PoolWindow.OutputSize(s[1], kh, strides[0], pads[0], pads[2], CeilMode), ow = PoolWindow.OutputSize(s[2], kw, strides[1], pads[1], pads[3], CeilMode);
        Require(oh > 0 && ow > 0, $"{this}: input {s[1]}×{s[2]} is smaller than the {kh}×{kw} window");
        return new(s[1], s[2], kh, kw, strides[0], strides[1], pads[0], pads[1], pads[2], pads[3], oh, ow);
    }

    public override int[] OutputShape(int[] inputShape)
    {
        var w = Window(inputShape);
        return [inputShape[0], w.OutHeight, w.OutWidth];
    }

    public override Tensor Forward(Tensor input, bool training)
    {
        var w = Window(input.Shape[1..]);
        var y = Tensor.Ensure(ref output, input.Dim(0), input.Dim(1), w.OutHeight, w.OutWidth);
        WindowPooling.Forward(input.Data, input.Dim(0) * input.Dim(1), w, Max, CountIncludePad, y.Data);
        return y;
    }
}
