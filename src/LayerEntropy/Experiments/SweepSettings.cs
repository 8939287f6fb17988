using LayerEntropy.Nn;
using LayerEntropy.Training;

namespace LayerEntropy.Experiments;

/// <summary>What `layerentropy sweep` trains and analyses: one network per FC depth and seed, all else equal.</summary>
public sealed record SweepSettings
{
    public string Dataset { get; init; } = "mnist";

    /// <summary>Folder with the datasets (else $LAYERENTROPY_DATA, then the cache); not recorded, since it changes no number.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? DataDir { get; init; }

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

    public int Epochs { get; init; } = 5;

    /// <summary>Seeds 0..Seeds−1 per depth.</summary>
    public int Seeds { get; init; } = 3;

    public int BatchSize { get; init; } = 128;
    public string Optimizer { get; init; } = "adam";
    public float LearningRate { get; init; } = 1e-3f;
    public ActivationKind Activation { get; init; } = ActivationKind.ReLU;
    public InitScheme? Init { get; init; }
    public bool Normalize { get; init; }

    /// <summary>Train on the first N training images only; null for all.</summary>
    public int? TrainLimit { get; init; }

    /// <summary>Bootstrap resamples of each model's analysis (0: the spread over seeds is the uncertainty shown).</summary>
    public int Bootstrap { get; init; }

    /// <summary>δ of the saturation depth (MEASURES.md).</summary>
    public double Delta { get; init; } = 0.1;

    /// <summary>Accuracy, in percentage points, that a deeper head must add over a shallower one to count as an improvement.</summary>
    public double AccuracyTolerance { get; init; } = 0.1;

    /// <summary>Also train every network on shuffled labels (the shuffled-labels control); the reinit control is always there.</summary>
    public bool ShuffledLabels { get; init; }

    /// <summary>The shuffled-labels twin trains past <see cref="Epochs"/> until it fits its labels, or this many epochs are done.</summary>
    public int TwinMaxEpochs { get; init; } = TrainSettings.DefaultFitMaxEpochs;

    /// <summary>Write each model's report page and figures beside its analysis.</summary>
    public bool Reports { get; init; } = true;

    /// <summary>Inputs per forward batch of the analyses (results do not depend on it).</summary>
    public int AnalysisBatch { get; init; } = 500;
}
