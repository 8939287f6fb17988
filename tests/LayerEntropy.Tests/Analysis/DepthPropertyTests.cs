using FsCheck;
using FsCheck.Fluent;
using LayerEntropy.Analysis;

namespace LayerEntropy.Tests.Analysis;

/// <summary>
/// Properties of the depth findings over random H[1..L]: ranges, and agreement with the definitions of MEASURES.md
/// written here a second way (brute force over ℓ, ranks by counting, the no-ties Spearman formula).
/// </summary>
public class DepthPropertyTests
{
    /// <summary>L = 0..12 values; half the sequences drawn from eight levels so ties and flat stretches are common.</summary>
    private static readonly Gen<double[]> Depths =
        from l in Gen.Choose(0, 12)
        from h in Gen.Frequency(
            (1, Gen.ArrayOf(Gen.Choose(0, 7).Select(v => v / 8.0), l)),
            (1, Gen.ArrayOf(Gen.Choose(0, 1_000_000).Select(v => v / 1e6), l)))
        select h;

    [Fact]
    public void FirstBreakIsWhereTheSequenceFirstRises() => PropertyCheck.Run(Prop.ForAll(Depths.ToArbitrary(), h =>
    {
        int? found = DepthAnalysis.FirstBreak(h);
        bool monotonic = h.SequenceEqual(h.OrderByDescending(v => v));
        if (monotonic) { Assert.Null(found); return; }
        Assert.NotNull(found);
        int b = found.Value;
        Assert.InRange(b, 2, h.Length);
        Assert.True(h[b - 1] > h[b - 2], $"depth {b} does not rise");
        Assert.True(h.Take(b - 1).SequenceEqual(h.Take(b - 1).OrderByDescending(v => v)), $"a rise before depth {b}");
    }));

    [Fact]
    public void SpearmanIsWithinMinusOneAndOneAndMatchesRanksByCounting() => PropertyCheck.Run(Prop.ForAll(Depths.ToArbitrary(), h =>
    {
        double? rho = DepthAnalysis.Spearman(h);
        if (h.Length < 2 || h.All(v => v == h[0])) { Assert.Null(rho); return; }
        EntropyCheck.AssertWithin(-1, 1, rho, "Spearman ρ");
        // Average rank by counting: (values below) + (values equal, itself included, + 1) / 2.
        double[] ranks = [.. h.Select(v => h.Count(w => w < v) + (h.Count(w => w == v) + 1) / 2.0)];
        EntropyCheck.AssertClose(Pearson([.. Enumerable.Range(1, h.Length).Select(d => (double)d)], ranks), rho, "Spearman ρ against ranks by counting");
        if (h.Distinct().Count() == h.Length)
        {
            // Without ties ρ = 1 − 6 Σ d² / (L (L² − 1)) with d the difference of depth and rank.
            double d2 = ranks.Select((r, i) => (r - (i + 1)) * (r - (i + 1))).Sum();
            EntropyCheck.AssertClose(1 - 6 * d2 / (h.Length * ((double)h.Length * h.Length - 1)), rho, "Spearman ρ against the no-ties formula");
        }
    }));

    [Fact]
    public void SaturationIsTheSmallestDepthAfterWhichEveryStepIsSmall()
    {
        var cases = from h in Depths from delta in Gen.Choose(1, 99).Select(d => d / 100.0) select (H: h, Delta: delta);
        PropertyCheck.Run(Prop.ForAll(cases.ToArbitrary(), c =>
        {
            int? star = DepthAnalysis.Saturation(c.H, c.Delta);
            int l = c.H.Length;
            if (l < 2 || !(c.H[0] > c.H[^1])) { Assert.Null(star); return; }
            double small = c.Delta * (c.H[0] - c.H[^1]);
            // Step j (1-based) goes from layer j to j + 1; ℓ* is the first ℓ with every step j ≥ ℓ below δΔ.
            int expected = Enumerable.Range(1, l).First(s => Enumerable.Range(s, l - s).All(j => c.H[j - 1] - c.H[j] < small));
            Assert.Equal(expected, star);
            Assert.InRange(star!.Value, 1, l);
        }));
    }

    private static double Pearson(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average();
        double sxy = x.Zip(y, (a, b) => (a - mx) * (b - my)).Sum();
        double sxx = x.Sum(a => (a - mx) * (a - mx)), syy = y.Sum(b => (b - my) * (b - my));
        return sxy / Math.Sqrt(sxx * syy);
    }
}
