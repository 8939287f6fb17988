using LayerEntropy.Analysis;
using LayerEntropy.Cli;
using LayerEntropy.Data;
using LayerEntropy.Reports;
using static LayerEntropy.Analysis.MeasureNames;

namespace LayerEntropy.Tests.Reports;

/// <summary>A value without an interval shows its reason where intervals are shown, and draws no band.</summary>
public class IntervalNoteTests
{
    /// <summary>32 inputs of one class with pairwise different codewords (and binned vectors): codeword and binned saturate, magnitude does not.</summary>
    private static AnalysisResult Saturated()
    {
        const int m = 32, n = 8 + 32 / 8;
        var values = new float[m * n];
        // Input x fires units x mod 8 and 8 + x / 8: pairwise different codewords, each unit firing on 1/8 or 1/(M/8) of them.
        for (int x = 0; x < m; x++) (values[x * n + x % 8], values[x * n + 8 + x / 8]) = (1 + x, 2 + x);
        return Analyzer.AnalyzeActivations([new TapActivations("t1", m, n, values), new TapActivations("t2", m, n, values)], new int[m], ["only"],
            new AnalysisOptions { Bootstrap = 40, Seed = 2, Samples = 0 });
    }

    [Fact]
    public void ThePageShowsTheNoteInsteadOfBounds()
    {
        var r = Saturated();
        string cell = ReportPage.Value(r.Find("t1", InputSet.PooledName, Codeword, Normalized));
        Assert.Contains("saturated (M too small)", cell, StringComparison.Ordinal);
        Assert.DoesNotContain("[", cell, StringComparison.Ordinal);
        Assert.Contains("[", ReportPage.Value(r.Find("t1", InputSet.PooledName, Magnitude, Mean)), StringComparison.Ordinal);
    }

    [Fact]
    public void TheTablesMarkSaturatedCells()
    {
        var r = Saturated();
        var text = new StringWriter();
        AnalysisTables.Render(r, text, OutputLevel.AllTables);
        string table = text.ToString();
        string codeword = table[table.IndexOf("codeword · normalized", StringComparison.Ordinal)..table.IndexOf("magnitude · normalized", StringComparison.Ordinal)];
        Assert.Contains("sat.", codeword, StringComparison.Ordinal);
        string pattern = table[table.IndexOf("pattern · mean", StringComparison.Ordinal)..table.IndexOf("codeword · normalized", StringComparison.Ordinal)];
        Assert.DoesNotContain("sat.", pattern, StringComparison.Ordinal);
    }

    [Fact]
    public void DepthChartsHaveNoBandWhereThereIsNoInterval()
    {
        var r = Saturated();
        Assert.Equal(0, BandPolygons(ReportFigures.Depth(r, Codeword, Normalized)!.Svg!));
        Assert.True(BandPolygons(ReportFigures.Depth(r, Magnitude, Normalized)!.Svg!) > 0);
    }

    /// <summary>The filled polygons inside the chart's band groups.</summary>
    private static int BandPolygons(string svg) =>
        svg.Split("<g class=\"band\">")[1..].Sum(group => group[..group.IndexOf("</g>", StringComparison.Ordinal)].Split("<polygon").Length - 1);
}
