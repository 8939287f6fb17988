using LayerEntropy.Analysis;
using static LayerEntropy.Analysis.MeasureNames;

namespace LayerEntropy.Tests.Analysis;

/// <summary>
/// The headline for hand-made findings whose trend is plain by eye: each finding's monotonicity, first rise and ℓ*
/// are worked out by hand in the comments, and the sentence is written out in full.
/// </summary>
public sealed class FindingSentenceTests
{
    private static readonly string[] Four = ["fc1", "fc2", "fc3", "fc4"];
    private static readonly string[] Three = ["fc1", "fc2", "fc3"];

    private static DepthFinding Finding(string set, double[] values, int? firstBreak, int? saturation) =>
        new(Pattern, Mean, set, [.. values.Select(v => (double?)v)], firstBreak is null, firstBreak, null, saturation);

    private static InputSet[] Sets(int classes) =>
        [.. Enumerable.Range(0, classes).Select(c => new InputSet($"c{c}", c, 100)), new InputSet(InputSet.PooledName, null, 100 * classes)];

    private static string Of(string[] taps, params DepthFinding[] findings) =>
        FindingSentence.Of(findings, Sets(findings.Count(f => f.Set != InputSet.PooledName)), taps);

    [Fact]
    public void FallingClassesThatLevelOffEarlyNameTheTapAndTheMedian()
    {
        // c0: drop 0.43, steps 0.40, 0.02, 0.01 → only the first is ≥ 0.043: ℓ* = 2; never rises.
        // c1: drop 0.43, steps 0.40, 0.05, −0.02 → 0.05 ≥ 0.043: ℓ* = 3; rises at fc4.
        // c2: drop 0.41, steps 0.20, 0.20, 0.01 → only the last is < 0.041: ℓ* = 3; never rises. Median of 2, 3, 3 is 3.
        // Pooled: 0.90, 0.85, 0.84, 0.84, drop 0.06 over steps 0.05, 0.01, 0: 0.01 ≥ 0.006 so ℓ* = 3; never rises.
        string s = Of(Four,
            Finding("c0", [0.8, 0.4, 0.38, 0.37], null, 2),
            Finding("c1", [0.9, 0.5, 0.45, 0.47], 4, 3),
            Finding("c2", [0.7, 0.5, 0.30, 0.29], null, 3),
            Finding(InputSet.PooledName, [0.9, 0.85, 0.84, 0.84], null, 3));
        Assert.Equal("per class, pattern entropy falls over fc1–fc3 and levels off after fc3 (ℓ* = 3 of 4 FC layers, the median over all 3 classes); "
            + "2 of 3 classes never rise, the other first rises at fc4; pooled, it falls from 0.90 to 0.84 bits per unit and levels off after fc3 (ℓ* = 3 of 4 FC layers)", s);
    }

    [Fact]
    public void AnEvenNumberOfClassesTakesTheLowerMiddleDepth()
    {
        // ℓ* 2, 2, 3, 4: the middle values are 2 and 3; at least half the classes level off by fc2.
        string s = Of(Four,
            Finding("c0", [0.8, 0.3, 0.29, 0.28], null, 2),
            Finding("c1", [0.8, 0.3, 0.29, 0.28], null, 2),
            Finding("c2", [0.8, 0.5, 0.3, 0.29], null, 3),
            Finding("c3", [0.8, 0.6, 0.4, 0.2], null, 4));
        Assert.StartsWith("per class, pattern entropy falls over fc1–fc2 and levels off after fc2 (ℓ* = 2 of 4 FC layers, the median over all 4 classes); no class rises", s);
        Assert.Equal(2, FindingSentence.LowerMedian([4, 2, 3, 2]));
        Assert.Equal(3, FindingSentence.LowerMedian([3]));
    }

    [Fact]
    public void ASaturationDepthAtTheLastLayerDoesNotLevelOff()
    {
        // Both classes: equal steps of 0.2, each a half of the drop, so ℓ* = 3 = L. c1 is the only one that falls by more
        // than 0.02; c0's drop of 0.01 counts as none. Pooled rises 0.1 at fc2 and falls 0.3 after: it falls by 0.2 over a
        // range of 0.3, more than half of it, and its highest value 0.8 allows a flat range of only 0.2.
        string s = Of(Three,
            Finding("c0", [0.5, 0.5, 0.49], null, 3),
            Finding("c1", [0.8, 0.6, 0.4], null, 3),
            Finding("c2", [0.9, 0.7, 0.5], null, 3),
            Finding(InputSet.PooledName, [0.7, 0.8, 0.5], 2, 3));
        Assert.Equal("per class, pattern entropy falls over fc1–fc3 without levelling off (ℓ* = 3 of 3 FC layers, the median over the 2 of 3 classes whose curve falls); "
            + "no class rises from one layer to the next; pooled, it falls from 0.70 to 0.50 bits per unit, not steadily (it rises at fc2)", s);
    }

    [Fact]
    public void FlatCurvesSayTheyStayLevel()
    {
        // Every class moves by at most 0.01; the pooled set's range 0.70–0.71 is within the margin.
        string s = Of(Three,
            Finding("c0", [0.5, 0.51, 0.5], 2, null),
            Finding("c1", [0.4, 0.4, 0.4], null, null),
            Finding(InputSet.PooledName, [0.70, 0.71, 0.70], 2, null));
        Assert.Equal("per class, pattern entropy stays level: from fc1 to fc3 it changes by at most 0.02 bits per unit in 2 of 2 classes; pooled, it stays within 0.70–0.71 bits per unit", s);
    }

    [Fact]
    public void RisingCurvesAreNotCalledFalling()
    {
        // Both classes and the pooled set rise at every step (first rise at fc2, no drop, so no ℓ*).
        string s = Of(Three,
            Finding("c0", [0.2, 0.4, 0.6], 2, null),
            Finding("c1", [0.1, 0.3, 0.5], 2, null),
            Finding(InputSet.PooledName, [0.3, 0.5, 0.7], 2, null));
        Assert.Equal("per class, pattern entropy rises: it is higher at fc3 than at fc1 in 2 of 2 classes; pooled, it rises from 0.30 to 0.70 bits per unit", s);
        Assert.DoesNotContain("falls", s);
        Assert.DoesNotContain("ℓ*", s);
    }

    [Fact]
    public void ClassesWithoutACommonTrendAreCounted()
    {
        // One falls (0.3), one rises (0.3), one moves by 0.01; the pooled curve 0.2, 0.9, 0.25 ends near where it
        // starts over a range of 0.7: up and down.
        string s = Of(Three,
            Finding("c0", [0.6, 0.4, 0.3], null, 2),
            Finding("c1", [0.3, 0.4, 0.6], 2, null),
            Finding("c2", [0.5, 0.5, 0.51], 3, null),
            Finding(InputSet.PooledName, [0.2, 0.9, 0.25], 2, null));
        Assert.Equal("per class, pattern entropy shows no common trend: from fc1 to fc3 it falls in 1, rises in 1 and changes by at most 0.02 bits per unit in 1 of 3 classes; "
            + "pooled, it goes up and down between 0.20 and 0.90 bits per unit (0.20 at fc1, 0.25 at fc3)", s);
    }

    [Fact]
    public void ADropSpreadOverManySmallStepsIsSaidSo()
    {
        // 12 layers, each step 0.05 of a drop of 0.55: every step is less than a tenth of it, so ℓ* = 1. One class of
        // two rises at fc12 (0.05 up) yet still falls overall.
        string[] taps = [.. Enumerable.Range(1, 12).Select(l => $"fc{l}")];
        double[] even = [.. Enumerable.Range(0, 12).Select(l => 0.6 - 0.05 * l)];
        double[] bump = [.. even[..11], even[10] + 0.05];
        string s = Of(taps, Finding("c0", even, null, 1), Finding("c1", bump, 12, 1));
        Assert.Equal("per class, pattern entropy falls in small steps all the way from fc1 to fc12 (ℓ* = 1 of 12 FC layers, the median over all 2 classes); "
            + "1 of 2 classes never rise, the other first rises at fc12", s);
    }

    [Fact]
    public void OneTapHasNoDepthFindings()
    {
        var one = new[] { Finding("c0", [0.5], null, null), Finding(InputSet.PooledName, [0.6], null, null) };
        Assert.Equal("1 tap analysed; depth findings need at least two taps with inputs", FindingSentence.Of(one, Sets(1), ["fc1"]));
        Assert.Equal("0 taps analysed; depth findings need at least two taps with inputs", FindingSentence.Of([], Sets(1), []));
    }

    [Fact]
    public void WithoutClassesThePooledCurveCarriesTheFindingInItsUnitAndNoun()
    {
        // Pooled only, in nats: drop 0.48, steps 0.45 and 0.03 < 0.048, so ℓ* = 2. With the tapped layers of an imported
        // model, the noun follows.
        var pooled = Finding(InputSet.PooledName, [1.0, 0.55, 0.52], null, 2);
        string s = FindingSentence.Of([pooled], [new InputSet(InputSet.PooledName, null, 10)], ["a", "b", "c"], EntropyUnit.Nats, AnalysisState.TappedLayers);
        Assert.Equal("pooled, pattern entropy falls from 1.00 to 0.52 nats per unit and levels off after b (ℓ* = 2 of 3 tapped layers)", s);
    }

    [Fact]
    public void TheHandMadeSampleResultReadsAsItsSentenceSays()
    {
        var r = SampleResults.Small();
        Assert.Equal(SampleResults.Summary, FindingSentence.Of(r.Findings, r.Sets, [.. r.Taps.Select(t => t.Name)], r.Manifest.Options.Units));
    }
}
