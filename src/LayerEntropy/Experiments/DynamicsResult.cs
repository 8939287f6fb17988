using LayerEntropy.Analysis;

namespace LayerEntropy.Experiments;

/// <summary>
/// What a dynamics run found (dynamics.json, docs/FORMATS.md): the network analysed at initialisation and at every
/// checkpoint, beside its accuracy, and per layer and measure Spearman's ρ between entropy and test accuracy.
/// </summary>
public sealed record DynamicsResult(
    int SchemaVersion,
    string Tool,
    string ToolVersion,
    DynamicsSettings Settings,
    IReadOnlyList<string> Classes,
    IReadOnlyList<string> Taps,
    IReadOnlyList<DynamicsRun> Runs,
    IReadOnlyList<DynamicsCorrelation> Correlations,
    string Summary)
{
    /// <summary>2: the settings hold the training's and the analysis's in objects of their own (1: flat, still read).</summary>
    public const int CurrentSchemaVersion = 2;
}

/// <summary>The checkpoints of one network: the trained one, or its shuffled-labels twin (<see cref="Model"/>).</summary>
public sealed record DynamicsRun(string Model, IReadOnlyList<DynamicsCheckpoint> Checkpoints);

/// <summary>
/// The network after <see cref="Step"/> optimiser steps (<see cref="Epoch"/> in epochs, 0 at initialisation): its
/// accuracy and loss on the first training images and on the test split, and the depth findings of its analysis on
/// the test split (every headline measure and set; their values are the curves over the hidden FC layers).
/// </summary>
public sealed record DynamicsCheckpoint(
    string Name,
    double Epoch,
    long Step,
    double TrainLoss,
    double TrainAccuracy,
    double TestLoss,
    double TestAccuracy,
    IReadOnlyList<DepthFinding> Findings);

/// <summary>Spearman's ρ over the checkpoints of one run between one layer's entropy (a measure on a set) and test accuracy.</summary>
public sealed record DynamicsCorrelation(string Model, string Tap, string Measure, string Statistic, string Set, double? Spearman)
{
    /// <summary>The measure and statistic together, the key these are found by.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public MeasureKey Key => new(Measure, Statistic);
}
