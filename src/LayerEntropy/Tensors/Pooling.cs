namespace LayerEntropy.Tensors;

/// <summary>
/// Max pooling over NCHW planes without padding: out[n,c,i,j] = max over the k×k window at (i·s, j·s).
/// The forward pass records the flat input index of each maximum (first one on ties) for the backward scatter.
/// </summary>
internal static class Pooling
{
    public static int OutputSize(int size, int kernel, int stride) => (size - kernel) / stride + 1;

    public static void MaxForward(ReadOnlySpan<float> x, int planes, int h, int w, int kernel, int stride, Span<float> y, Span<int> argmax)
    {
        int oh = OutputSize(h, kernel, stride), ow = OutputSize(w, kernel, stride);
        for (int p = 0; p < planes; p++)
        {
            int inBase = p * h * w, outBase = p * oh * ow;
            for (int i = 0; i < oh; i++)
                for (int j = 0; j < ow; j++)
                {
                    int best = inBase + i * stride * w + j * stride;
                    float bestValue = x[best];
                    for (int a = 0; a < kernel; a++)
                    {
                        int row = inBase + (i * stride + a) * w + j * stride;
                        for (int b = 0; b < kernel; b++)
                        {
                            float v = x[row + b];
                            // NaN propagates: a NaN input wins the window, as in other frameworks.
                            if (v > bestValue || (float.IsNaN(v) && !float.IsNaN(bestValue))) { bestValue = v; best = row + b; }
                        }
                    }
                    y[outBase + i * ow + j] = bestValue;
                    argmax[outBase + i * ow + j] = best;
                }
        }
    }

    /// <summary>dx = 0, then dx[argmax[o]] += dy[o] for every output o (windows may overlap when stride &lt; kernel).</summary>
    public static void MaxBackward(ReadOnlySpan<float> dy, ReadOnlySpan<int> argmax, Span<float> dx)
    {
        dx.Clear();
        for (int o = 0; o < dy.Length; o++) dx[argmax[o]] += dy[o];
    }
}
