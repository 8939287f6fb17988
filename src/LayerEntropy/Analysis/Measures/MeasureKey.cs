namespace LayerEntropy.Analysis;

/// <summary>
/// A measure of MEASURES.md and one of its statistics, the key every result number is found by: ("pattern", "mean"),
/// ("codeword", "normalized"), ... The names are those of <see cref="MeasureNames"/>, as JSON and CSV write them.
/// </summary>
public readonly record struct MeasureKey(string Measure, string Statistic)
{
    public static readonly MeasureKey PatternMean = new(MeasureNames.Pattern, MeasureNames.Mean);
    public static readonly MeasureKey CodewordNormalized = new(MeasureNames.Codeword, MeasureNames.Normalized);
    public static readonly MeasureKey MagnitudeNormalized = new(MeasureNames.Magnitude, MeasureNames.Normalized);
    public static readonly MeasureKey BinnedNormalized = new(MeasureNames.Binned, MeasureNames.Normalized);
    public static readonly MeasureKey LabelInformationMean = new(MeasureNames.LabelInformation, MeasureNames.Mean);

    /// <summary>"measure statistic", as tables and messages name it.</summary>
    public override string ToString() => $"{Measure} {Statistic}";
}
