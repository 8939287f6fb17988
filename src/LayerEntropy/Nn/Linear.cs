using LayerEntropy.Tensors;

namespace LayerEntropy.Nn;

/// <summary>Fully connected layer y = x·Wᵀ + b, with W stored out×in (the layout of ONNX Gemm with transB = 1).</summary>
public sealed class Linear : Layer
{
    private Tensor? output, gradInput, input;

    public Linear(int inFeatures, int outFeatures)
    {
        Require(inFeatures > 0 && outFeatures > 0, "Linear needs positive feature counts");
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = new Parameter("weight", new Tensor(outFeatures, inFeatures));
        Bias = new Parameter("bias", new Tensor(outFeatures));
    }

    public override string Kind => "Linear";
    public int InFeatures { get; }
    public int OutFeatures { get; }
    public Parameter Weight { get; }
    public Parameter Bias { get; }
    public override IReadOnlyList<Parameter> Parameters => [Weight, Bias];

    /// <summary>
    /// The per-sample shape of the output when it is not [OutFeatures]: [O, 1, 1] for a convolution read from an ONNX
    /// file whose kernel covers its whole input, so that the layers after it see the shape they were written for.
    /// </summary>
    internal int[]? UnitShape
    {
        get;
        init
        {
            Require(value is null || Tensor.CheckedLength(value) == OutFeatures, $"{this}: unit shape [{string.Join(",", value ?? [])}] does not hold {OutFeatures} values");
            field = value is null ? null : (int[])value.Clone();
        }
    }

    public override int[] OutputShape(int[] inputShape)
    {
        Require(Tensor.CheckedLength(inputShape) == InFeatures,
            $"{this} takes {InFeatures} features, got shape [{string.Join(",", inputShape)}]");
        return UnitShape is { } shape ? (int[])shape.Clone() : [OutFeatures];
    }

    private Tensor EnsureOutput(int batch) => UnitShape is { } shape ? Tensor.Ensure(ref output, [batch, .. shape]) : Tensor.Ensure(ref output, batch, OutFeatures);

    public override Tensor Forward(Tensor x, bool training)
    {
        int batch = x.Dim(0);
        Require(x.ItemLength == InFeatures, $"{this} takes {InFeatures} features, got {x.ItemLength}");
        var y = EnsureOutput(batch);
        // The bias is added to each finished element in the GEMM's store (the same bits as adding it afterwards).
        Gemm.Multiply(false, true, batch, OutFeatures, InFeatures, 1f, x.Data, InFeatures, Weight.Value.Data, InFeatures, 0f, y.Data, OutFeatures,
            Bias.Value.Data, relu: false);
        input = training ? x : null;
        return y;
    }

    /// <summary>
    /// Inference only: max(x·Wᵀ + b, 0), this layer and a following <see cref="ReLU"/> in one pass over the output
    /// (the bias and the clamp in the GEMM's store: the same bits as <see cref="Forward"/> and then the ReLU).
    /// </summary>
    internal Tensor ForwardRelu(Tensor x)
    {
        int batch = x.Dim(0);
        Require(x.ItemLength == InFeatures, $"{this} takes {InFeatures} features, got {x.ItemLength}");
        var y = EnsureOutput(batch);
        Gemm.Multiply(false, true, batch, OutFeatures, InFeatures, 1f, x.Data, InFeatures, Weight.Value.Data, InFeatures, 0f, y.Data, OutFeatures,
            Bias.Value.Data, relu: true);
        input = null;
        return y;
    }

    public override Tensor Backward(Tensor dy, bool needInputGradient = true)
    {
        var x = input ?? throw new InvalidOperationException($"{this}: Backward needs a training Forward first");
        int batch = x.Dim(0);
        Gemm.Multiply(true, false, OutFeatures, InFeatures, batch, 1f, dy.Data, OutFeatures, x.Data, InFeatures, 0f, Weight.Grad.Data, InFeatures);
        Elementwise.SumRows(dy.Data, batch, OutFeatures, Bias.Grad.Data);
        if (!needInputGradient) return NoInput;
        var dx = Tensor.Ensure(ref gradInput, x.Shape);
        Gemm.Multiply(false, false, batch, InFeatures, OutFeatures, 1f, dy.Data, OutFeatures, Weight.Value.Data, InFeatures, 0f, dx.Data, InFeatures);
        return dx;
    }
}
