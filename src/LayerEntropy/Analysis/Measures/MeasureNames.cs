namespace LayerEntropy.Analysis;

/// <summary>The names of MEASURES.md as they appear on the command line, in JSON and in CSV.</summary>
public static class MeasureNames
{
    public const string Pattern = "pattern";
    public const string Codeword = "codeword";
    public const string Magnitude = "magnitude";
    public const string Binned = "binned";
    public const string LabelInformation = "label-information";
    public const string Census = "census";

    public const string Mean = "mean";
    public const string Sum = "sum";
    public const string Raw = "raw";
    public const string Normalized = "normalized";
    public const string MillerMadow = "miller-madow";
    public const string ChaoShen = "chao-shen";
    public const string ZeroInputs = "zero-inputs";
    public const string Dead = "dead";
    public const string AlwaysOn = "always-on";

    /// <summary>The statistic each measure is judged by across depth (its headline number).</summary>
    public static readonly IReadOnlyList<MeasureKey> Headline =
    [
        MeasureKey.PatternMean, MeasureKey.CodewordNormalized, MeasureKey.MagnitudeNormalized, MeasureKey.BinnedNormalized, MeasureKey.LabelInformationMean,
    ];
}
