using FsCheck;
using FsCheck.Fluent;
using LayerEntropy.Analysis;

namespace LayerEntropy.Tests.Analysis;

/// <summary>
/// Properties of the measures of MEASURES.md over random accumulator contents: bounds, invariance to the order of
/// units and inputs, and agreement with the independent references of <see cref="EntropyCheck"/>.
/// </summary>
public class MeasurePropertyTests
{
    /// <summary>
    /// Magnitude after scaling by a positive c: each float c·a_i is rounded (relative error ≤ 2⁻²⁴), which moves every
    /// q_i by at most 2⁻²³ relatively and H by at most 2⁻²³ (H + 1/ln 2) &lt; 1e-6 bits for N ≤ 64.
    /// </summary>
    private const double ScaledInputTolerance = 1e-6;

    /// <summary>M from sets of a few inputs up to far more than any dataset holds, so p can lie very close to 1/2.</summary>
    private static readonly Gen<int> SetSize = Gen.Frequency(
        (2, Gen.Choose(1, 20)), (2, Gen.Choose(1, 100_000)), (1, Gen.Choose(1, int.MaxValue)));

    /// <summary>A firing count of a set of m inputs, with the special counts 0, m/2 and m drawn often.</summary>
    private static Gen<long> FiringOf(int m) =>
        Gen.Frequency((3, Gen.Choose(0, m)), (1, Gen.Elements(0, m / 2, m - m / 2, m))).Select(f => (long)f);

    private static readonly Gen<(long[] Firing, long M)> FiringCounts =
        from m in SetSize
        from n in Gen.Choose(1, 64)
        from firing in Gen.ArrayOf(FiringOf(m), n)
        select (firing, (long)m);

    private static readonly Gen<long[]> CodewordCounts =
        from k in Gen.Choose(1, 60)
        from counts in Gen.ArrayOf(Gen.Frequency((1, Gen.Constant(1)), (3, Gen.Choose(1, 5)), (2, Gen.Choose(1, 100_000))), k)
        select counts.Select(n => (long)n).ToArray();

    /// <summary>Non-negative activations in [0, 100), a fifth of them zero, and now and then all equal.</summary>
    private static readonly Gen<float[]> Activations =
        from n in Gen.Choose(1, 64)
        from a in Gen.Frequency(
            (5, Gen.ArrayOf(Gen.Frequency((4, Gen.Choose(1, 1_000_000).Select(v => v / 10_000f)), (1, Gen.Constant(0f))), n)),
            (1, Gen.Choose(0, 1_000_000).Select(v => Enumerable.Repeat(v / 10_000f, n).ToArray())))
        select a;

    /// <summary>C classes of 0..40 inputs (not all empty) and each unit's firing count within each class.</summary>
    private static readonly Gen<(long[] Sizes, long[][] Firing)> LabelledCounts =
        from c in Gen.Choose(1, 5)
        from n in Gen.Choose(1, 8)
        from sizes in Gen.ArrayOf(Gen.Choose(0, 40), c).Where(s => s.Sum() > 0)
        from firing in Gen.CollectToArray(sizes, size => Gen.ArrayOf(FiringOf(size), n))
        select (sizes.Select(s => (long)s).ToArray(), firing);

    [Fact]
    public void PatternMeanAndSumAreBoundedAndMatchTheReference() => PropertyCheck.Run(Prop.ForAll(FiringCounts.ToArbitrary(), c =>
    {
        var (mean, sum, perUnit) = Measures.Pattern(c.Firing, c.M);
        EntropyCheck.AssertWithin(0, 1, mean, "pattern mean");
        EntropyCheck.AssertWithin(0, c.Firing.Length, sum, "pattern sum");
        for (int i = 0; i < perUnit.Length; i++)
        {
            EntropyCheck.AssertWithin(0, 1, perUnit[i], $"h of unit {i}");
            EntropyCheck.AssertClose(EntropyCheck.BinaryEntropy(c.Firing[i], c.M), perUnit[i], $"h of unit {i}");
        }
        EntropyCheck.AssertClose(sum / c.Firing.Length, mean, "pattern mean against sum / N");
    }));

    [Fact]
    public void PatternIsUnchangedByPermutingUnits()
    {
        var cases = from c in FiringCounts from shuffled in Gen.Shuffle(c.Firing) select (c.Firing, c.M, Shuffled: shuffled);
        PropertyCheck.Run(Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (mean, sum, _) = Measures.Pattern(c.Firing, c.M);
            var (shuffledMean, shuffledSum, _) = Measures.Pattern(c.Shuffled, c.M);
            EntropyCheck.AssertClose(mean, shuffledMean, "pattern mean of permuted units");
            EntropyCheck.AssertClose(sum, shuffledSum, "pattern sum of permuted units");
        }));
    }

    [Fact]
    public void CodewordIsBoundedOrderFreeAndMatchesTheReference()
    {
        var cases = from counts in CodewordCounts from shuffled in Gen.Shuffle(counts) select (Counts: counts, Shuffled: shuffled);
        PropertyCheck.Run(Prop.ForAll(cases.ToArbitrary(), c =>
        {
            long m = c.Counts.Sum();
            var (raw, normalized, millerMadow) = Measures.Codeword(c.Counts, m);
            EntropyCheck.AssertWithin(0, Math.Log2(m), raw, "codeword H");
            EntropyCheck.AssertClose(EntropyCheck.EntropyOf(c.Counts.Select(n => (double)n)), raw, "codeword H against −Σ q log q");
            EntropyCheck.AssertClose(raw, Measures.Codeword(c.Shuffled, m).Raw, "codeword H of permuted counts");
            Assert.True(millerMadow >= raw, $"Miller–Madow {millerMadow:R} below raw {raw:R}");
            if (m > 1) EntropyCheck.AssertWithin(0, 1, normalized, "codeword normalised");
            else Assert.Null(normalized);
        }));
    }

    [Fact]
    public void CodewordOfDistinctInputsIsExactlyLogM() => PropertyCheck.Run(Prop.ForAll(Gen.Choose(2, 100_000).ToArbitrary(), m =>
    {
        var (raw, normalized, _) = Measures.Codeword([.. Enumerable.Repeat(1L, m)], m);
        Assert.Equal(Math.Log2(m), raw);
        Assert.Equal(1, normalized);
    }), cases: 50);

    [Fact]
    public void LabelInformationIsTheMutualInformationOfStateAndLabel() => PropertyCheck.Run(Prop.ForAll(LabelledCounts.ToArbitrary(), c =>
    {
        int units = c.Firing[0].Length, classes = c.Sizes.Length;
        long m = c.Sizes.Sum();
        long[] pooled = [.. Enumerable.Range(0, units).Select(i => c.Firing.Sum(f => f[i]))];
        var (mean, perUnit) = Measures.LabelInformation(pooled, m, [.. c.Firing.Zip(c.Sizes)]);
        for (int i = 0; i < units; i++)
        {
            // Joint counts of (state, class): fires F_c, stays off M_c − F_c.
            var joint = new long[2, classes];
            for (int k = 0; k < classes; k++) { joint[1, k] = c.Firing[k][i]; joint[0, k] = c.Sizes[k] - c.Firing[k][i]; }
            EntropyCheck.AssertClose(EntropyCheck.MutualInformation(joint), perUnit[i], $"I of unit {i}");
            EntropyCheck.AssertWithin(0, EntropyCheck.BinaryEntropy(pooled[i], m), perUnit[i], $"I of unit {i} against h(pooled)", EntropyCheck.Atol);
            EntropyCheck.AssertWithin(0, 1, perUnit[i], $"I of unit {i}");
        }
        EntropyCheck.AssertWithin(0, 1, mean, "label-information mean");
    }));

    [Fact]
    public void MagnitudeIsBoundedAndMatchesTheReference() => PropertyCheck.Run(Prop.ForAll(Activations.ToArbitrary(), a =>
    {
        double? h = Measures.MagnitudeOfInput(a);
        if (a.All(v => v == 0)) { Assert.Null(h); return; }
        int active = a.Count(v => v != 0);
        EntropyCheck.AssertClose(EntropyCheck.EntropyOf(a.Select(v => (double)v)), h, "magnitude against −Σ q log q");
        EntropyCheck.AssertWithin(0, Math.Log2(active), h, "magnitude against log(active units)", EntropyCheck.Atol);
        EntropyCheck.AssertWithin(0, Math.Log2(a.Length), h, "magnitude against log N", EntropyCheck.Atol);
    }));

    [Fact]
    public void MagnitudeIsUnchangedByPermutingUnitsAndScaling()
    {
        var cases =
            from a in Activations.Where(a => a.Any(v => v != 0))
            from shuffled in Gen.Shuffle(a)
            from scale in Gen.Choose(1, 1_000_000).Select(s => s / 1000f)
            select (A: a, Shuffled: shuffled, Scale: scale);
        PropertyCheck.Run(Prop.ForAll(cases.ToArbitrary(), c =>
        {
            double h = Measures.MagnitudeOfInput(c.A)!.Value;
            EntropyCheck.AssertClose(h, Measures.MagnitudeOfInput(c.Shuffled), "magnitude of permuted units");
            float[] scaled = [.. c.A.Select(v => v * c.Scale)];
            EntropyCheck.AssertClose(h, Measures.MagnitudeOfInput(scaled), $"magnitude scaled by {c.Scale}", ScaledInputTolerance, 0);
        }));
    }
}
