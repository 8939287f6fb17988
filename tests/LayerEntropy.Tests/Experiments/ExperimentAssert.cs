using LayerEntropy.Analysis;
using LayerEntropy.Onnx;

namespace LayerEntropy.Tests.Experiments;

/// <summary>Checks shared by the experiment tests.</summary>
internal static class ExperimentAssert
{
    public static float[] Weights(string model) => [.. OnnxModelFile.Load(model).Model.Parameters.SelectMany(p => p.Value.Data)];

    /// <summary>Two sets of depth findings hold the same curves and verdicts, value for value.</summary>
    public static void SameFindings(IReadOnlyList<DepthFinding> expected, IReadOnlyList<DepthFinding> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            Assert.Equal((e.Measure, e.Statistic, e.Set, e.Monotonic, e.FirstBreak, e.SaturationDepth), (a.Measure, a.Statistic, a.Set, a.Monotonic, a.FirstBreak, a.SaturationDepth));
            Assert.Equal(e.Values, a.Values);
            Assert.Equal(e.Spearman, a.Spearman);
        }
    }

    /// <summary>Spearman's ρ the textbook way: ranks (ties averaged), then Pearson's r of the ranks.</summary>
    public static double Spearman(double[] x, double[] y)
    {
        static double[] Rank(double[] v) => [.. v.Select(a => v.Count(b => b < a) + (v.Count(b => b == a) + 1) / 2.0)];
        double[] rx = Rank(x), ry = Rank(y);
        double mx = rx.Average(), my = ry.Average();
        double sxy = rx.Zip(ry, (a, b) => (a - mx) * (b - my)).Sum();
        return sxy / Math.Sqrt(rx.Sum(a => (a - mx) * (a - mx)) * ry.Sum(b => (b - my) * (b - my)));
    }
}
