using LayerEntropy.Analysis;
using LayerEntropy.Tensors;
using static LayerEntropy.Analysis.MeasureNames;

namespace LayerEntropy.Tests.Analysis;

/// <summary>
/// <c>--bins auto</c> (MEASURES.md, binned): equal-mass edges on values whose quantiles are known, the bins per unit
/// B^N ≤ M allows, and parts that merge into the whole run's numbers.
/// </summary>
public class AutoBinsTests
{
    [Fact]
    public void EdgesOfOneToHundredAreItsQuartiles()
    {
        // 1..100 (each exact in 8 significant bits, so each its own bucket): the k/4 quantiles are 25, 50 and 75, and
        // each edge is the largest value of its bucket, below the next 8-bit value (25 + 1/8, 50 + 1/4, 75 + 1/2).
        var q = new TapQuantiles(1);
        q.Add(0, [.. Enumerable.Range(1, 100).Select(i => (float)i)]);
        var edges = q.Edges(0, 4);
        float[] quartile = [25, 50, 75], next = [25.125f, 50.25f, 75.5f];
        for (int k = 0; k < 3; k++) Assert.True(edges[k] >= quartile[k] && edges[k] < next[k], $"edge {k}: {edges[k]}");
        var bins = new byte[100];
        TapKernels.BinByEdges([.. Enumerable.Range(1, 100).Select(i => (float)i)], edges, bins);
        for (int b = 0; b < 4; b++) Assert.Equal(25, bins.Count(x => x == b));
    }

    [Fact]
    public void ManyZerosTakeOneBinAndThePositivesTheRest()
    {
        // 60 zeros (and −0) and 1..40: the median is 0, so B = 2 splits at zero; B = 4 has edges 0, 0 (merged) and
        // the 3/4 quantile, the 75th value = 15.
        float[] values = [.. Enumerable.Repeat(0f, 59), -0f, .. Enumerable.Range(1, 40).Select(i => (float)i)];
        var q = new TapQuantiles(2);
        q.Add(1, values);
        var two = q.Edges(1, 2);
        Assert.True(two[0] >= 0 && two[0] < float.Epsilon * 70000, $"median edge {two[0]}");
        var four = q.Edges(null, 4);
        Assert.Equal(four[0], four[1]);
        Assert.True(four[2] >= 15 && four[2] < 15.0625f, $"3/4 edge {four[2]}");
        var bins = new byte[values.Length];
        TapKernels.BinByEdges(values, four, bins);
        Assert.Equal(60, bins.Count(b => b == 0));
        Assert.Equal(15, bins.Count(b => b == 2));
        Assert.Equal(25, bins.Count(b => b == 3));
    }

    [Theory]
    [InlineData(1, 1000, 30)] // 1000 cells allowed, capped at the default B
    [InlineData(3, 1000, 10)] // 10³ = 1000 ≤ 1000
    [InlineData(4, 1000, 5)] // 5⁴ = 625 ≤ 1000 < 6⁴ = 1296
    [InlineData(32, 10000, 2)] // wide taps: the fewest bins that still split a unit
    [InlineData(512, 980, 2)]
    public void BinsPerUnitAreTheMostThatDoNotOutnumberTheInputs(int units, long inputs, int expected) =>
        Assert.Equal(expected, new AnalysisOptions { AutoBins = true }.AutoBinsFor(units, inputs));

    [Fact]
    public void PartsMergeIntoTheWholeRunAndTheManifestRecordsTheEdges()
    {
        var (taps, labels) = AnalysisFixtures.Random(8, 90, 3, 20, 7);
        var options = new AnalysisOptions { AutoBins = true, Bootstrap = 10 };
        var whole = Analyzer.AnalyzeActivations(taps, labels, null, options);
        var parts = Enumerable.Range(0, 3).Select(p => Analyzer.ActivationsPart(taps, labels, null, options,
            [.. Enumerable.Range(0, 90).Where(i => i % 3 == p)], null, default)).Reverse().ToArray();
        Assert.Equal(AnalysisFixtures.Numbers(whole), AnalysisFixtures.Numbers(Analyzer.Merge(parts)));
        var binning = Assert.IsType<BinChoice>(whole.Manifest.Binning);
        // 90 inputs through 20 and 7 units: B = 2 (3⁷ > 90), one edge per tap.
        Assert.Equal([2, 2], binning.Taps.Select(t => t.Bins));
        Assert.Equal([1, 1], binning.Taps.Select(t => t.Edges.Count));
        Assert.True(binning.Taps.All(t => t.Edges.Zip(t.Edges.Skip(1)).All(p => p.First <= p.Second)));
        Assert.NotNull(whole.Find(taps[0].Name, InputSet.PooledName, Binned, ChaoShen)?.Value);
    }
}
