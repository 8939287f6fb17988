using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LayerEntropy.Tensors;

/// <summary>Parameter updates, vectorised over a whole parameter tensor. The formulas are PyTorch's (torch.optim).</summary>
internal static class OptimizerKernels
{
    /// <summary>SGD: g' = g + wd·p; v = μ·v + g'; p −= lr·v (plain step when μ = 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sgd(Span<float> p, ReadOnlySpan<float> g, Span<float> v, float lr, float momentum, float weightDecay)
    {
        int n = p.Length, i = 0;
        ref float pr = ref MemoryMarshal.GetReference(p);
        ref float gr = ref MemoryMarshal.GetReference(g);
        ref float vr = ref MemoryMarshal.GetReference(v);
        if (Vector256.IsHardwareAccelerated)
            for (; i <= n - 8; i += 8)
            {
                var pv = Vector256.LoadUnsafe(ref pr, (nuint)i);
                var gv = Vector256.LoadUnsafe(ref gr, (nuint)i) + pv * weightDecay;
                var vv = Vector256.LoadUnsafe(ref vr, (nuint)i) * momentum + gv;
                vv.StoreUnsafe(ref vr, (nuint)i);
                (pv - vv * lr).StoreUnsafe(ref pr, (nuint)i);
            }
        for (; i < n; i++)
        {
            float gi = g[i] + weightDecay * p[i];
            v[i] = momentum * v[i] + gi;
            p[i] -= lr * v[i];
        }
    }

    /// <summary>
    /// Adam (L2 form): g' = g + wd·p; m = β1·m + (1−β1)·g'; v = β2·v + (1−β2)·g'²;
    /// p −= lr·(m / c1) / (√(v / c2) + ε), with the bias corrections c1 = 1 − β1^t and c2 = 1 − β2^t.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Adam(Span<float> p, ReadOnlySpan<float> g, Span<float> m, Span<float> v,
        float lr, float beta1, float beta2, float eps, float weightDecay, float c1, float c2)
    {
        int n = p.Length, i = 0;
        float stepSize = lr / c1, invSqrtC2 = 1f / MathF.Sqrt(c2);
        ref float pr = ref MemoryMarshal.GetReference(p);
        ref float gr = ref MemoryMarshal.GetReference(g);
        ref float mr = ref MemoryMarshal.GetReference(m);
        ref float vr = ref MemoryMarshal.GetReference(v);
        if (Vector256.IsHardwareAccelerated)
            for (; i <= n - 8; i += 8)
            {
                var pv = Vector256.LoadUnsafe(ref pr, (nuint)i);
                var gv = Vector256.LoadUnsafe(ref gr, (nuint)i) + pv * weightDecay;
                var mv = Vector256.LoadUnsafe(ref mr, (nuint)i) * beta1 + gv * (1f - beta1);
                var vv = Vector256.LoadUnsafe(ref vr, (nuint)i) * beta2 + gv * gv * (1f - beta2);
                mv.StoreUnsafe(ref mr, (nuint)i);
                vv.StoreUnsafe(ref vr, (nuint)i);
                var denom = Vector256.Sqrt(vv) * invSqrtC2 + Vector256.Create(eps);
                (pv - mv / denom * stepSize).StoreUnsafe(ref pr, (nuint)i);
            }
        for (; i < n; i++)
        {
            float gi = g[i] + weightDecay * p[i];
            m[i] = beta1 * m[i] + (1f - beta1) * gi;
            v[i] = beta2 * v[i] + (1f - beta2) * gi * gi;
            p[i] -= stepSize * m[i] / (MathF.Sqrt(v[i]) * invSqrtC2 + eps);
        }
    }
}
