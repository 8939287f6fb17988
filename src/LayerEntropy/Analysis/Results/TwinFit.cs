namespace LayerEntropy.Analysis;

/// <summary>
/// How far the shuffled-labels twin got in memorising its labels: it trains past the model's epochs until it
/// classifies <see cref="Target"/> of its training images as their shuffled labels say, or until
/// <see cref="MaxEpochs"/>; a twin that stops short is a partly trained network, not a memorising one.
/// </summary>
/// <param name="TrainAccuracy">The share of its training images it finally classifies as their shuffled labels say.</param>
/// <param name="Epochs">The epochs it trained.</param>
/// <param name="Target">The share it trained towards.</param>
/// <param name="MaxEpochs">The epoch cap.</param>
public sealed record TwinFit(double TrainAccuracy, int Epochs, double Target, int MaxEpochs)
{
    /// <summary>Whether it fitted its labels (reached <see cref="Target"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Reached => TrainAccuracy >= Target;

    /// <summary>One clause for the control's description and the notes.</summary>
    public string Describe() => Reached
        ? string.Create(Invariant, $"it fitted its shuffled labels: {TrainAccuracy:P1} training accuracy after {Epochs} epoch{(Epochs == 1 ? "" : "s")}")
        : string.Create(Invariant, $"it did not fit its shuffled labels: {TrainAccuracy:P1} training accuracy at the cap of {MaxEpochs} epochs (target {Target:P0}), so it is a partly trained network rather than one that memorised its labels (a higher epoch cap trains it further)");

    private static System.Globalization.CultureInfo Invariant => System.Globalization.CultureInfo.InvariantCulture;
}
