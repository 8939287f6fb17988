using LayerEntropy.Analysis;
using LayerEntropy.Tests.Analysis;

namespace LayerEntropy.Tests.Reports;

/// <summary>
/// The fixed analysis.json the report snapshot is drawn from (Fixtures/analysis.json): three classes of seeded
/// activations on taps of 16, 9 and 4 units, with 4×4 "images" for the samples. Regenerate it only when the
/// schema changes: set LAYERENTROPY_UPDATE_SNAPSHOTS=1 and run the report tests.
/// </summary>
internal static class ReportFixture
{
    public static string Folder => Path.Combine(Snapshots.SourceFolder, "Fixtures");
    public static string JsonPath => Path.Combine(Folder, "analysis.json");

    public static AnalysisResult Make()
    {
        var (taps, labels) = AnalysisFixtures.Random(11, 60, 3, 16, 9, 4);
        var options = new AnalysisOptions { Bootstrap = 30, Seed = 1, Bins = 6, Samples = 2 };
        var r = Analyzer.AnalyzeActivations(taps, labels, ["zero", "one", "two"], options, "fixture.npy");
        var samples = r.Samples! with
        {
            InputShape = [1, 4, 4],
            Inputs = [.. r.Samples!.Inputs.Select(x => x with { Image = [.. Enumerable.Range(0, 16).Select(p => (int)((x.Id * 37 + p * 16) % 256))] })],
        };
        return r with
        {
            Manifest = r.Manifest with { Date = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero), ToolVersion = "0.0.0-fixture", Model = "fixture.onnx", Dataset = "synthetic" },
            Samples = samples,
        };
    }

    /// <summary>The fixture as committed; written first when missing or when snapshots are being updated.</summary>
    public static AnalysisResult Load()
    {
        if (Snapshots.Updating || !File.Exists(JsonPath))
        {
            Directory.CreateDirectory(Folder);
            AnalysisJson.Save(Make(), JsonPath);
        }
        return AnalysisJson.Load(JsonPath);
    }
}
