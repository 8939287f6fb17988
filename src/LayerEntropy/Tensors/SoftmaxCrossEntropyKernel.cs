using System.Numerics.Tensors;

namespace LayerEntropy.Tensors;

/// <summary>
/// Mean softmax cross-entropy over a batch of logits, computed stably: log-sum-exp subtracts each row's maximum
/// first, so logits near 1e4 neither overflow nor lose the answer.
/// </summary>
internal static class SoftmaxCrossEntropyKernel
{
    /// <summary>
    /// Returns the mean loss −(1/B)·Σ log softmax(z_b)[y_b]; when <paramref name="grad"/> is not empty it receives
    /// dLoss/dz = (softmax(z) − onehot(y)) / B. Also counts rows whose arg-max equals the label.
    /// </summary>
    public static double Compute(ReadOnlySpan<float> logits, int rows, int classes, ReadOnlySpan<int> labels, Span<float> grad, out int correct)
    {
        double total = 0;
        correct = 0;
        for (int r = 0; r < rows; r++)
        {
            var z = logits.Slice(r * classes, classes);
            int label = labels[r];
            if ((uint)label >= (uint)classes) throw new ArgumentException($"label {label} is outside 0..{classes - 1}");
            int arg = TensorPrimitives.IndexOfMax(z);
            float max = z[arg];
            if (arg == label) correct++;
            double sum = 0;
            for (int j = 0; j < classes; j++) sum += Math.Exp(z[j] - max);
            double lse = max + Math.Log(sum);
            total += lse - z[label];
            if (grad.IsEmpty) continue;
            var g = grad.Slice(r * classes, classes);
            for (int j = 0; j < classes; j++) g[j] = (float)(Math.Exp(z[j] - lse) / rows);
            g[label] -= 1f / rows;
        }
        return rows == 0 ? 0 : total / rows;
    }
}
