using LayerEntropy.Analysis;

namespace LayerEntropy.Tests.Analysis;

/// <summary>MEASURES.md, "Reference values": one test per line, each checked for several set sizes.</summary>
public class ReferenceValueTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(10)]
    [InlineData(1000)]
    [InlineData(60000)]
    public void AUnitFiringOnHalfTheInputsHasOneBitAndOnAllOrNoneZero(long m)
    {
        // Units: fires on half, on all, on none.
        var (mean, sum, perUnit) = Measures.Pattern([m / 2, m, 0], m);
        EntropyCheck.AssertClose(1, perUnit[0], "h of a unit firing on half");
        Assert.Equal(0, perUnit[1]);
        Assert.Equal(0, perUnit[2]);
        EntropyCheck.AssertClose(1, sum, "pattern sum");
        EntropyCheck.AssertClose(1.0 / 3, mean, "pattern mean");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(1024)]
    [InlineData(10000)]
    public void PairwiseDifferentCodewordsGiveLogMNormalisedOne(int m)
    {
        long[] counts = [.. Enumerable.Repeat(1L, m)];
        var (raw, normalized, _) = Measures.Codeword(counts, m);
        EntropyCheck.AssertClose(Math.Log2(m), raw, "codeword H");
        EntropyCheck.AssertClose(1, normalized, "codeword normalised");
    }

    [Theory]
    [InlineData(2, 1f)]
    [InlineData(3, 0.1f)]
    [InlineData(10, 3.7f)]
    [InlineData(784, 1e-3f)]
    [InlineData(4096, 250f)]
    public void EqualActiveUnitsGiveMagnitudeLogNNormalisedOne(int n, float value)
    {
        float[] a = [.. Enumerable.Repeat(value, n)];
        double? h = Measures.MagnitudeOfInput(a);
        EntropyCheck.AssertClose(Math.Log2(n), h, "magnitude of one input");
        var (mean, normalized) = Measures.Magnitude(h!.Value, 1, n);
        EntropyCheck.AssertClose(Math.Log2(n), mean, "magnitude mean");
        EntropyCheck.AssertClose(1, normalized, "magnitude normalised");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(5000)]
    public void AUnitFiringOnExactlyOneOfTwoEqualClassesCarriesOneBit(long m)
    {
        // Unit 0 fires on exactly the inputs of class 0, unit 1 on exactly those of class 1.
        (long[] Firing, long Count)[] classes = [([m, 0], m), ([0, m], m)];
        var (mean, perUnit) = Measures.LabelInformation([m, m], 2 * m, classes);
        EntropyCheck.AssertClose(1, perUnit[0], "I of the class-0 unit");
        EntropyCheck.AssertClose(1, perUnit[1], "I of the class-1 unit");
        EntropyCheck.AssertClose(1, mean, "label-information mean");
    }
}
