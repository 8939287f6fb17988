using LayerEntropy.Analysis;
using LayerEntropy.Tests.Reports;

namespace LayerEntropy.Tests.Analysis;

/// <summary>
/// An analysis whose taps all have at most 1,024 units is written exactly as earlier versions wrote it, so that
/// their readers, and every script written against them, keep working. The references are files the earlier writer
/// made: Golden/mlp-analysis.json (an MLP on MNIST, see Golden/README.md) and the report fixture.
/// </summary>
public class InlineFormatTests
{
    private static string GoldenPath => Path.Combine(AppContext.BaseDirectory, "Analysis", "Golden", "mlp-analysis.json");

    [Fact]
    public void An_MLP_analysis_is_written_byte_for_byte_as_before()
    {
        using var dir = new TempDir();
        byte[] golden = File.ReadAllBytes(GoldenPath);
        var result = AnalysisJson.Load(GoldenPath);
        Assert.All(result.Taps, t => Assert.True(t.Units <= 1024));
        Assert.NotNull(result.Samples);

        var written = AnalysisOutput.Write(result, dir.Path);

        Assert.Equal(golden, File.ReadAllBytes(written[0]));
        Assert.Equal(System.Text.Encoding.UTF8.GetString(golden), AnalysisJson.Serialize(result));
        Assert.Equal(["analysis.json", "measures.csv"], dir.Files());
    }

    [Fact]
    public void A_fresh_analysis_of_recorded_activations_is_written_as_the_committed_fixture()
    {
        Assert.Equal(File.ReadAllText(ReportFixture.JsonPath), AnalysisJson.Serialize(ReportFixture.Make()));
    }
}
