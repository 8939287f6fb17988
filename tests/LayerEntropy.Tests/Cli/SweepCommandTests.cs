using System.Text.RegularExpressions;
using LayerEntropy.Analysis;
using LayerEntropy.Cli.Commands;
using LayerEntropy.Experiments;
using static LayerEntropy.Analysis.MeasureNames;

namespace LayerEntropy.Tests.Cli;

/// <summary>`sweep`'s table says what its Recommendation line says: the same ℓ*, and no spread where there is one seed.</summary>
public sealed class SweepCommandTests
{
    /// <summary>The cells of the table's rows (the header first), split at the box-drawing bars.</summary>
    private static List<string[]> Rows(string text) =>
        [.. text.Split('\n').Where(l => l.StartsWith('│')).Select(l => l.Trim().Trim('│').Split('│').Select(c => c.Trim()).ToArray())];

    private static string Cell(List<string[]> rows, string depth, string column)
    {
        int at = Array.FindIndex(rows[0], h => h == column);
        Assert.True(at >= 0, $"no column '{column}' in: {string.Join(" | ", rows[0])}");
        return rows.Single(r => r[0] == depth)[at];
    }

    /// <summary>The layer the Recommendation line says the deepest networks' per-class entropy saturates at, or null when it names none.</summary>
    private static string? RecommendedLayer(string text) =>
        Regex.Match(Regex.Replace(text, @"\s+", " "), @"pattern entropy per class saturates at layer (\d+(\.\d)?)") is { Success: true } m ? m.Groups[1].Value : null;

    [Fact]
    public void TheSaturationColumnIsThePerClassMedianTheRecommendationCites()
    {
        // One seed of a 2-layer network: both classes' curves saturate at layer 2, the pooled curve has no drop (no ℓ*).
        // The recommendation cites layer 2; the table must not show "—" there. Accuracy 83.75% from one seed: no ±.
        var depth = new DepthResult(2, "mlp:32,32", 0, [0], Spread.Of([0.8375]), null, ["fc1_act", "fc2_act"],
            [new ProfileCurve(ModelKinds.Trained, Pattern, Mean, InputSet.PooledName, [Spread.Of([0.5]), Spread.Of([0.6])])],
            [
                new ProfileFinding(ModelKinds.Trained, Pattern, Mean, "a", 1, 1, [2]),
                new ProfileFinding(ModelKinds.Trained, Pattern, Mean, "b", 1, 1, [2]),
                new ProfileFinding(ModelKinds.Trained, Pattern, Mean, InputSet.PooledName, 0, 1, [null]),
                new ProfileFinding(ModelKinds.Reinit, Pattern, Mean, "a", 1, 1, [null]),
                new ProfileFinding(ModelKinds.Reinit, Pattern, Mean, "b", 1, 1, [null]),
            ]);
        var settings = new SweepSettings { Depths = [2], Seeds = 1 };
        var result = new SweepResult(1, "layerentropy", "0", settings, ["a", "b"], [depth], SweepSummary.Recommend(settings, [depth]));
        var output = new StringWriter();
        SweepCommand.Render(result, output);
        string text = output.ToString();

        Assert.Equal("2", RecommendedLayer(text));
        var rows = Rows(text);
        Assert.Equal("2", Cell(rows, "2", "ℓ* per class"));
        Assert.Equal("—", Cell(rows, "2", "ℓ* per class, reinit"));
        Assert.Equal("83.75% (1 seed)", Cell(rows, "2", "test accuracy"));
        Assert.DoesNotContain("±", text);
    }

    [Fact]
    public void AReducedSweepsTableAgreesWithItsRecommendation()
    {
        using var dir = new TempDir();
        var r = CliRunner.InProcess("sweep", "--dataset", "mnist", "--depths", "1,3", "--width", "32", "--seeds", "1", "--epochs", "1", "--limit", "1000",
            "--no-model-reports", "--data-dir", TestData.Root, "-o", dir.Path);
        Assert.True(r.ExitCode == 0, r.Error);
        var result = DepthSweep.Load(dir.File(DepthSweep.JsonFileName));
        var rows = Rows(r.Output);
        foreach (var d in result.Depths)
        {
            string depth = d.Depth.ToString(System.Globalization.CultureInfo.InvariantCulture);
            // The median over seeds and classes whose curve drops, as sweep.json's findings give it.
            double[] drops = [.. d.Findings.Where(f => f.Model == ModelKinds.Trained && f.Measure == Pattern && f.Statistic == Mean && f.Set != InputSet.PooledName)
                .SelectMany(f => f.SaturationDepths).OfType<int>().Select(x => (double)x).Order()];
            int all = d.Findings.Count(f => f.Model == ModelKinds.Trained && f.Measure == Pattern && f.Statistic == Mean && f.Set != InputSet.PooledName);
            string expected = drops.Length == 0 || 2 * drops.Length < all ? "—"
                : (drops.Length % 2 == 1 ? drops[drops.Length / 2] : (drops[drops.Length / 2 - 1] + drops[drops.Length / 2]) / 2).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(expected, Cell(rows, depth, "ℓ* per class"));
            Assert.Matches(@"^\d+\.\d\d% \(1 seed\)$", Cell(rows, depth, "test accuracy"));
        }
        Assert.Equal(RecommendedLayer(r.Output) ?? "—", Cell(rows, "3", "ℓ* per class"));
        Assert.DoesNotContain("±", r.Output);
    }
}
