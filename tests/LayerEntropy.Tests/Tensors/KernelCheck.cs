namespace LayerEntropy.Tests.Tensors;

/// <summary>The one comparison every fast-kernel test uses: fast result against its naive reference.</summary>
internal static class KernelCheck
{
    /// <summary>Absolute slack, for results that cancel to about zero.</summary>
    public const double Atol = 1e-5;

    /// <summary>
    /// Relative slack against the magnitude of the computation. For sums of products the magnitude is Σ|a||b|
    /// (not |Σab|), the quantity float rounding error actually scales with, so long sums need no looser constant.
    /// </summary>
    public const double Rtol = 1e-4;

    /// <summary>
    /// Asserts |actual − expected| ≤ Atol + Rtol·magnitude element by element (magnitude defaults to |expected|);
    /// NaN or infinity in <paramref name="actual"/> always fails.
    /// </summary>
    public static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what, ReadOnlySpan<float> magnitude = default)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double scale = magnitude.IsEmpty ? Math.Abs(expected[i]) : magnitude[i];
            double error = Math.Abs((double)actual[i] - expected[i]);
            if (!(error <= Atol + Rtol * scale))
                Assert.Fail($"{what}: element {i} is {actual[i]}, reference {expected[i]} (error {error:G3}, allowed {Atol + Rtol * scale:G3})");
        }
    }

    /// <summary>Seeded values uniform in [-1, 1).</summary>
    public static float[] Random(int seed, int length)
    {
        var rng = new Random(seed);
        var x = new float[length];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(rng.NextDouble() * 2 - 1);
        return x;
    }

    public static float[] Abs(float[] x) => Array.ConvertAll(x, MathF.Abs);
}
