using LayerEntropy.Analysis;

namespace LayerEntropy.Tests.Analysis;

/// <summary>The depth findings of MEASURES.md (monotonic decrease, Spearman's ρ, saturation depth) on hand-made H.</summary>
public class DepthAnalysisTests
{
    [Theory]
    [InlineData(new double[] { 3, 2, 1 })]
    [InlineData(new double[] { 1, 1, 0.5, 0.5 })]
    [InlineData(new double[] { 0.7 })]
    [InlineData(new double[] { })]
    public void FirstBreakIsNullWhenNoLayerRises(double[] h) => Assert.Null(DepthAnalysis.FirstBreak(h));

    [Theory]
    [InlineData(new double[] { 1, 0.5, 0.7, 0.2 }, 3)]
    [InlineData(new double[] { 1, 2 }, 2)]
    [InlineData(new double[] { 1, 0.5, 0.5, 0.6, 0.3, 0.9 }, 4)]
    [InlineData(new double[] { 1, 0.5, 0.6, 0.3, 0.9 }, 3)]
    public void FirstBreakIsTheFirstDepthThatRises(double[] h, int depth) => Assert.Equal(depth, DepthAnalysis.FirstBreak(h));

    [Fact]
    public void SpearmanOfAPerfectlyOrderedSequenceIsPlusOrMinusOne()
    {
        Assert.Equal(-1, DepthAnalysis.Spearman([4, 3, 2, 1]));
        Assert.Equal(-1, DepthAnalysis.Spearman([0.9, 0.5, 0.45, 0.44, 0.1]));
        Assert.Equal(1, DepthAnalysis.Spearman([0.1, 0.2, 5]));
        Assert.Equal(-1, DepthAnalysis.Spearman([1, 0]));
    }

    [Fact]
    public void SpearmanGivesTiesTheirAverageRank()
    {
        // H = [1.0, 0.5, 0.5, 0.2]: value ranks [4, 2.5, 2.5, 1] against depths [1, 2, 3, 4], both with mean 5/2.
        // Deviations (−3/2, −1/2, 1/2, 3/2) and (3/2, 0, 0, −3/2): Σxy = −9/2, Σxx = 5, Σyy = 9/2;
        // ρ = (−9/2) / √(45/2) = −3/√10 ≈ −0.9487. (The no-ties shortcut 1 − 6Σd²/(n(n²−1)) would give −0.85.)
        EntropyCheck.AssertClose(-3 / Math.Sqrt(10), DepthAnalysis.Spearman([1.0, 0.5, 0.5, 0.2]), "Spearman with a tie");
        Assert.Equal([3.5, 1, 3.5, 2], DepthAnalysis.Ranks([0.3, 0.1, 0.3, 0.2]));
        Assert.Equal([2, 2, 2], DepthAnalysis.Ranks([7, 7, 7]));
    }

    [Theory]
    [InlineData(new double[] { 0.5, 0.5, 0.5 })]
    [InlineData(new double[] { 0.5 })]
    [InlineData(new double[] { })]
    public void SpearmanIsNullForAConstantOrTooShortSequence(double[] h) => Assert.Null(DepthAnalysis.Spearman(h));

    [Fact]
    public void SaturationOfAnEarlyDrop()
    {
        // Δ = 1.0 − 0.44 = 0.56, δΔ = 0.056; steps 0.5, 0.05, 0.01: the last two are below 0.056, the first is not.
        Assert.Equal(2, DepthAnalysis.Saturation([1.0, 0.5, 0.45, 0.44], 0.1));
    }

    [Theory]
    [InlineData(new double[] { 1, 1, 1 })]
    [InlineData(new double[] { 0.5, 0.6 })]
    [InlineData(new double[] { 0.5, 0.1, 0.6 })]
    [InlineData(new double[] { 0.5 })]
    [InlineData(new double[] { })]
    public void SaturationIsNullWithoutADrop(double[] h) => Assert.Null(DepthAnalysis.Saturation(h, 0.1));

    [Fact]
    public void SaturationOfASingleBigLastStepIsTheLastLayer()
    {
        // Δ = 1, δΔ = 0.1; the last step (0.98) is not small, so no layer before L can be ℓ*.
        Assert.Equal(4, DepthAnalysis.Saturation([1, 0.99, 0.98, 0], 0.1));
    }

    [Fact]
    public void SaturationStepsEqualToDeltaTimesDropAreNotSmall()
    {
        // Values and δ are exact binary fractions, so δΔ and every step are exact.
        // [4, 2, 1, 0], δ = 1/4: Δ = 4, δΔ = 1; steps 2, 1, 1 — the last equals δΔ, is not "less than", so ℓ* = L.
        Assert.Equal(4, DepthAnalysis.Saturation([4, 2, 1, 0], 0.25));
        // [4, 3, 1, 0]: steps 1, 2, 1 — again the last step equals δΔ.
        Assert.Equal(4, DepthAnalysis.Saturation([4, 3, 1, 0], 0.25));
        // [4, 1, 0.5, 0]: steps 3, 1/2, 1/2 — both later steps are below δΔ = 1, so ℓ* = 2.
        Assert.Equal(2, DepthAnalysis.Saturation([4, 1, 0.5, 0], 0.25));
        // [4, 1, 1, 0]: steps 3, 0, 1 — the last step equals δΔ, so ℓ* = L although the middle step is 0.
        Assert.Equal(4, DepthAnalysis.Saturation([4, 1, 1, 0], 0.25));
    }

    [Fact]
    public void SaturationCountsRisesAsSmallSteps()
    {
        // Δ = 0.8, δΔ = 0.08; steps 0.8, −0.05, 0.05: a rise drops less than δΔ, so ℓ* = 2.
        Assert.Equal(2, DepthAnalysis.Saturation([1, 0.2, 0.25, 0.2], 0.1));
    }

    [Fact]
    public void SaturationOfEvenlySpreadSmallStepsIsTheFirstLayer()
    {
        // H = 11, 10, …, 0 (L = 12): Δ = 11, δΔ = 1.1, every step is 1 < 1.1, so ℓ* = 1.
        double[] h = [.. Enumerable.Range(0, 12).Select(i => 11.0 - i)];
        Assert.Equal(1, DepthAnalysis.Saturation(h, 0.1));
    }
}
