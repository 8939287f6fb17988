using LayerEntropy.Tensors;

namespace LayerEntropy.Nn;

/// <summary>
/// Softmax or log-softmax over the values of each sample from per-sample axis <see cref="Axis"/> on, taken as one
/// row (ONNX Softmax: the last axis from opset 13, everything from the axis on before).
/// </summary>
internal sealed class Softmax(bool log, int axis) : ForwardOnlyLayer
{
    private Tensor? output;

    public override string Kind => Log ? "LogSoftmax" : "Softmax";
    public bool Log { get; } = log;

    /// <summary>The first per-sample axis of a row.</summary>
    public int Axis { get; } = axis;

    public override int[] OutputShape(int[] inputShape)
    {
        Require(Axis >= 0 && Axis < inputShape.Length, $"{this}: axis {Axis} is outside the sample's {inputShape.Length} axes");
        return inputShape;
    }

    public override Tensor Forward(Tensor input, bool training)
    {
        var s = OutputShape(input.Shape[1..]);
        var y = Tensor.Ensure(ref output, input.Shape);
        RowSoftmax.Forward(input.Data, Tensor.CheckedLength(s.AsSpan(Axis)), Log, y.Data);
        return y;
    }
}
