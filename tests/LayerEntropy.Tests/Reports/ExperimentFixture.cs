using LayerEntropy.Analysis;
using LayerEntropy.Experiments;

namespace LayerEntropy.Tests.Reports;

/// <summary>
/// Small sweep, dynamics and controlled-analysis results written out by hand, with numbers simple enough to check
/// by eye: accuracies and curves are chosen, not computed, so the tests compare drawings and pages with them.
/// </summary>
internal static class ExperimentFixture
{
    public static readonly string[] Classes = ["a", "b"];

    /// <summary>Two seeds' accuracy per depth 1, 2, 3: mean 91, 96, 97 %, each ±1 point.</summary>
    public static readonly Dictionary<int, double[]> Accuracy = new() { [1] = [0.90, 0.92], [2] = [0.95, 0.97], [3] = [0.96, 0.98] };

    /// <summary>The trained pooled pattern-entropy value of seed s at layer l (1-based): 1 − 0.2·l, seed 1 a hundredth higher.</summary>
    public static double Trained(int layer, int seed) => 1 - 0.2 * layer + 0.01 * seed;

    /// <summary>At initialisation every layer sits near 0.9.</summary>
    public static double Reinit(int layer, int seed) => 0.9 - 0.01 * layer + 0.01 * seed;

    public static double Shuffled(int layer, int seed) => 0.7 - 0.05 * layer + 0.01 * seed;

    /// <summary>The seeds' saturation depths of the pattern curves per depth (pooled and each class alike): trained, then reinit.</summary>
    public static readonly Dictionary<int, (int?[] Trained, int?[] Reinit)> Saturation = new()
    {
        [1] = ([null, null], [null, null]),
        [2] = ([2, 1], [1, 1]),
        [3] = ([2, 3], [1, 2]),
    };

    public static SweepResult Sweep(bool shuffled = true)
    {
        var depths = new List<DepthResult>();
        string[] measures = [MeasureNames.Pattern, MeasureNames.Codeword];
        foreach (int depth in new[] { 1, 2, 3 })
        {
            var curves = new List<ProfileCurve>();
            var models = new List<(string Name, Func<int, int, double> Value)> { (ModelKinds.Trained, Trained), (ModelKinds.Reinit, Reinit) };
            if (shuffled) models.Add((ModelKinds.ShuffledLabels, Shuffled));
            foreach (var (model, value) in models)
                foreach (string measure in measures)
                    foreach (var (set, offset) in new[] { ("a", 0.05), ("b", -0.05), (InputSet.PooledName, 0.0) })
                        curves.Add(new ProfileCurve(model, measure, Statistic(measure), set,
                            [.. Enumerable.Range(1, depth).Select(l => (Spread?)Spread.Of([value(l, 0) + offset, value(l, 1) + offset]))]));
            var (trained, reinit) = Saturation[depth];
            var findings = new List<ProfileFinding>
            {
                new(ModelKinds.Trained, MeasureNames.Pattern, MeasureNames.Mean, InputSet.PooledName, 2, 2, trained),
                new(ModelKinds.Reinit, MeasureNames.Pattern, MeasureNames.Mean, InputSet.PooledName, 0, 2, reinit),
                new(ModelKinds.Trained, MeasureNames.Pattern, MeasureNames.Mean, "a", 1, 2, trained),
                new(ModelKinds.Trained, MeasureNames.Pattern, MeasureNames.Mean, "b", 2, 2, trained),
                new(ModelKinds.Reinit, MeasureNames.Pattern, MeasureNames.Mean, "a", 0, 2, reinit),
                new(ModelKinds.Reinit, MeasureNames.Pattern, MeasureNames.Mean, "b", 0, 2, reinit),
            };
            var acc = Accuracy[depth];
            depths.Add(new DepthResult(depth, $"mlp:{string.Join(',', Enumerable.Repeat(64, depth))}", 50_000 + 4_160L * depth, [0, 1], Spread.Of(acc),
                shuffled ? Spread.Of([0.10, 0.12]) : null, [.. Enumerable.Range(1, depth).Select(l => $"fc{l}")], curves, findings));
        }
        var settings = new SweepSettings { Depths = [1, 2, 3], Width = 64, Training = new() { Epochs = 2 }, Seeds = 2, ShuffledLabels = shuffled };
        return new SweepResult(SweepResult.CurrentSchemaVersion, "layerentropy", "0.0.0-fixture", settings, Classes, depths,
            new SweepRecommendation(2, 2, 2.5, "two FC layers: accuracy stops improving after 2 and pattern entropy saturates at ℓ* = 2.5 <i>here</i>"));
    }

    private static string Statistic(string measure) => MeasureNames.Headline.First(h => h.Measure == measure).Statistic;

    public static readonly string[] Taps = ["fc1", "fc2"];

    /// <summary>Checkpoints at epochs 0, 1, 2; test accuracy 10, 90, 95 %; pooled pattern entropy at fc2 0.8, 0.5, 0.4.</summary>
    public static DynamicsResult Dynamics(bool twin = true)
    {
        DynamicsCheckpoint Checkpoint(string name, double epoch, long step, double train, double test, double fc1, double fc2) =>
            new(name, epoch, step, 2.3 - train, train, 2.3 - test, test,
            [
                Finding(MeasureNames.Pattern, MeasureNames.Mean, InputSet.PooledName, fc1, fc2),
                Finding(MeasureNames.Pattern, MeasureNames.Mean, "a", fc1 + 0.05, fc2 + 0.05),
                Finding(MeasureNames.Codeword, MeasureNames.Normalized, InputSet.PooledName, fc1 / 2, fc2 / 2),
            ]);
        var runs = new List<DynamicsRun>
        {
            new(ModelKinds.Trained, [Checkpoint("init", 0, 0, 0.11, 0.10, 0.9, 0.8), Checkpoint("epoch-1", 1, 469, 0.91, 0.90, 0.7, 0.5), Checkpoint("epoch-2", 2, 938, 0.97, 0.95, 0.65, 0.4)]),
        };
        if (twin)
            runs.Add(new(ModelKinds.ShuffledLabels, [Checkpoint("shuffled-init", 0, 0, 0.1, 0.1, 0.9, 0.8), Checkpoint("shuffled-epoch-1", 1, 469, 0.3, 0.1, 0.85, 0.75), Checkpoint("shuffled-epoch-2", 2, 938, 0.5, 0.09, 0.8, 0.7)]));
        var correlations = new List<DynamicsCorrelation>
        {
            new(ModelKinds.Trained, "fc1", MeasureNames.Pattern, MeasureNames.Mean, InputSet.PooledName, -0.5),
            new(ModelKinds.Trained, "fc2", MeasureNames.Pattern, MeasureNames.Mean, InputSet.PooledName, -1),
            new(ModelKinds.Trained, "fc1", MeasureNames.Codeword, MeasureNames.Normalized, InputSet.PooledName, null),
            new(ModelKinds.Trained, "fc2", MeasureNames.Codeword, MeasureNames.Normalized, InputSet.PooledName, -0.75),
        };
        if (twin) correlations.Add(new(ModelKinds.ShuffledLabels, "fc2", MeasureNames.Pattern, MeasureNames.Mean, InputSet.PooledName, 0.25));
        var settings = new DynamicsSettings { Model = "mlp:64,32", Training = new() { Epochs = 2 }, ShuffledLabels = twin };
        return new DynamicsResult(DynamicsResult.CurrentSchemaVersion, "layerentropy", "0.0.0-fixture", settings, Classes, Taps, runs, correlations,
            "pattern entropy falls as test accuracy rises at every tap <b>now</b>");
    }

    private static DepthFinding Finding(string measure, string statistic, string set, double fc1, double fc2) =>
        new(measure, statistic, set, [fc1, fc2], fc2 <= fc1, null, -1, 2);

    /// <summary>The report fixture with a reinit control whose pooled pattern curve is 0.9 at every tap, and a shuffled-labels one.</summary>
    public static AnalysisResult WithControls(AnalysisResult r)
    {
        int taps = r.Taps.Count;
        ControlProfile Control(string kind, string description, double? accuracy, double level) =>
            new(kind, description, $"controls/{kind}/model.onnx", $"controls/{kind}", accuracy,
            [
                new DepthFinding(MeasureNames.Pattern, MeasureNames.Mean, InputSet.PooledName, [.. Enumerable.Repeat<double?>(level, taps)], true, null, null, null),
                new DepthFinding(MeasureNames.Codeword, MeasureNames.Normalized, InputSet.PooledName, [.. Enumerable.Range(0, taps).Select(i => (double?)(level - 0.1 * i))], true, null, -1, taps),
            ]);
        return r with
        {
            Controls =
            [
                Control(ControlKinds.Reinit, "the same graph with fresh weights <i>seeded</i>", null, 0.9),
                Control(ControlKinds.ShuffledLabels, "trained on shuffled labels", 0.1135, 0.6),
            ],
        };
    }
}
