using LayerEntropy.Analysis;

namespace LayerEntropy.Experiments;

/// <summary>
/// Saved analyses lined up by one measure statistic on one set (comparison.json, docs/FORMATS.md): each run's curve
/// over its taps, its score and rank, its test accuracy where known, and how well the scores (and each depth's
/// values) follow the accuracies.
/// </summary>
/// <param name="Units">The entropy unit of the runs' values (they must agree where the statistic has one).</param>
/// <param name="Runs">The runs in the order the analyses were given.</param>
/// <param name="Ranking">The runs' labels from rank 1 (lowest score) up; ties keep the order given.</param>
/// <param name="ScoreVsAccuracy">Spearman's ρ between score and test accuracy over the runs that have both.</param>
/// <param name="TapsVsAccuracy">The same for the value at each depth, over the runs with a tap at that depth.</param>
public sealed record ComparisonResult(
    int SchemaVersion,
    string Tool,
    string ToolVersion,
    string Measure,
    string Statistic,
    string Set,
    ScoreKind Score,
    EntropyUnit Units,
    IReadOnlyList<ComparedRun> Runs,
    IReadOnlyList<string> Ranking,
    AccuracyCorrelation ScoreVsAccuracy,
    IReadOnlyList<TapCorrelation> TapsVsAccuracy,
    string Summary,
    IReadOnlyList<string> Warnings)
{
    public const int CurrentSchemaVersion = 1;
}

/// <summary>
/// One analysis in a comparison: its label (the folder name, made unique), the file, what it analysed, the curve of
/// the statistic over its taps in depth order, whether the curve never rises, its saturation depth ℓ*, the score,
/// the rank (1 = lowest score, the most stable activation patterns; tied scores share the better rank) and its test
/// accuracy with where that came from ("model" or "given"; null when unknown).
/// </summary>
public sealed record ComparedRun(
    string Label,
    string Path,
    string? Model,
    string? Dataset,
    IReadOnlyList<string> Taps,
    IReadOnlyList<double> Curve,
    bool Monotonic,
    int? SaturationDepth,
    double Score,
    int Rank,
    double? TestAccuracy,
    string? AccuracySource);

/// <summary>Spearman's ρ between a run's number and its test accuracy over <see cref="Runs"/> runs; null with fewer than 3 or constant values.</summary>
public sealed record AccuracyCorrelation(int Runs, double? Spearman);

/// <summary>
/// Spearman's ρ between the value at depth <see cref="Depth"/> (1 = first tap) and test accuracy; <see cref="Tap"/>
/// names the tap when every run with that depth calls it the same.
/// </summary>
public sealed record TapCorrelation(int Depth, string? Tap, int Runs, double? Spearman);
