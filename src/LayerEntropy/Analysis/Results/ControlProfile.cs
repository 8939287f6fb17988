namespace LayerEntropy.Analysis;

/// <summary>The controls an analysis can be shown beside.</summary>
public static class ControlKinds
{
    /// <summary>The same graph with its weights drawn afresh by the trainer's initialisation (seeded): what depth alone does.</summary>
    public const string Reinit = "reinit";

    /// <summary>A twin trained the same way on labels dealt to the images at random: what training without learning does.</summary>
    public const string ShuffledLabels = "shuffled-labels";

    public static IReadOnlyList<string> All { get; } = [Reinit, ShuffledLabels];
}

/// <summary>
/// A control's entropy profile, kept in the analysis it is the control of: what the control is, the model file
/// analysed, its test accuracy where known, and its depth findings (the curves of every headline measure and set
/// over the same hidden FC taps). Its full analysis lies in the folder named by <see cref="Analysis"/>.
/// </summary>
public sealed record ControlProfile(
    string Kind,
    string Description,
    string Model,
    string Analysis,
    double? TestAccuracy,
    IReadOnlyList<DepthFinding> Findings)
{
    /// <summary>The shuffled-labels twin's training: how far it got in fitting its labels; absent for other controls.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public TwinFit? Fit { get; init; }
}
