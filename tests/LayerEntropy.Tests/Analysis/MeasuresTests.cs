using LayerEntropy.Analysis;

namespace LayerEntropy.Tests.Analysis;

/// <summary>
/// Each measure of MEASURES.md on a case small enough to work out by hand. The arithmetic in the comments is exact
/// (fractions and logarithms of small integers); the expected values are those closed forms, not the code's sums.
/// </summary>
public class MeasuresTests
{
    private static readonly double Log3 = Math.Log2(3), Log5 = Math.Log2(5);

    [Fact]
    public void PatternOfASmallFiringCountVector()
    {
        // M = 4, F = [0, 1, 2, 3, 4] → p = 0, 1/4, 1/2, 3/4, 1.
        // h(1/4) = h(3/4) = (1/4)·2 + (3/4)(2 − log 3) = 2 − (3/4) log 3; h(1/2) = 1; h(0) = h(1) = 0.
        // Σ h = 2(2 − (3/4) log 3) + 1 = 5 − (3/2) log 3 ≈ 2.6226; mean = Σ/5 = 1 − (3/10) log 3 ≈ 0.5245.
        var (mean, sum, perUnit) = Measures.Pattern([0, 1, 2, 3, 4], 4);
        double quarter = 2 - 0.75 * Log3;
        double[] expected = [0, quarter, 1, quarter, 0];
        Assert.Equal(expected.Length, perUnit.Length);
        for (int i = 0; i < expected.Length; i++) EntropyCheck.AssertClose(expected[i], perUnit[i], $"h of unit {i}");
        EntropyCheck.AssertClose(5 - 1.5 * Log3, sum, "pattern sum");
        EntropyCheck.AssertClose(1 - 0.3 * Log3, mean, "pattern mean");
    }

    [Fact]
    public void CodewordOfThreeAndOneInFour()
    {
        // n = [3, 1], M = 4, K = 2: H = −(3/4) log(3/4) − (1/4) log(1/4) = (3/4)(2 − log 3) + 1/2 = 2 − (3/4) log 3 ≈ 0.8113.
        // Normalised: H / log 4 = 1 − (3/8) log 3. Miller–Madow: H + (K−1)/(2M ln 2) = H + 1/(8 ln 2) ≈ 0.9916.
        var (raw, normalized, millerMadow) = Measures.Codeword([3, 1], 4);
        double h = 2 - 0.75 * Log3;
        EntropyCheck.AssertClose(h, raw, "codeword raw");
        EntropyCheck.AssertClose(1 - 0.375 * Log3, normalized, "codeword normalised");
        EntropyCheck.AssertClose(h + 1 / (8 * Math.Log(2)), millerMadow, "codeword Miller–Madow");
    }

    [Fact]
    public void CodewordCountsOnlyTheCodewordsThatOccur()
    {
        // n = [2, 0, 1, 1], M = 4: the zero is no codeword, K = 3. H = (1/2)·1 + 2·(1/4)·2 = 3/2;
        // normalised 3/2 / 2 = 3/4; Miller–Madow 3/2 + 2/(8 ln 2) = 3/2 + 1/(4 ln 2) ≈ 1.8607.
        var (raw, normalized, millerMadow) = Measures.Codeword([2, 0, 1, 1], 4);
        EntropyCheck.AssertClose(1.5, raw, "codeword raw");
        EntropyCheck.AssertClose(0.75, normalized, "codeword normalised");
        EntropyCheck.AssertClose(1.5 + 1 / (4 * Math.Log(2)), millerMadow, "codeword Miller–Madow");
    }

    [Fact]
    public void ChaoShenOfThreeAndOneInFour()
    {
        // n = [3, 1], M = 4: f₁ = 1, C = 1 − 1/4 = 3/4; p̃ = C·n/M = 9/16 and 3/16.
        // H = Σ −p̃ log p̃ / (1 − (1 − p̃)⁴) = (9/16)(4 − log 9)/(1 − (7/16)⁴) + (3/16)(4 − log 3)/(1 − (13/16)⁴) ≈ 1.28727.
        double expected = 9.0 / 16 * (4 - 2 * Log3) / (1 - Math.Pow(7.0 / 16, 4)) + 3.0 / 16 * (4 - Log3) / (1 - Math.Pow(13.0 / 16, 4));
        var summary = CountSummary.Of([3L, 1L]);
        Assert.Equal(1, summary.Singletons);
        EntropyCheck.AssertClose(0.75, Entropy.Coverage(summary.Singletons, 4), "coverage");
        EntropyCheck.AssertClose(expected, Measures.ChaoShen(summary), "Chao–Shen");
        EntropyCheck.AssertClose(1.2872696988107624, Measures.ChaoShen(summary), "Chao–Shen (numpy)");
    }

    [Fact]
    public void ChaoShenWithoutSingletonsHasFullCoverage()
    {
        // n = [2, 2], M = 4: no singletons, C = 1, p̃ = 1/2: H = 2·(1/2)/(1 − (1/2)⁴) = 16/15, above the plug-in 1 bit
        // only through the chance 1/16 that a vector is unseen in four draws.
        var small = CountSummary.Of([2L, 2L]);
        EntropyCheck.AssertClose(1, Entropy.Coverage(small.Singletons, 4), "coverage");
        EntropyCheck.AssertClose(16.0 / 15, Measures.ChaoShen(small), "Chao–Shen of [2, 2]");
        // n = [500, 300, 200], M = 1000: (1 − p̃)^1000 is below 10⁻⁹⁶, so the estimate is the plug-in's.
        var large = CountSummary.Of([500L, 300L, 200L]);
        var (raw, _, _) = Measures.Codeword(large, 1000);
        EntropyCheck.AssertClose(raw, Measures.ChaoShen(large), "Chao–Shen of [500, 300, 200]");
        EntropyCheck.AssertClose(0.5 + 0.3 * Math.Log2(10.0 / 3) + 0.2 * Math.Log2(5), raw, "plug-in");
    }

    [Fact]
    public void ChaoShenOfDistinctCodewordsExceedsLogM()
    {
        // Four distinct codewords: every count is a singleton, so f₁ = M − 1 = 3, C = 1/4, p̃ = 1/16:
        // H = 4·(1/16)·4 / (1 − (15/16)⁴) = 1/(1 − (15/16)⁴) ≈ 4.3951, above log M = 2 where the plug-in stops.
        var summary = CountSummary.Of([1L, 1L, 1L, 1L]);
        EntropyCheck.AssertClose(0.25, Entropy.Coverage(summary.Singletons, 4), "coverage");
        EntropyCheck.AssertClose(1 / (1 - Math.Pow(15.0 / 16, 4)), Measures.ChaoShen(summary), "Chao–Shen");
        Assert.True(Measures.ChaoShen(summary) > 2);
    }

    [Fact]
    public void ChaoShenOfOneInputIsZero()
    {
        // M = 1: f₁ = M − 1 = 0, C = 1, p̃ = 1: H = 0.
        Assert.Equal(0, Measures.ChaoShen(CountSummary.Of([1L])));
    }

    [Fact]
    public void CodewordOfASingleInputHasNoNormalisedValue()
    {
        // M = 1: one codeword, H = 0, K − 1 = 0; log M = 0, so the normalised form is undefined.
        var (raw, normalized, millerMadow) = Measures.Codeword([1], 1);
        Assert.Equal(0, raw);
        Assert.Null(normalized);
        Assert.Equal(0, millerMadow);
    }

    [Fact]
    public void MagnitudeOfOneInput()
    {
        // [1, 1, 2]: Σ = 4, q = 1/4, 1/4, 1/2; H = 2·(1/4)·2 + (1/2)·1 = 3/2. Signs and zero units do not matter:
        // q uses |a|, and a zero unit adds 0 log 0 = 0.
        EntropyCheck.AssertClose(1.5, Measures.MagnitudeOfInput([1, 1, 2]), "magnitude of [1, 1, 2]");
        EntropyCheck.AssertClose(1.5, Measures.MagnitudeOfInput([-1, 1, -2]), "magnitude of [−1, 1, −2]");
        EntropyCheck.AssertClose(1.5, Measures.MagnitudeOfInput([0, 1, 0, 1, 2, 0]), "magnitude of [0, 1, 0, 1, 2, 0]");
        // [3, 1]: q = 3/4, 1/4, H = 2 − (3/4) log 3 (as for the codeword above).
        EntropyCheck.AssertClose(2 - 0.75 * Log3, Measures.MagnitudeOfInput([3, 1]), "magnitude of [3, 1]");
        // One active unit: all mass on it, H = 0.
        EntropyCheck.AssertClose(0, Measures.MagnitudeOfInput([0, 5, 0]), "magnitude of [0, 5, 0]");
    }

    [Fact]
    public void MagnitudeOfAnInputWithoutMassIsNull()
    {
        Assert.Null(Measures.MagnitudeOfInput([0, 0, 0]));
        Assert.Null(Measures.MagnitudeOfInput([0f, -0f]));
        Assert.Null(Measures.MagnitudeOfInput([]));
    }

    [Fact]
    public void MagnitudeOverASet()
    {
        // N = 3; inputs [1, 1, 2] (H = 3/2) and [3, 3, 0] (H = 1) have mass, [0, 0, 0] is counted apart.
        // Mean over the two: 5/4; normalised: (5/4) / log 3 ≈ 0.7887.
        double sum = new[] { new float[] { 1, 1, 2 }, [3, 3, 0], [0, 0, 0] }
            .Select(a => Measures.MagnitudeOfInput(a)).Where(h => h is not null).Sum(h => h!.Value);
        var (mean, normalized) = Measures.Magnitude(sum, 2, 3);
        EntropyCheck.AssertClose(1.25, mean, "magnitude mean");
        EntropyCheck.AssertClose(1.25 / Log3, normalized, "magnitude normalised");
    }

    [Fact]
    public void MagnitudeOfNoInputsIsNull()
    {
        var (mean, normalized) = Measures.Magnitude(0, 0, 10);
        Assert.Null(mean);
        Assert.Null(normalized);
    }

    [Fact]
    public void MagnitudeOfOneUnitHasNoNormalisedValue()
    {
        // N = 1: log N = 0, the normalised form is undefined; the mean (always 0) is still reported.
        var (mean, normalized) = Measures.Magnitude(0, 3, 1);
        Assert.Equal(0, mean);
        Assert.Null(normalized);
    }

    [Fact]
    public void LabelInformationOfThreeClasses()
    {
        // Classes of M_c = 2, 2, 4 inputs, M = 8; weights M_c/M = 1/4, 1/4, 1/2. Firing counts per class:
        //   unit 0: 2, 0, 2  → pooled 4/8, h = 1; conditional (1/4)h(1) + (1/4)h(0) + (1/2)h(1/2) = 1/2; I = 1/2.
        //   unit 1: 1, 1, 1  → pooled 3/8, h = (3/8)(3 − log 3) + (5/8)(3 − log 5) = 3 − (3/8) log 3 − (5/8) log 5;
        //                      conditional (1/4)·1 + (1/4)·1 + (1/2)(2 − (3/4) log 3) = 3/2 − (3/8) log 3;
        //                      I = 3/2 − (5/8) log 5 ≈ 0.0488.
        //   unit 2: 0, 0, 0  → dead, I = 0.
        //   unit 3: 2, 2, 0  → pooled 1/2, h = 1; every class is pure, conditional 0; I = 1.
        // Mean = (1/2 + 3/2 − (5/8) log 5 + 0 + 1) / 4 = (3 − (5/8) log 5) / 4 ≈ 0.3872.
        (long[] Firing, long Count)[] classes = [([2, 1, 0, 2], 2), ([0, 1, 0, 2], 2), ([2, 1, 0, 0], 4)];
        var (mean, perUnit) = Measures.LabelInformation([4, 3, 0, 4], 8, classes);
        double[] expected = [0.5, 1.5 - 0.625 * Log5, 0, 1];
        Assert.Equal(expected.Length, perUnit.Length);
        for (int i = 0; i < expected.Length; i++) EntropyCheck.AssertClose(expected[i], perUnit[i], $"I of unit {i}");
        EntropyCheck.AssertClose((3 - 0.625 * Log5) / 4, mean, "label-information mean");
    }

    [Fact]
    public void LabelInformationSkipsEmptyClasses()
    {
        // A class with no inputs has weight 0: two equal classes and an empty third give the two-class 1 bit.
        (long[] Firing, long Count)[] classes = [([3], 3), ([0], 0), ([0], 3)];
        var (mean, perUnit) = Measures.LabelInformation([3], 6, classes);
        EntropyCheck.AssertClose(1, perUnit[0], "I with an empty class");
        EntropyCheck.AssertClose(1, mean, "label-information mean");
    }

    [Fact]
    public void CensusCountsDeadAndAlwaysOnUnits()
    {
        // M = 5: units 0 and 3 never fire (dead), 1 and 4 fire on all five (always-on), 2 on some.
        Assert.Equal((2, 2), Measures.Census([0, 5, 3, 0, 5], 5));
        Assert.Equal((0, 0), Measures.Census([1, 4, 2], 5));
        Assert.Equal((3, 0), Measures.Census([0, 0, 0], 5));
        Assert.Equal((0, 1), Measures.Census([7], 7));
    }
}
