using LayerEntropy.Tensors;

namespace LayerEntropy.Nn;

/// <summary>
/// x + c, x − c, x·c or x / c (or c − x, c / x) with a constant c broadcast to the per-sample shape: the ONNX
/// Add, Sub, Mul and Div of an input normalisation or a bias.
/// </summary>
internal sealed class ConstantArithmetic : ForwardOnlyLayer
{
    private readonly float[] constant;
    private readonly int[] shape;
    private Tensor? output;

    /// <param name="op">'+', '-', '*' or '/'.</param>
    /// <param name="constant">The constant, already broadcast to <paramref name="shape"/>.</param>
    /// <param name="constantFirst">Whether the constant is the left operand.</param>
    public ConstantArithmetic(char op, float[] constant, int[] shape, bool constantFirst)
    {
        Require(op is '+' or '-' or '*' or '/', $"unknown operation '{op}'");
        Require(constant.Length == Tensor.CheckedLength(shape), "the constant does not fill the shape");
        (Operation, this.constant, this.shape, ConstantFirst) = (op, constant, (int[])shape.Clone(), constantFirst);
    }

    public override string Kind => Operation switch { '+' => "Add", '-' => "Sub", '*' => "Mul", _ => "Div" };
    public char Operation { get; }
    public bool ConstantFirst { get; }
    public ReadOnlySpan<float> Constant => constant;

    public override int[] OutputShape(int[] inputShape)
    {
        Require(inputShape.AsSpan().SequenceEqual(shape), $"{this} takes {Format(shape)}, got {Format(inputShape)}");
        return inputShape;
    }

    public override Tensor Forward(Tensor input, bool training)
    {
        OutputShape(input.Shape[1..]);
        var y = Tensor.Ensure(ref output, input.Shape);
        Elementwise.Arithmetic(Operation, input.Data, constant, ConstantFirst, y.Data);
        return y;
    }
}
