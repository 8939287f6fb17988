using LayerEntropy.Analysis;

namespace LayerEntropy.Tests.Import;

/// <summary>Compares two analyses of the same inputs measure by measure.</summary>
internal static class AnalysisAssert
{
    /// <summary>
    /// The same sets and taps, and every measure value within <paramref name="tolerance"/> (absolute, plus the same
    /// relative to the value): activations computed by two libraries agree to float32 rounding, which moves
    /// magnitude-type measures in their last digits but leaves the firing patterns as they are.
    /// </summary>
    public static void SameMeasures(AnalysisResult expected, AnalysisResult actual, double tolerance = 1e-5)
    {
        Assert.Equal(expected.Sets.Select(s => (s.Label, s.Count)), actual.Sets.Select(s => (s.Label, s.Count)));
        Assert.Equal(expected.Taps.Count, actual.Taps.Count);
        int compared = 0;
        for (int t = 0; t < expected.Taps.Count; t++)
        {
            var e = expected.Taps[t];
            var a = actual.Taps[t];
            Assert.Equal(e.Units, a.Units);
            for (int s = 0; s < e.Sets.Count; s++)
            {
                Assert.Equal(e.Sets[s].Values.Select(v => (v.Measure, v.Statistic)), a.Sets[s].Values.Select(v => (v.Measure, v.Statistic)));
                for (int v = 0; v < e.Sets[s].Values.Count; v++)
                {
                    double? x = e.Sets[s].Values[v].Value, y = a.Sets[s].Values[v].Value;
                    string where = $"tap {e.Name}, set {e.Sets[s].Set}, {e.Sets[s].Values[v].Measure} {e.Sets[s].Values[v].Statistic}";
                    Assert.True(x.HasValue == y.HasValue, $"{where}: {x} against {y}");
                    if (x is not double xv || y is not double yv) continue;
                    Assert.True(Math.Abs(xv - yv) <= tolerance * (1 + Math.Abs(xv)), $"{where}: expected {xv:R}, got {yv:R}");
                    compared++;
                }
            }
        }
        Assert.True(compared > 0, "no measure values to compare");
    }
}
