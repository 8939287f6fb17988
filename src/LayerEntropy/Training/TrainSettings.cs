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

    /// <summary>
    /// Keep training past <see cref="Epochs"/>, an epoch at a time, until the model classifies this share of its training
    /// images as their training labels say (checked after each epoch, in inference mode), or <see cref="FitMaxEpochs"/>
    /// epochs are done; null trains <see cref="Epochs"/> exactly. The shuffled-labels twin uses it: it is the control
    /// it is named only once it has memorised its labels.
    /// </summary>
    public double? FitTrainAccuracy { get; init; }

    /// <summary>The most epochs a run with <see cref="FitTrainAccuracy"/> trains.</summary>
    public int FitMaxEpochs { get; init; } = DefaultFitMaxEpochs;

    /// <summary>The training accuracy the shuffled-labels twin trains to.</summary>
    public const double TwinFitAccuracy = 0.9;

    /// <summary>The epoch cap of <see cref="FitMaxEpochs"/> unless one is given.</summary>
    public const int DefaultFitMaxEpochs = 100;
}
