namespace LayerEntropy.Analysis;

/// <summary>How many of the analysed inputs the model classified correctly (the top score at the true label).</summary>
public sealed record ModelAccuracy(long Correct, long Inputs)
{
    /// <summary>Correct / Inputs.</summary>
    public double Value => Inputs == 0 ? double.NaN : (double)Correct / Inputs;

    /// <summary>The accuracy of <paramref name="scored"/>, or null when no input was scored.</summary>
    internal static ModelAccuracy? Of((long Inputs, long Correct) scored) => scored.Inputs == 0 ? null : new(scored.Correct, scored.Inputs);
}
