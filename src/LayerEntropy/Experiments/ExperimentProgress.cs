namespace LayerEntropy.Experiments;

/// <summary>
/// Where a whole experiment stands: the model at work ("depth 3, seed 1"), what it is doing ("epoch 2/5", "analysis",
/// "reused"), and the work done of the total, counted in epochs of training (an analysis counts as a fraction of one).
/// </summary>
public sealed record ExperimentProgress(string Model, string Stage, double Done, double Total);
