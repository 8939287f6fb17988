namespace LayerEntropy.Analysis;

/// <summary>
/// Everything one analysis found: the input sets, every measure per tap and set (with bootstrap intervals), the
/// per-unit firing statistics, the depth findings and the run manifest. This is what analysis.json holds
/// (docs/FORMATS.md); reports are drawn from it alone.
/// </summary>
public sealed record AnalysisResult(
    int SchemaVersion,
    RunManifest Manifest,
    IReadOnlyList<InputSet> Sets,
    IReadOnlyList<TapResult> Taps,
    IReadOnlyList<DepthFinding> Findings,
    string Summary,
    IReadOnlyList<string> Warnings)
{
    /// <summary>
    /// 2: per-unit arrays of big taps may be .npy files the JSON refers to. Files without such references are still
    /// written as version 1, which they are; a result read from either is marked with this version.
    /// </summary>
    public const int CurrentSchemaVersion = 2;

    /// <summary>The first inputs of each class with every tap's activations (the activation maps' rows); null when none were kept.</summary>
    public ActivationSamples? Samples { get; init; }

    /// <summary>The controls analysed beside the model (analyze --control), in the order asked; absent when none.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ControlProfile>? Controls { get; init; }

    /// <summary>The model's accuracy on the analysed inputs, whether or not the manifest records it (for display).</summary>
    internal ModelAccuracy? Observed { get; init; }

    /// <summary>What the summary calls the taps ("FC layers", or "tapped layers"), for the controls' clauses.</summary>
    internal string LayerNoun { get; init; } = AnalysisState.FcLayers;

    /// <summary>The value of one measure statistic at one tap and set, or null when absent.</summary>
    public MeasureValue? Find(string tap, string set, string measure, string statistic) =>
        Taps.FirstOrDefault(t => t.Name == tap)?.Sets.FirstOrDefault(s => s.Set == set)?.Values
            .FirstOrDefault(v => v.Key == new MeasureKey(measure, statistic));
}

/// <summary>An input set: one class (<see cref="Label"/> set) or the pooled set of all classes (<see cref="Label"/> null).</summary>
public sealed record InputSet(string Name, int? Label, long Count)
{
    public const string PooledName = "pooled";
    public bool IsPooled => Label is null;
}

/// <summary>One tapped output: its name, depth (1 = first tap), width N and every set's measures.</summary>
public sealed record TapResult(string Name, int Depth, int Units, string Layer, IReadOnlyList<TapSetResult> Sets)
{
    /// <summary>The tapped value's name in an imported ONNX graph (e.g. /classifier/classifier.1/Relu_output_0); absent otherwise.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? OnnxValue { get; init; }
}

/// <summary>The measures of one tap on one input set, and its per-unit statistics (null for an empty set).</summary>
public sealed record TapSetResult(string Set, long Count, IReadOnlyList<MeasureValue> Values, UnitStatistics? Units);

/// <summary>
/// One number: <see cref="Measure"/> is a name from MEASURES.md (pattern, codeword, magnitude, binned,
/// label-information, census) and <see cref="Statistic"/> which of its reported forms (mean, sum, raw, normalized,
/// miller-madow, chao-shen, zero-inputs, dead, always-on). Value is null where it is undefined (an empty set); the interval
/// is null without a bootstrap, and where the bootstrap gives none for a reason, <see cref="CiNote"/> says which.
/// </summary>
public sealed record MeasureValue(string Measure, string Statistic, double? Value, double? CiLow = null, double? CiHigh = null)
{
    /// <summary>The measure and statistic together, the key this number is found by.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public MeasureKey Key => new(Measure, Statistic);

    /// <summary>
    /// Why a bootstrapped value has no interval (MEASURES.md, uncertainty): "saturated (M too small)" or "biased (M too
    /// small)"; absent where it has one, or without a bootstrap.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? CiNote { get; init; }
}

/// <summary>
/// Per unit of a tap on one set: firing probability p_i, entropy h_i, (pooled set only) label information I_i and
/// the mean activation (to 1.5·10⁻⁵; null in files written before it was recorded).
/// </summary>
public sealed record UnitStatistics(IReadOnlyList<double> FiringProbability, IReadOnlyList<double> Entropy, IReadOnlyList<double>? LabelInformation)
{
    public IReadOnlyList<double>? MeanActivation { get; init; }
}

/// <summary>
/// How one measure statistic behaves with depth over the hidden FC taps for one set (MEASURES.md, depth findings):
/// the values in depth order, whether they never rise, the first depth that rises (1-based, null when monotonic),
/// Spearman's ρ between depth and value, and the saturation depth ℓ* (null when there is no drop).
/// </summary>
public sealed record DepthFinding(
    string Measure,
    string Statistic,
    string Set,
    IReadOnlyList<double?> Values,
    bool? Monotonic,
    int? FirstBreak,
    double? Spearman,
    int? SaturationDepth)
{
    /// <summary>The measure and statistic together, the key these values are found by.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public MeasureKey Key => new(Measure, Statistic);
}

/// <summary>What was analysed, how, and with what: enough to repeat the run.</summary>
public sealed record RunManifest(
    string Tool,
    string ToolVersion,
    DateTimeOffset Date,
    string? Model,
    string? ModelSha256,
    string? Dataset,
    IReadOnlyDictionary<string, string> DatasetFiles,
    string Split,
    IReadOnlyList<string> Taps,
    AnalysisOptions Options,
    string? Shard,
    long Inputs)
{
    /// <summary>
    /// How inputs from the user's own files were prepared for the model: the preprocessing applied and any change of
    /// layout or shape (e.g. a flatten to the model's flat input). Absent for the built-in datasets.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Input { get; init; }

    /// <summary>
    /// The model's accuracy on the analysed inputs, where it gives one score per class. Absent for a model
    /// `layerentropy train` wrote analysed on a built-in dataset (its file records its test accuracy) and for
    /// recorded activations.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public ModelAccuracy? Accuracy { get; init; }

    /// <summary>The bins <c>--bins auto</c> chose for each tap; absent with equal-width bins (options.bins says how many).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public BinChoice? Binning { get; init; }
}

/// <summary>
/// The binned measure's data-chosen bins: the rule (equal-mass per tap, B per unit the largest with B^N ≤ M within
/// [2, options.bins]) and, per tap, B and the pooled set's B − 1 edges (each class's set has its own, by the same rule).
/// </summary>
public sealed record BinChoice(string Rule, IReadOnlyList<TapBins> Taps);

/// <summary>One tap's bins under <see cref="BinChoice"/>: B per unit and the pooled set's ascending edges.</summary>
public sealed record TapBins(string Tap, int Bins, IReadOnlyList<float> Edges);
