using System.Globalization;
using LayerEntropy.Analysis;
using LayerEntropy.Experiments;
using LayerEntropy.Tests.Analysis;
using static LayerEntropy.Tests.Experiments.ComparisonFixtures;

namespace LayerEntropy.Tests.Experiments;

/// <summary>Comparisons of hand-made analyses whose entropies, ranks and Spearman's ρ are worked out by hand.</summary>
public class CompareTests
{
    /// <summary>
    /// Four runs of two taps. Units firing on (k1, k2) of 4 inputs, first tap → last tap:
    /// r1 (1,0) → (2,2): 0.406 → 1;  r2 (2,2) → (1,0): 1 → 0.406;  r3 (2,1) → (2,0): 0.906 → 0.5;  r4 (2,0) → (1,1): 0.5 → 0.811.
    /// </summary>
    private static readonly int[][][] Four =
    [
        [[1, 0], [2, 2]],
        [[2, 2], [1, 0]],
        [[2, 1], [2, 0]],
        [[2, 0], [1, 1]],
    ];

    private static string[] SaveAll(TempDir dir, int[][][] runs, string prefix = "r") =>
        [.. runs.Select((firing, i) => Save(dir, $"{prefix}{i + 1}", Run(firing)))];

    [Fact]
    public void RanksByTheLastLayerAndFollowsGivenAccuracy()
    {
        using var dir = new TempDir();
        var paths = SaveAll(dir, Four);
        // Accuracies 0.90, 0.97, 0.98, 0.95 rank (1, 3, 4, 2); last-layer scores rank (4, 1, 2, 3): Σd² = 9+4+4+1 = 18,
        // ρ = 1 − 6·18/(4·15) = −0.8. First-tap values rank (1, 4, 3, 2): Σd² = 0+1+1+0 = 2, ρ = 1 − 12/60 = 0.8.
        var result = ModelComparison.Compare(paths, new ComparisonOptions { Accuracy = AccuracySource.Given, Accuracies = [0.90, 0.97, 0.98, 0.95] });

        Assert.Equal(["r1", "r2", "r3", "r4"], result.Runs.Select(r => r.Label));
        double[] last = [PatternMean(2, 2), PatternMean(1, 0), PatternMean(2, 0), PatternMean(1, 1)];
        for (int r = 0; r < 4; r++)
        {
            EntropyCheck.AssertClose(PatternMean(Four[r][0]), result.Runs[r].Curve[0], $"r{r + 1} first tap");
            EntropyCheck.AssertClose(last[r], result.Runs[r].Curve[1], $"r{r + 1} last tap");
            EntropyCheck.AssertClose(last[r], result.Runs[r].Score, $"r{r + 1} score");
        }
        Assert.Equal([4, 1, 2, 3], result.Runs.Select(r => r.Rank));
        Assert.Equal(["r2", "r3", "r4", "r1"], result.Ranking);
        Assert.Equal([false, true, true, false], result.Runs.Select(r => r.Monotonic));
        // r2 and r3 fall in one step, all of the drop: ℓ* = 2. r1 and r4 end higher than they start: no drop, no ℓ*.
        Assert.Equal([null, 2, 2, null], result.Runs.Select(r => r.SaturationDepth));
        Assert.Equal([0.90, 0.97, 0.98, 0.95], result.Runs.Select(r => r.TestAccuracy));
        Assert.All(result.Runs, r => Assert.Equal("given", r.AccuracySource));
        Assert.Equal(4, result.ScoreVsAccuracy.Runs);
        EntropyCheck.AssertClose(-0.8, result.ScoreVsAccuracy.Spearman, "score vs accuracy");
        Assert.Equal([1, 2], result.TapsVsAccuracy.Select(t => t.Depth));
        Assert.Equal(["fc1_act", "fc2_act"], result.TapsVsAccuracy.Select(t => t.Tap));
        EntropyCheck.AssertClose(0.8, result.TapsVsAccuracy[0].Spearman, "first tap vs accuracy");
        EntropyCheck.AssertClose(-0.8, result.TapsVsAccuracy[1].Spearman, "last tap vs accuracy");
        Assert.Equal((MeasureNames.Pattern, MeasureNames.Mean, "pooled", ScoreKind.Last), (result.Measure, result.Statistic, result.Set, result.Score));
        Assert.Equal("ranked by pattern entropy (mean) at the last layer, pooled set: r2 < r3 < r4 < r1; Spearman ρ with test accuracy \u22120.80 over 4 runs",
            result.Summary);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void MeanScoreAveragesTheLayersAndTiesShareARank()
    {
        using var dir = new TempDir();
        // a: 1 → 0.5 (mean 0.75); b: 1 → 0 (0.5); c: 0.5 → 1 (0.75).
        var paths = SaveAll(dir, [[[2, 2], [2, 0]], [[2, 2], [0, 0]], [[2, 0], [2, 2]]]);
        var result = ModelComparison.Compare(paths, new ComparisonOptions { Score = ScoreKind.Mean, Accuracy = AccuracySource.None });

        Assert.Equal([0.75, 0.5, 0.75], result.Runs.Select(r => r.Score));
        Assert.Equal([2, 1, 2], result.Runs.Select(r => r.Rank));
        Assert.Equal(["r2", "r1", "r3"], result.Ranking);
        Assert.All(result.Runs, r => Assert.Null(r.TestAccuracy));
        Assert.Null(result.ScoreVsAccuracy.Spearman);
        Assert.Equal("ranked by pattern entropy (mean) averaged over the layers, pooled set: r2 < r1 = r3; no test accuracy known", result.Summary);
    }

    [Fact]
    public void ConstantAccuracyOrTooFewRunsGiveNoCorrelation()
    {
        using var dir = new TempDir();
        var paths = SaveAll(dir, Four);
        var constant = ModelComparison.Compare(paths, new ComparisonOptions { Accuracy = AccuracySource.Given, Accuracies = [0.9, 0.9, 0.9, 0.9] });
        Assert.Equal(4, constant.ScoreVsAccuracy.Runs);
        Assert.Null(constant.ScoreVsAccuracy.Spearman);
        Assert.All(constant.TapsVsAccuracy, t => Assert.Null(t.Spearman));

        // Two runs always give ρ = ±1, which says nothing: refused.
        var two = ModelComparison.Compare(paths[..2], new ComparisonOptions { Accuracy = AccuracySource.Given, Accuracies = [0.9, 0.8] });
        Assert.Equal(2, two.ScoreVsAccuracy.Runs);
        Assert.Null(two.ScoreVsAccuracy.Spearman);
        Assert.EndsWith("test accuracy known for 2 of 2 runs, too few for Spearman's ρ (needs 3)", two.Summary);
    }

    [Fact]
    public void AStatisticWithoutADepthFindingIsReadFromTheTaps()
    {
        using var dir = new TempDir();
        var paths = SaveAll(dir, Four);
        // pattern sum has no depth finding (only headline statistics do): the curve comes from the taps, ℓ* from δ.
        var result = ModelComparison.Compare(paths, new ComparisonOptions { Statistic = MeasureNames.Sum, Accuracy = AccuracySource.None });
        for (int r = 0; r < 4; r++)
            for (int t = 0; t < 2; t++)
                EntropyCheck.AssertClose(2 * PatternMean(Four[r][t]), result.Runs[r].Curve[t], $"r{r + 1} tap {t + 1} sum");
        Assert.Equal([false, true, true, false], result.Runs.Select(r => r.Monotonic));
        Assert.Equal([null, 2, 2, null], result.Runs.Select(r => r.SaturationDepth));
        Assert.Equal(["r2", "r3", "r4", "r1"], result.Ranking);

        var byClass = ModelComparison.Compare(paths, new ComparisonOptions { Set = "zero", Accuracy = AccuracySource.None });
        // Class zero holds inputs 0 and 1: a unit firing on the first k of 4 fires on min(k, 2) of its 2.
        EntropyCheck.AssertClose(H(0.5) / 2, byClass.Runs[0].Curve[0], "r1 first tap, class zero");
        EntropyCheck.AssertClose(0, byClass.Runs[0].Curve[1], "r1 last tap, class zero");
    }

    [Fact]
    public void RunsOfDifferentDepthsLineUpByDepth()
    {
        using var dir = new TempDir();
        string[] paths =
        [
            Save(dir, "shallow", Run([2, 2], [1, 0])),
            Save(dir, "deep", Named(["h1", "h2", "h3"], [[2, 2], [2, 0], [1, 0]])),
            Save(dir, "mid", Run([2, 1], [2, 2])),
        ];
        var result = ModelComparison.Compare(paths, new ComparisonOptions { Accuracy = AccuracySource.Given, Accuracies = [0.7, 0.9, 0.8] });
        // Last layers: shallow 0.406, deep 0.406 (tie), mid 1.
        Assert.Equal([1, 1, 3], result.Runs.Select(r => r.Rank));
        Assert.Equal(3, result.TapsVsAccuracy.Count);
        Assert.Null(result.TapsVsAccuracy[0].Tap);
        Assert.Equal((3, 1), (result.TapsVsAccuracy[2].Depth, result.TapsVsAccuracy[2].Runs));
        Assert.Null(result.TapsVsAccuracy[2].Spearman);
        // Depth 2: shallow 0.406, deep 0.5, mid 1 rank (1, 2, 3); accuracies (1, 3, 2): Σd² = 2, ρ = 1 − 12/24 = 0.5.
        EntropyCheck.AssertClose(0.5, result.TapsVsAccuracy[1].Spearman, "depth 2 vs accuracy");
        Assert.Contains("shallow = deep < mid", result.Summary);
    }

    [Fact]
    public void LabelsAreFolderNamesMadeUnique()
    {
        using var dir = new TempDir();
        var run = Run([2, 2], [1, 0]);
        string a = Save(dir, Path.Combine("a", "ep1"), run), b = Save(dir, Path.Combine("b", "ep1"), run), c = Save(dir, "ep2", run);
        Assert.Equal(["a/ep1", "b/ep1", "ep2", "ep2#2"], ModelComparison.Labels([a, b, c, c]));
        var result = ModelComparison.Compare([a, b, c], new ComparisonOptions { Accuracy = AccuracySource.None });
        Assert.Equal(["a/ep1", "b/ep1", "ep2"], result.Runs.Select(r => r.Label));
        Assert.Equal([a, b, c], result.Runs.Select(r => r.Path));
    }

    [Fact]
    public void AccuracyComesFromTheModelFileWhileItIsTheOneAnalysed()
    {
        using var dir = new TempDir();
        var Acc = (double x) => new Dictionary<string, string> { ["test_accuracy"] = x.ToString("R", CultureInfo.InvariantCulture) };
        // beside: the model path recorded relative to the analysis folder; absolute: recorded in full.
        var beside = WithModel(Run([2, 2], [1, 0]), dir.File("beside", "m.onnx"), "m.onnx", Acc(0.93));
        var absolute = WithModel(Run([2, 2], [2, 0]), dir.File("models", "abs.onnx"), dir.File("models", "abs.onnx"), Acc(0.91));
        // changed: the model was trained further (replaced) after the analysis; its accuracy is another checkpoint's.
        var changed = WithModel(Run([2, 2], [2, 2]), dir.File("changed", "m.onnx"), dir.File("changed", "m.onnx"), Acc(0.5));
        WithModel(Run([1, 1]), dir.File("changed", "m.onnx"), "unused", Acc(0.97));
        var gone = Run([2, 2], [1, 1]) is var g ? g with { Manifest = g.Manifest with { Model = dir.File("gone.onnx") } } : null!;
        var silent = WithModel(Run([2, 2], [0, 0]), dir.File("silent", "m.onnx"), "m.onnx", new Dictionary<string, string>());
        string[] paths =
        [
            Save(dir, "beside", beside), Save(dir, "absolute", absolute), Save(dir, "changed", changed), Save(dir, "gone", gone),
            Save(dir, "silent", silent), Save(dir, "activations", Run([2, 2], [2, 1])),
        ];
        var result = ModelComparison.Compare(paths, new ComparisonOptions());

        Assert.Equal([0.93, 0.91, null, null, null, null], result.Runs.Select(r => r.TestAccuracy));
        Assert.Equal(["model", "model", null, null, null, null], result.Runs.Select(r => r.AccuracySource));
        Assert.Equal(2, result.ScoreVsAccuracy.Runs);
        Assert.Null(result.ScoreVsAccuracy.Spearman);
        Assert.Equal(4, result.Warnings.Count);
        Assert.Contains(result.Warnings, w => w.StartsWith("changed: test accuracy unknown", StringComparison.Ordinal) && w.Contains("SHA-256 differs", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.StartsWith("gone: test accuracy unknown", StringComparison.Ordinal) && w.Contains("not found", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.StartsWith("silent: test accuracy unknown", StringComparison.Ordinal) && w.Contains("no test_accuracy", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.StartsWith("activations: test accuracy unknown", StringComparison.Ordinal));
        Assert.EndsWith("test accuracy known for 2 of 6 runs, too few for Spearman's ρ (needs 3)", result.Summary);
    }

    [Fact]
    public void BadInputNamesTheFile()
    {
        using var dir = new TempDir();
        var paths = SaveAll(dir, Four);
        string missing = dir.File("nowhere", "analysis.json");
        string notes = dir.Write("notes/analysis.json", "{\"hello\": 1}"u8.ToArray());
        var none = new ComparisonOptions { Accuracy = AccuracySource.None };

        LayerEntropyException Fails(IReadOnlyList<string> files, ComparisonOptions? options = null) =>
            Assert.Throws<LayerEntropyException>(() => ModelComparison.Compare(files, options ?? none));

        Assert.Contains("at least two", Fails([paths[0]]).Message);
        Assert.Equal($"{missing}: file not found", Fails([paths[0], missing]).Message);
        Assert.StartsWith($"{notes}: not an analysis file", Fails([paths[0], notes]).Message);
        Assert.StartsWith($"{dir.File("r1")}: is a folder", Fails([dir.File("r1"), paths[1]]).Message);
        Assert.StartsWith($"{paths[0]}: has no set 'cat'", Fails(paths, none with { Set = "cat" }).Message);
        // Label information is a property of the pooled set only.
        Assert.StartsWith($"{paths[0]}: has no label-information (mean) values on set 'one'", Fails(paths, none with { Measure = MeasureNames.LabelInformation, Set = "one" }).Message);
        Assert.StartsWith($"{paths[0]}: has no pattern (median) values", Fails(paths, none with { Statistic = "median" }).Message);
        Assert.Contains("no headline statistic", Fails(paths, none with { Measure = MeasureNames.Census }).Message);
        Assert.Contains("3 accuracies given for 4 analyses", Fails(paths, new ComparisonOptions { Accuracy = AccuracySource.Given, Accuracies = [0.1, 0.2, 0.3] }).Message);
        Assert.Contains("97.5", Fails(paths, new ComparisonOptions { Accuracy = AccuracySource.Given, Accuracies = [0.1, 0.2, 0.3, 97.5] }).Message);

        string nats = Save(dir, "nats", Named(["fc1_act", "fc2_act"], Four[0], new AnalysisOptions { Bootstrap = 0, Units = EntropyUnit.Nats }));
        Assert.StartsWith($"{nats}: its entropies are in nats but those of {paths[0]} are in bits", Fails([paths[0], nats]).Message);
        // A count does not depend on the unit: census across bits and nats is fine.
        Assert.Equal(2, ModelComparison.Compare([paths[0], nats], none with { Measure = MeasureNames.Census, Statistic = MeasureNames.Dead }).Runs.Count);
    }

    [Fact]
    public void FilesRoundTripAndTheTableHasOneRowPerRunAndTap()
    {
        using var dir = new TempDir();
        var paths = SaveAll(dir, Four);
        var result = ModelComparison.Compare(paths, new ComparisonOptions { Accuracy = AccuracySource.Given, Accuracies = [0.90, 0.97, 0.98, 0.95] });
        var written = ComparisonOutput.Write(result, dir.File("out"));
        Assert.Equal([dir.File("out", "comparison.json"), dir.File("out", "comparison.csv")], written);

        var back = System.Text.Json.JsonSerializer.Deserialize<ComparisonResult>(File.ReadAllText(written[0]), AnalysisJson.Options)!;
        Assert.Equal(ComparisonOutput.Serialize(result), ComparisonOutput.Serialize(back));
        Assert.Equal(result.Runs[1].Curve, back.Runs[1].Curve);
        string json = File.ReadAllText(written[0]);
        Assert.Contains("\"score_vs_accuracy\"", json);
        Assert.Contains("\"score\": \"last\"", json);

        var lines = File.ReadAllText(written[1]).Split('\n');
        Assert.Equal(ComparisonOutput.CsvHeader, lines[0]);
        Assert.Equal(4 * 2 + 2, lines.Length); // header, 8 rows, and the empty string after the last LF
        string r2last = $"r2,1,{result.Runs[1].Score.ToString("R", CultureInfo.InvariantCulture)},0.97,2,fc2_act,pattern,mean,pooled,{result.Runs[1].Curve[1].ToString("R", CultureInfo.InvariantCulture)}";
        Assert.Equal(r2last, lines[4]);
        EntropyCheck.AssertClose(PatternMean(1, 0), double.Parse(lines[4].Split(',')[^1], CultureInfo.InvariantCulture), "csv value");
    }
}
