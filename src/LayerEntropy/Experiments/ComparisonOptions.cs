using LayerEntropy.Analysis;

namespace LayerEntropy.Experiments;

/// <summary>What a run's score is: its value at the last tap, or its mean over the taps.</summary>
public enum ScoreKind { Last, Mean }

/// <summary>Where the runs' test accuracies come from.</summary>
public enum AccuracySource
{
    /// <summary>The test_accuracy that layerentropy train records in the model file named by the analysis.</summary>
    Model,

    /// <summary><see cref="ComparisonOptions.Accuracies"/>, one per analysis in the order given.</summary>
    Given,

    /// <summary>No accuracies: the runs are ranked by their entropy profiles alone.</summary>
    None,
}

/// <summary>What `layerentropy compare` lines up and how it ranks the runs.</summary>
public sealed record ComparisonOptions
{
    /// <summary>A measure name of MEASURES.md (<see cref="MeasureNames"/>).</summary>
    public string Measure { get; init; } = MeasureNames.Pattern;

    /// <summary>Which of the measure's statistics; null: its headline statistic (<see cref="MeasureNames.Headline"/>).</summary>
    public string? Statistic { get; init; }

    /// <summary>The input set: a class name or pooled.</summary>
    public string Set { get; init; } = InputSet.PooledName;

    public ScoreKind Score { get; init; } = ScoreKind.Last;

    public AccuracySource Accuracy { get; init; } = AccuracySource.Model;

    /// <summary>With <see cref="AccuracySource.Given"/>: each analysis's test accuracy as a fraction in [0, 1], in the order given.</summary>
    public IReadOnlyList<double>? Accuracies { get; init; }
}
