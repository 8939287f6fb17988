using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LayerEntropy.Tensors;

/// <summary>
/// Max pooling over NCHW planes without padding: out[n,c,i,j] = max over the k×k window at (i·s, j·s).
/// The forward pass records the flat input index of each maximum (first one on ties) for the backward scatter.
/// </summary>
internal static class Pooling
{
    public static int OutputSize(int size, int kernel, int stride) => (size - kernel) / stride + 1;

    public static unsafe void MaxForward(ReadOnlySpan<float> x, int planes, int h, int w, int kernel, int stride, Span<float> y, Span<int> argmax)
    {
        int oh = OutputSize(h, kernel, stride), ow = OutputSize(w, kernel, stride);
        if (planes <= 0 || oh <= 0 || ow <= 0) return;
        if (x.Length < (long)planes * h * w || y.Length < (long)planes * oh * ow || argmax.Length < (long)planes * oh * ow)
            throw new ArgumentException("pooling operands are smaller than the shape needs");
        fixed (float* px = x, py = y)
        fixed (int* pa = argmax)
        {
            if (kernel == 2 && stride == 2) Max2x2(px, planes, h, w, oh, ow, py, pa);
            else MaxAny(px, planes, h, w, kernel, stride, oh, ow, py, pa);
        }
    }

    /// <summary>Whether v replaces best as a window's maximum: larger, or the first NaN (a NaN input wins the window, as in other frameworks).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Wins(float v, float best) => v > best || (float.IsNaN(v) && !float.IsNaN(best));

    private static unsafe void Max2x2(float* x, int planes, int h, int w, int oh, int ow, float* y, int* argmax)
    {
        for (int p = 0; p < planes; p++)
        {
            int inBase = p * h * w;
            for (int i = 0; i < oh; i++, y += ow, argmax += ow)
            {
                int top = inBase + 2 * i * w, j = 0;
                float* r0 = x + top, r1 = r0 + w;
                // Whole vectors of windows, the last one ending at ow (overlapping windows are recomputed identically).
                if (Avx2.IsSupported && ow >= 8)
                {
                    for (; j + 8 <= ow; j += 8) Max2x2Avx2(r0 + 2 * j, r1 + 2 * j, top + 2 * j, w, y + j, argmax + j);
                    if (j < ow) Max2x2Avx2(r0 + 2 * (ow - 8), r1 + 2 * (ow - 8), top + 2 * (ow - 8), w, y + ow - 8, argmax + ow - 8);
                    continue;
                }
                if (Sse2.IsSupported && ow >= 4)
                {
                    for (; j + 4 <= ow; j += 4) Max2x2Sse(r0 + 2 * j, r1 + 2 * j, top + 2 * j, w, y + j, argmax + j);
                    if (j < ow) Max2x2Sse(r0 + 2 * (ow - 4), r1 + 2 * (ow - 4), top + 2 * (ow - 4), w, y + ow - 4, argmax + ow - 4);
                    continue;
                }
                for (; j < ow; j++)
                {
                    // Row-major scan of the window, first maximum kept: (0,0), (0,1), (1,0), (1,1).
                    int c = 2 * j, best = top + c;
                    float m = r0[c], v = r0[c + 1];
                    if (Wins(v, m)) { m = v; best = top + c + 1; }
                    v = r1[c];
                    if (Wins(v, m)) { m = v; best = top + w + c; }
                    v = r1[c + 1];
                    if (Wins(v, m)) { m = v; best = top + w + c + 1; }
                    y[j] = m;
                    argmax[j] = best;
                }
            }
        }
    }

    /// <summary>
    /// Eight 2×2 windows side by side, branch-free, with the same scan order and NaN rule as <see cref="Wins"/>.
    /// The even/odd split of each 16-value input row leaves the windows in the order 0 1 4 5 2 3 6 7 (per 128-bit
    /// half), and one permutation of 64-bit pairs puts the results back in order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Max2x2Avx2(float* r0, float* r1, int index, int w, float* y, int* argmax)
    {
        Vector256<float> a0 = Avx.LoadVector256(r0), a1 = Avx.LoadVector256(r0 + 8);
        Vector256<float> b0 = Avx.LoadVector256(r1), b1 = Avx.LoadVector256(r1 + 8);
        // Flat input index of each window's top-left value, in the shuffled window order.
        var first = Vector256.Create(index) + Vector256.Create(0, 2, 8, 10, 4, 6, 12, 14);
        var m = Avx.Shuffle(a0, a1, 0b10_00_10_00);
        var best = first;
        Take(Avx.Shuffle(a0, a1, 0b11_01_11_01), first + Vector256<int>.One, ref m, ref best);
        Take(Avx.Shuffle(b0, b1, 0b10_00_10_00), first + Vector256.Create(w), ref m, ref best);
        Take(Avx.Shuffle(b0, b1, 0b11_01_11_01), first + Vector256.Create(w + 1), ref m, ref best);
        Avx.Store(y, Avx2.Permute4x64(m.AsDouble(), 0b11_01_10_00).AsSingle());
        Avx.Store(argmax, Avx2.Permute4x64(best.AsInt64(), 0b11_01_10_00).AsInt32());
    }

    /// <summary>Four 2×2 windows side by side, as <see cref="Max2x2Avx2"/> (within 128 bits the even/odd split keeps the order).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Max2x2Sse(float* r0, float* r1, int index, int w, float* y, int* argmax)
    {
        Vector128<float> a0 = Sse.LoadVector128(r0), a1 = Sse.LoadVector128(r0 + 4);
        Vector128<float> b0 = Sse.LoadVector128(r1), b1 = Sse.LoadVector128(r1 + 4);
        var first = Vector128.Create(index) + Vector128.Create(0, 2, 4, 6);
        var m = Sse.Shuffle(a0, a1, 0b10_00_10_00);
        var best = first;
        Take(Sse.Shuffle(a0, a1, 0b11_01_11_01), first + Vector128<int>.One, ref m, ref best);
        Take(Sse.Shuffle(b0, b1, 0b10_00_10_00), first + Vector128.Create(w), ref m, ref best);
        Take(Sse.Shuffle(b0, b1, 0b11_01_11_01), first + Vector128.Create(w + 1), ref m, ref best);
        Sse.Store(y, m);
        Sse2.Store(argmax, best);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Take(Vector128<float> v, Vector128<int> index, ref Vector128<float> m, ref Vector128<int> best)
    {
        var wins = Vector128.GreaterThan(v, m) | Vector128.AndNot(Vector128.Equals(m, m), Vector128.Equals(v, v));
        m = Vector128.ConditionalSelect(wins, v, m);
        best = Vector128.ConditionalSelect(wins.AsInt32(), index, best);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Take(Vector256<float> v, Vector256<int> index, ref Vector256<float> m, ref Vector256<int> best)
    {
        // v > m, or v is NaN and m is not.
        var wins = Vector256.GreaterThan(v, m) | Vector256.AndNot(Vector256.Equals(m, m), Vector256.Equals(v, v));
        m = Vector256.ConditionalSelect(wins, v, m);
        best = Vector256.ConditionalSelect(wins.AsInt32(), index, best);
    }

    private static unsafe void MaxAny(float* x, int planes, int h, int w, int kernel, int stride, int oh, int ow, float* y, int* argmax)
    {
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
                            if (Wins(v, bestValue)) { bestValue = v; best = row + b; }
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
