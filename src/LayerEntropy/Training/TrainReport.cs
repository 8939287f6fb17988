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
    double TestAccuracy);
