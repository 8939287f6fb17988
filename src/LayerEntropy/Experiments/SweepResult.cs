using LayerEntropy.Analysis;

namespace LayerEntropy.Experiments;

/// <summary>
/// What a depth sweep found (sweep.json, docs/FORMATS.md): per FC depth, the test accuracy over seeds and the entropy
/// profile of the trained networks and of their controls, and the recommendation that weighs the two.
/// </summary>
public sealed record SweepResult(
    int SchemaVersion,
    string Tool,
    string ToolVersion,
    SweepSettings Settings,
    IReadOnlyList<string> Classes,
    IReadOnlyList<DepthResult> Depths,
    SweepRecommendation Recommendation)
{
    /// <summary>2: the settings hold the training's and the analysis's in objects of their own (1: flat, still read).</summary>
    public const int CurrentSchemaVersion = 2;
}

/// <summary>
/// One FC depth: the spec trained, its test accuracy over the seeds, and per model kind (trained and controls),
/// headline measure and set, the curve over its hidden FC layers and how it behaves with depth.
/// </summary>
public sealed record DepthResult(
    int Depth,
    string Spec,
    long Parameters,
    IReadOnlyList<int> Seeds,
    Spread Accuracy,
    Spread? ShuffledLabelsAccuracy,
    IReadOnlyList<string> Taps,
    IReadOnlyList<ProfileCurve> Curves,
    IReadOnlyList<ProfileFinding> Findings)
{
    /// <summary>How far each seed's shuffled-labels twin got in fitting its labels, in seed order; absent without that control.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<TwinFit>? ShuffledLabelsFits { get; init; }

    /// <summary>
    /// Entropy's saturation depth for <paramref name="model"/>: the median ℓ* of its pattern-entropy curves per class
    /// (the paper's input set) over every seed and class whose curve drops; null when fewer than half of them drop.
    /// Also how many drop, of how many.
    /// </summary>
    public (double? Median, int Drops, int Curves) ClassSaturation(string model)
    {
        var all = ClassFindings(model).SelectMany(f => f.SaturationDepths).ToArray();
        double[] drops = [.. all.OfType<int>().Select(d => (double)d)];
        return (drops.Length == 0 || 2 * drops.Length < all.Length ? null : ProfileFinding.Median(drops), drops.Length, all.Length);
    }

    /// <summary>Per seed, the median ℓ* over the classes whose curve drops (null where none does).</summary>
    public IReadOnlyList<double?> SeedClassSaturation(string model)
    {
        var perClass = ClassFindings(model);
        return [.. Seeds.Select((_, k) => perClass.Select(f => k < f.SaturationDepths.Count ? f.SaturationDepths[k] : null).OfType<int>().Select(d => (double)d).ToArray())
            .Select(v => v.Length == 0 ? (double?)null : ProfileFinding.Median(v))];
    }

    private ProfileFinding[] ClassFindings(string model) =>
        [.. Findings.Where(f => f.Model == model && f.Key == MeasureKey.PatternMean && f.Set != InputSet.PooledName)];
}

/// <summary>Mean, sample standard deviation (0 for one value), smallest and largest of values over seeds.</summary>
public sealed record Spread(double Mean, double Sd, double Min, double Max, IReadOnlyList<double> Values)
{
    public static Spread Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("a spread needs at least one value", nameof(values));
        double mean = values.Average();
        double sd = values.Count < 2 ? 0 : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        return new Spread(mean, sd, values.Min(), values.Max(), [.. values]);
    }
}

/// <summary>
/// One entropy-versus-depth curve: the value of <see cref="Measure"/> (<see cref="Statistic"/>) on <see cref="Set"/> at
/// each hidden FC layer, spread over seeds (null where a seed has no value), for the trained networks or a control
/// (<see cref="Model"/>: "trained", "reinit" or "shuffled-labels").
/// </summary>
public sealed record ProfileCurve(string Model, string Measure, string Statistic, string Set, IReadOnlyList<Spread?> Layers)
{
    /// <summary>The measure and statistic together, the key these are found by.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public MeasureKey Key => new(Measure, Statistic);
}

/// <summary>
/// The depth findings of one curve over seeds: how many seeds' curves never rise, and each seed's saturation depth ℓ*
/// (null where a seed's curve has no drop).
/// </summary>
public sealed record ProfileFinding(string Model, string Measure, string Statistic, string Set, int Monotonic, int Seeds, IReadOnlyList<int?> SaturationDepths)
{
    /// <summary>The measure and statistic together, the key these are found by.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public MeasureKey Key => new(Measure, Statistic);

    /// <summary>The median of the seeds' saturation depths, null when any seed has none.</summary>
    public double? MedianSaturation => SaturationDepths.Any(d => d is null) || SaturationDepths.Count == 0 ? null : Median([.. SaturationDepths.Select(d => (double)d!.Value)]);

    internal static double Median(double[] v)
    {
        Array.Sort(v);
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }
}

/// <summary>
/// The sweep's answer to "how many FC layers": the depth where test accuracy stops improving by more than the
/// tolerance, the depth where the deepest networks' pooled pattern entropy saturates (their median ℓ*), the depth
/// recommended and the sentence that cites the evidence.
/// </summary>
public sealed record SweepRecommendation(int? Depth, int? AccuracyDepth, double? EntropyDepth, string Text);

/// <summary>The model kinds an experiment shows side by side.</summary>
public static class ModelKinds
{
    public const string Trained = "trained";
    public const string Reinit = ControlKinds.Reinit;
    public const string ShuffledLabels = ControlKinds.ShuffledLabels;
}
