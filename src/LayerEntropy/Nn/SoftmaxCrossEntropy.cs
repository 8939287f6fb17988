using LayerEntropy.Tensors;

namespace LayerEntropy.Nn;

/// <summary>Mean softmax cross-entropy of a batch of logits against integer labels, with its gradient.</summary>
public sealed class SoftmaxCrossEntropy
{
    private Tensor? gradient;

    /// <summary>dLoss/dLogits of the last <see cref="Forward"/> call with a gradient.</summary>
    public Tensor Gradient => gradient ?? throw new InvalidOperationException("no gradient computed yet");

    /// <summary>Returns the mean loss; counts correct arg-max predictions; computes the gradient when asked.</summary>
    public double Forward(Tensor logits, ReadOnlySpan<int> labels, bool withGradient, out int correct)
    {
        int rows = logits.Dim(0), classes = logits.ItemLength;
        if (labels.Length != rows) throw new ArgumentException($"{labels.Length} labels for {rows} rows");
        Span<float> grad = withGradient ? Tensor.Ensure(ref gradient, rows, classes).Span : [];
        return SoftmaxCrossEntropyKernel.Compute(logits.Data, rows, classes, labels, grad, out correct);
    }
}
