namespace LayerEntropy.Training;

/// <summary>Everything a training run needs: the network, how it is trained, where it goes; the defaults are the recipe of the README's MNIST MLP.</summary>
public sealed record TrainSettings
{
    /// <summary>The network, as a spec (e.g. mlp:512,256 or cnn:c32,p,c64,p|128).</summary>
    public string Model { get; init; } = "mlp:512,256,128,64,32";

    /// <summary>The data, optimiser and schedule.</summary>
    public TrainingOptions Training { get; init; } = new();

    /// <summary>Seeds the initial weights, the batch order and dropout.</summary>
    public int Seed { get; init; }

    public string Output { get; init; } = "model.onnx";

    /// <summary>Continue the run saved at <see cref="Output"/> (model and optimiser state) up to the training's epochs.</summary>
    public bool Resume { get; init; }

    /// <summary>Train on the training labels dealt to the images in a seeded random order (the shuffled-labels control).</summary>
    public bool ShuffledLabels { get; init; }

    /// <summary>
    /// Keep training past the training's epochs, an epoch at a time, until the model classifies this share of its training
    /// images as their training labels say (checked after each epoch, in inference mode), or <see cref="FitMaxEpochs"/>
    /// epochs are done; null trains the epochs exactly. The shuffled-labels twin uses it: it is the control
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
