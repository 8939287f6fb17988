using LayerEntropy.Analysis;
using LayerEntropy.Training;

namespace LayerEntropy.Experiments;

/// <summary>What `layerentropy sweep` trains and analyses: one network per FC depth and seed, all else equal.</summary>
public sealed record SweepSettings
{
    /// <summary>How every network is trained (dataset, optimiser, epochs …).</summary>
    public TrainingOptions Training { get; init; } = new();

    /// <summary>How every network is analysed; the sweep's default draws no bootstrap (the spread over seeds is the uncertainty shown).</summary>
    public AnalysisOptions Analysis { get; init; } = new() { Bootstrap = 0 };

    /// <summary>
    /// The part of the network that stays: "mlp" (the FC layers sit on the pixels) or a cnn spec ending in '|', whose
    /// conv blocks come before the varied FC head (e.g. "cnn:c32,p,c64,p|").
    /// </summary>
    public string Base { get; init; } = "mlp";

    /// <summary>The numbers of hidden FC layers to train, e.g. 1..6.</summary>
    public IReadOnlyList<int> Depths { get; init; } = [1, 2, 3, 4, 5, 6];

    /// <summary>Units of every hidden FC layer, or of the first one with <see cref="Taper"/>.</summary>
    public int Width { get; init; } = 256;

    /// <summary>Halve the width at every further layer (never below 16), as the paper's MLP does.</summary>
    public bool Taper { get; init; }

    /// <summary>Seeds 0..Seeds−1 per depth.</summary>
    public int Seeds { get; init; } = 3;

    /// <summary>Accuracy, in percentage points, that a deeper head must add over a shallower one to count as an improvement.</summary>
    public double AccuracyTolerance { get; init; } = 0.1;

    /// <summary>Also train every network on shuffled labels (the shuffled-labels control); the reinit control is always there.</summary>
    public bool ShuffledLabels { get; init; }

    /// <summary>The shuffled-labels twin trains past the training's epochs until it fits its labels, or this many epochs are done.</summary>
    public int TwinMaxEpochs { get; init; } = TrainSettings.DefaultFitMaxEpochs;

    /// <summary>Write each model's report page and figures beside its analysis.</summary>
    public bool Reports { get; init; } = true;

    /// <summary>Inputs per forward batch of the analyses (results do not depend on it).</summary>
    public int AnalysisBatch { get; init; } = 500;
}
