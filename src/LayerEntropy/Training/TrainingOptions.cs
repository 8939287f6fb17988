using System.Text.Json.Serialization;
using LayerEntropy.Nn;

namespace LayerEntropy.Training;

/// <summary>
/// How a network is trained, whatever it is and wherever it goes: the data, the nonlinearity and initialisation, the
/// optimiser and the schedule. `train`, the depth sweep and the training dynamics share it; the defaults are the recipe
/// of the README's MNIST MLP.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>A catalogued dataset: mnist, fashion-mnist or cifar10.</summary>
    public string Dataset { get; init; } = "mnist";

    /// <summary>Folder with the datasets (else $LAYERENTROPY_DATA, then the cache); not recorded, since it changes no number.</summary>
    [JsonIgnore]
    public string? DataDir { get; init; }

    public ActivationKind Activation { get; init; } = ActivationKind.ReLU;

    /// <summary>The weight initialisation; null takes the spec's default (uniform).</summary>
    public InitScheme? Init { get; init; }

    public int Epochs { get; init; } = 5;
    public int BatchSize { get; init; } = 128;
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;
    public float LearningRate { get; init; } = 1e-3f;

    /// <summary>SGD's momentum (Adam has none).</summary>
    public float Momentum { get; init; } = 0.9f;

    public float WeightDecay { get; init; }

    /// <summary>Normalise pixels by the dataset's channel mean and std after scaling to [0, 1].</summary>
    public bool Normalize { get; init; }

    /// <summary>Use only the first N training images (quick runs); null for all.</summary>
    public int? TrainLimit { get; init; }

    /// <exception cref="LayerEntropyException">A setting out of its range.</exception>
    public void Validate()
    {
        if (Epochs < 1) throw LayerEntropyException.ForSetting($"{Of(nameof(Epochs))} must be at least 1 (got {Epochs})");
        if (BatchSize < 1) throw LayerEntropyException.ForSetting($"{Of(nameof(BatchSize))} must be at least 1 (got {BatchSize})");
        if (!(LearningRate > 0)) throw LayerEntropyException.ForSetting($"{Of(nameof(LearningRate))} must be positive (got {LearningRate})");
        if (TrainLimit is < 1) throw LayerEntropyException.ForSetting($"{Of(nameof(TrainLimit))} must be at least 1 (got {TrainLimit})");
    }

    private static SettingName Of(string property) => SettingName.Of<TrainingOptions>(property);
}
