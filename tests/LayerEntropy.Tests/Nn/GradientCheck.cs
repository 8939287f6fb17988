using LayerEntropy.Nn;
using LayerEntropy.Tensors;

namespace LayerEntropy.Tests.Nn;

/// <summary>
/// Compares a layer's backward pass with central finite differences of the scalar loss L = Σ r·y, where r is a
/// fixed random tensor; L and the difference quotients are formed in double precision.
/// </summary>
internal static class GradientCheck
{
    /// <summary>Step of the central difference; large enough that float32 rounding of L stays well below the signal.</summary>
    public const double Step = 1e-2;
    public const double AbsoluteTolerance = 2e-3;
    public const double RelativeTolerance = 2e-2;

    /// <summary>Distinct values (a shuffled ladder with <paramref name="spacing"/> between rungs, none at 0), so no
    /// finite-difference step crosses a ReLU kink or changes a max-pool winner when spacing &gt; 2·<see cref="Step"/>.</summary>
    public static Tensor SpacedInput(int seed, double spacing, params int[] shape)
    {
        var t = new Tensor(shape);
        var random = new Random(seed);
        var order = Enumerable.Range(0, t.Length).OrderBy(_ => random.Next()).ToArray();
        for (int i = 0; i < t.Length; i++) t[i] = (float)((order[i] - t.Length / 2 + 0.5) * spacing);
        return t;
    }

    public static Tensor Random(int seed, float scale, params int[] shape)
    {
        var t = new Tensor(shape);
        var random = new Random(seed);
        for (int i = 0; i < t.Length; i++) t[i] = (float)((random.NextDouble() * 2 - 1) * scale);
        return t;
    }

    public static void Check(Layer layer, Tensor x, int seed = 7, int maxProbes = 60)
    {
        Reset(layer);
        var y = layer.Forward(x, training: true);
        var r = Random(seed, 1f, y.Shape);
        var dx = layer.Backward(r).Clone();
        var grads = layer.Parameters.Select(p => p.Grad.Clone()).ToArray();

        double Loss()
        {
            Reset(layer);
            var out2 = layer.Forward(x, training: true);
            double s = 0;
            for (int i = 0; i < out2.Length; i++) s += (double)out2[i] * r[i];
            return s;
        }

        Probe($"{layer} input", x, dx, Loss, seed, maxProbes);
        for (int p = 0; p < grads.Length; p++)
            Probe($"{layer} {layer.Parameters[p].Name}", layer.Parameters[p].Value, grads[p], Loss, seed + p + 1, maxProbes);
    }

    /// <summary>Perturbs up to <paramref name="maxProbes"/> entries of <paramref name="target"/> and compares the slopes.</summary>
    public static void Probe(string what, Tensor target, Tensor analytic, Func<double> loss, int seed, int maxProbes)
    {
        Assert.Equal(target.Length, analytic.Length);
        var random = new Random(seed);
        var indices = target.Length <= maxProbes ? Enumerable.Range(0, target.Length) : Enumerable.Range(0, maxProbes).Select(_ => random.Next(target.Length));
        foreach (int i in indices)
        {
            float saved = target[i];
            target[i] = (float)(saved + Step);
            double up = loss();
            target[i] = (float)(saved - Step);
            double down = loss();
            target[i] = saved;
            double numeric = (up - down) / (2 * Step);
            double diff = Math.Abs(numeric - analytic[i]);
            Assert.True(diff <= AbsoluteTolerance + RelativeTolerance * Math.Abs(numeric),
                $"{what}[{i}]: backward gives {analytic[i]}, finite differences {numeric}");
        }
    }

    private static void Reset(Layer layer)
    {
        if (layer is Dropout d) d.Reseed(12345);
        if (layer is Sequential s) foreach (var l in s.Layers.OfType<Dropout>()) l.Reseed(12345);
    }
}
