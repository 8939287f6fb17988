using LayerEntropy.Analysis;
using LayerEntropy.Data;
using static LayerEntropy.Analysis.MeasureNames;

namespace LayerEntropy.Tests.Analysis;

/// <summary>The BCa interval's pieces against independent values, and what it reports where an interval would mislead.</summary>
public class BcaIntervalTests
{
    [Theory]
    [InlineData(-8, 6.220960574271819e-16)]
    [InlineData(-3, 0.0013498980316300957)]
    [InlineData(-1.5, 0.06680720126885809)]
    [InlineData(-0.5, 0.3085375387259869)]
    [InlineData(0, 0.5)]
    [InlineData(0.3, 0.6179114221889526)]
    [InlineData(1, 0.8413447460685429)]
    [InlineData(2.5, 0.9937903346742238)]
    [InlineData(5, 0.9999997133484281)]
    public void NormalCdfMatchesErfc(double x, double expected) =>
        Assert.True(Math.Abs(StandardNormal.Cdf(x) - expected) <= 1e-14 * Math.Max(expected, 1e-2), $"Φ({x}) = {StandardNormal.Cdf(x):R}");

    [Theory]
    [InlineData(1e-6, -4.753424308822899)]
    [InlineData(0.001, -3.090232306167813)]
    [InlineData(0.025, -1.9599639845400538)]
    [InlineData(0.2, -0.8416212335729142)]
    [InlineData(0.5, 0)]
    [InlineData(0.7, 0.5244005127080407)]
    [InlineData(0.975, 1.9599639845400536)]
    [InlineData(0.999999, 4.753424308817089)]
    public void NormalQuantileMatchesReference(double p, double expected) =>
        Assert.True(Math.Abs(StandardNormal.Quantile(p) - expected) <= 1e-9, $"Φ⁻¹({p}) = {StandardNormal.Quantile(p):R}");

    [Fact]
    public void WithoutBiasOrAccelerationItIsThePercentileInterval()
    {
        // 199 evenly spread values around the estimate: z₀ = 0, so the ends are the 5th and 195th of them.
        double[] values = [.. Enumerable.Range(1, 199).Select(i => (double)i)];
        var ci = BcaInterval.Of(100, values, 0);
        Assert.Null(ci.Note);
        Assert.Equal(5, ci.Low!.Value, 9);
        Assert.Equal(195, ci.High!.Value, 9);
    }

    [Fact]
    public void ResamplesBelowTheEstimateMoveTheIntervalUp()
    {
        // 119 values below the estimate and one tie: z₀ = Φ⁻¹(119.5/199), levels Φ(2z₀ ∓ 1.96).
        double[] values = [.. Enumerable.Range(1, 199).Select(i => (double)i)];
        var ci = BcaInterval.Of(120, values, 0);
        double z0 = StandardNormal.Quantile(119.5 / 199), z = StandardNormal.Quantile(0.975);
        Assert.Equal(200 * StandardNormal.Cdf(2 * z0 - z), ci.Low!.Value, 9);
        Assert.Equal(200 * StandardNormal.Cdf(2 * z0 + z), ci.High!.Value, 9);
        Assert.True(ci.Low < 120 && 120 < ci.High);
    }

    [Fact]
    public void AnIntervalThatWouldMissTheEstimateIsReportedAsBiased()
    {
        // Every resample below the estimate (z₀ infinite), and nearly every one (the correction passes it).
        Assert.Equal(BootstrapInterval.Biased, BcaInterval.Of(10, [.. Enumerable.Range(0, 200).Select(i => i / 100.0)], 0));
        Assert.Equal(BootstrapInterval.Biased, BcaInterval.Of(1.985, [.. Enumerable.Range(0, 200).Select(i => i / 100.0)], 0));
        // All resamples equal to the estimate (up to rounding): the interval is the estimate.
        var flat = BcaInterval.Of(0.3, [.. Enumerable.Repeat(0.1 + 0.2, 50)], 0);
        Assert.Equal((0.3, 0.3), (flat.Low!.Value, flat.High!.Value), new ToleranceComparer(1e-15));
    }

    [Fact]
    public void AccelerationIsTheJackknifeSkewnessOverSix()
    {
        // u = 0, 0, 0, 3 (as 0 ×3 and 3 ×1): ū = 0.75, d = 0.75 ×3 and −2.25.
        double expected = (3 * Math.Pow(0.75, 3) + Math.Pow(-2.25, 3)) / (6 * Math.Pow(3 * 0.75 * 0.75 + 2.25 * 2.25, 1.5));
        Assert.Equal(expected, BcaInterval.Acceleration([0, 3], [3, 1]), 14);
        Assert.Equal(0, BcaInterval.Acceleration([2, 2], [5, 1]));
    }

    /// <summary>
    /// The old failure: M inputs with pairwise different codewords have codeword entropy log M, and every resample
    /// repeats some, so their percentile interval lay wholly below the estimate. Such a value now carries the
    /// saturation note instead, for every statistic of codeword and binned, while magnitude keeps an interval
    /// that holds its estimate.
    /// </summary>
    [Fact]
    public void ASetOfDistinctCodewordsIsSaturatedNotGivenAnIntervalBelowIt()
    {
        const int m = 48, n = 8 + 48 / 8;
        var values = new float[m * n];
        // Input x fires units x mod 8 and 8 + x / 8: pairwise different codewords, each unit firing on 1/8 or 1/(M/8) of them.
        for (int x = 0; x < m; x++) (values[x * n + x % 8], values[x * n + 8 + x / 8]) = (1 + x, 2 + x);
        var r = Analyzer.AnalyzeActivations([new TapActivations("t", m, n, values)], new int[m], ["only"], new AnalysisOptions { Bootstrap = 100, Seed = 5 });
        var raw = r.Find("t", InputSet.PooledName, Codeword, Raw)!;
        Assert.Equal(Math.Log2(m), raw.Value!.Value, 12);
        foreach (var (measure, statistic) in new[] { (Codeword, Raw), (Codeword, Normalized), (Codeword, MillerMadow), (Binned, Raw), (Binned, Normalized) })
        {
            var v = r.Find("t", InputSet.PooledName, measure, statistic)!;
            Assert.True(v.CiLow is null && v.CiHigh is null, $"{measure} {statistic}: [{v.CiLow}, {v.CiHigh}] for {v.Value}");
            Assert.Equal("saturated (M too small)", v.CiNote);
        }
        var magnitude = r.Find("t", InputSet.PooledName, Magnitude, Mean)!;
        Assert.Null(magnitude.CiNote);
        Assert.True(magnitude.CiLow <= magnitude.Value && magnitude.Value <= magnitude.CiHigh, $"{magnitude}");
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<(double, double)>
    {
        public bool Equals((double, double) a, (double, double) b) => Math.Abs(a.Item1 - b.Item1) <= tolerance && Math.Abs(a.Item2 - b.Item2) <= tolerance;
        public int GetHashCode((double, double) obj) => 0;
    }
}
