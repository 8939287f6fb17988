using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LayerEntropy.Tensors;

/// <summary>
/// Elementwise kernels of the layers. Plain maps go through TensorPrimitives; the gradient maps that it lacks
/// use the <see cref="Binary{T}"/> driver, which owns the vector width and the tail.
/// </summary>
internal static class Elementwise
{
    /// <summary>d[i] = op(x[i], y[i]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Binary<T>(T op, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> d) where T : struct, IBinaryOperator
    {
        int n = x.Length;
        if (y.Length != n || d.Length < n) throw new ArgumentException("operand lengths differ");
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        ref float dr = ref MemoryMarshal.GetReference(d);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
                op.Invoke(Vector256.LoadUnsafe(ref xr, (nuint)i), Vector256.LoadUnsafe(ref yr, (nuint)i)).StoreUnsafe(ref dr, (nuint)i);
        for (; i < n; i++) Unsafe.Add(ref dr, i) = op.Invoke(Unsafe.Add(ref xr, i), Unsafe.Add(ref yr, i));
    }

    public static void Relu(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Max(x, 0f, y);

    /// <summary>dx = dy where the forward output y is positive, else 0.</summary>
    public static void ReluGrad(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx) => Binary(new PositiveMask(), y, dy, dx);

    public static void LeakyRelu(ReadOnlySpan<float> x, float slope, Span<float> y) => Binary(new LeakyReluOp(slope), x, x, y);

    /// <summary>dx = dy where the forward input x is positive, slope·dy elsewhere.</summary>
    public static void LeakyReluGrad(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, float slope, Span<float> dx) => Binary(new LeakyReluOp(slope), x, dy, dx);

    /// <summary>dx = dy·y·(1 − y) for y = sigmoid(x).</summary>
    public static void SigmoidGrad(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx) => Binary(new SigmoidGradOp(), y, dy, dx);

    /// <summary>dx = dy·(1 − y²) for y = tanh(x).</summary>
    public static void TanhGrad(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx) => Binary(new TanhGradOp(), y, dy, dx);

    /// <summary>Adds <paramref name="bias"/> (length cols) to every row of the rows×cols matrix <paramref name="y"/>.</summary>
    public static void AddRowVector(Span<float> y, int rows, int cols, ReadOnlySpan<float> bias)
    {
        for (int r = 0; r < rows; r++)
        {
            var row = y.Slice(r * cols, cols);
            TensorPrimitives.Add(row, bias, row);
        }
    }

    /// <summary>sum[j] = Σ_r x[r, j] over a rows×cols matrix (the bias gradient of a fully connected layer).</summary>
    public static void SumRows(ReadOnlySpan<float> x, int rows, int cols, Span<float> sum)
    {
        sum[..cols].Clear();
        for (int r = 0; r < rows; r++)
            TensorPrimitives.Add(sum[..cols], x.Slice(r * cols, cols), sum[..cols]);
    }

    /// <summary>sum[c] = Σ over images and positions of x[n, c, ·] (the bias gradient of a convolution).</summary>
    public static void SumChannels(ReadOnlySpan<float> x, int images, int channels, int plane, Span<float> sum)
    {
        for (int c = 0; c < channels; c++)
        {
            double s = 0;
            for (int n = 0; n < images; n++) s += Sum(x.Slice((n * channels + c) * plane, plane));
            sum[c] = (float)s;
        }
    }

    /// <summary>
    /// Σ x in eight lanes, folded in a fixed order, then the tail: the same bits on every CPU. (TensorPrimitives.Sum
    /// takes sixteen lanes where AVX-512 is present, which changes the rounding and so a trained CNN's weights.)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Sum(ReadOnlySpan<float> x)
    {
        ref float xr = ref MemoryMarshal.GetReference(x);
        int n = x.Length, i = 0;
        var acc = Vector256<float>.Zero;
        for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            acc += Vector256.LoadUnsafe(ref xr, (nuint)i);
        float s = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
        for (; i < n; i++) s += Unsafe.Add(ref xr, i);
        return s;
    }

    private readonly struct PositiveMask : IBinaryOperator
    {
        public float Invoke(float y, float dy) => y > 0 ? dy : 0f;
        public Vector256<float> Invoke(Vector256<float> y, Vector256<float> dy) => Vector256.GreaterThan(y, Vector256<float>.Zero) & dy;
    }

    private readonly struct LeakyReluOp(float slope) : IBinaryOperator
    {
        public float Invoke(float x, float v) => x > 0 ? v : slope * v;
        public Vector256<float> Invoke(Vector256<float> x, Vector256<float> v) =>
            Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), v, v * slope);
    }

    private readonly struct SigmoidGradOp : IBinaryOperator
    {
        public float Invoke(float y, float dy) => dy * y * (1f - y);
        public Vector256<float> Invoke(Vector256<float> y, Vector256<float> dy) => dy * y * (Vector256<float>.One - y);
    }

    private readonly struct TanhGradOp : IBinaryOperator
    {
        public float Invoke(float y, float dy) => dy * (1f - y * y);
        public Vector256<float> Invoke(Vector256<float> y, Vector256<float> dy) => dy * (Vector256<float>.One - y * y);
    }
}
