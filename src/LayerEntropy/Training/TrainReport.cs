namespace LayerEntropy.Training;

/// <summary>The outcome of a training run (what `layerentropy train --json` prints).</summary>
public sealed record TrainReport(
    string ModelPath,
    string StatePath,
    string Dataset,
    string Model,
    long Parameters,
    int Threads,
    int Seed,
    IReadOnlyList<EpochResult> Epochs,
    double TestLoss,
    double TestAccuracy)
{
    /// <summary>
    /// With <see cref="TrainSettings.FitTrainAccuracy"/>: the share of the training images the final model classifies as
    /// their training labels say (inference mode); null otherwise.
    /// </summary>
    public double? FitAccuracy { get; init; }
}
