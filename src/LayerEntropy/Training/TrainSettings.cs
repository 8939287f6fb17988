using LayerEntropy.Nn;

namespace LayerEntropy.Training;

/// <summary>Everything a training run needs; the defaults are the recipe of the README's MNIST MLP.</summary>
public sealed record TrainSettings
{
    public string Dataset { get; init; } = "mnist";
    public string Model { get; init; } = "mlp:512,256,128,64,32";
    public ActivationKind Activation { get; init; } = ActivationKind.ReLU;
    public InitScheme? Init { get; init; }
    public int Epochs { get; init; } = 5;
    public int BatchSize { get; init; } = 128;
    /// <summary>"adam" or "sgd".</summary>
    public string Optimizer { get; init; } = "adam";
    public float LearningRate { get; init; } = 1e-3f;
    public float Momentum { get; init; } = 0.9f;
    public float WeightDecay { get; init; }
    public int Seed { get; init; }
    /// <summary>Normalise pixels by the dataset's channel mean and std after scaling to [0, 1].</summary>
    public bool Normalize { get; init; }
    public string Output { get; init; } = "model.onnx";
    /// <summary>Continue the run saved at <see cref="Output"/> (model and optimiser state) up to <see cref="Epochs"/>.</summary>
    public bool Resume { get; init; }
    /// <summary>Use only the first N training images (quick runs); null for all.</summary>
    public int? TrainLimit { get; init; }
    public string? DataDir { get; init; }

    /// <summary>Train on the training labels dealt to the images in a seeded random order (the shuffled-labels control).</summary>
    public bool ShuffledLabels { get; init; }
}
