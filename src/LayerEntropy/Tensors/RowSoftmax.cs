using System.Numerics.Tensors;

namespace LayerEntropy.Tensors;

/// <summary>Softmax and log-softmax over consecutive rows, each shifted by its maximum first so large values neither overflow nor lose the answer.</summary>
internal static class RowSoftmax
{
    /// <summary>y = softmax(x) (or log-softmax when <paramref name="log"/>) row by row, for rows of <paramref name="length"/> values.</summary>
    public static void Forward(ReadOnlySpan<float> x, int length, bool log, Span<float> y)
    {
        if (length <= 0 || x.Length % length != 0 || y.Length < x.Length) throw new ArgumentException("softmax operands do not hold whole rows");
        for (int at = 0; at < x.Length; at += length)
        {
            var row = x.Slice(at, length);
            var d = y.Slice(at, length);
            float max = TensorPrimitives.Max(row);
            TensorPrimitives.Subtract(row, max, d);
            if (log)
            {
                double sum = 0;
                for (int j = 0; j < length; j++) sum += Math.Exp(d[j]);
                TensorPrimitives.Subtract(d, (float)Math.Log(sum), d);
            }
            else
            {
                TensorPrimitives.Exp(d, d);
                TensorPrimitives.Divide(d, TensorPrimitives.Sum(d), d);
            }
        }
    }
}
