namespace LayerEntropy.Analysis;

/// <summary>
/// What the bootstrap reports for one value: its 95% interval, or no interval and the reason (<see cref="Note"/>)
/// where an interval would mislead (MEASURES.md, uncertainty).
/// </summary>
internal readonly record struct BootstrapInterval(double? Low, double? High, string? Note)
{
    /// <summary>Codeword or binned entropy within 1% of log M: almost every input is its own codeword, and resamples can only lose them.</summary>
    public const string SaturatedNote = "saturated (M too small)";

    /// <summary>The resamples' bias exceeds their spread, so that even the bias-corrected interval misses the estimate.</summary>
    public const string BiasedNote = "biased (M too small)";

    public static BootstrapInterval Saturated => new(null, null, SaturatedNote);

    public static BootstrapInterval Biased => new(null, null, BiasedNote);
}
