namespace LayerEntropy.Analysis;

/// <summary>Logarithm base of every reported entropy (MEASURES.md: bits unless asked otherwise).</summary>
public enum EntropyUnit { Bits, Nats }

/// <summary>Which split's images make the input sets.</summary>
public enum SplitChoice { Test, Train, All }

/// <summary>The settings of one analysis; every default is MEASURES.md's.</summary>
public sealed record AnalysisOptions
{
    /// <summary>A unit fires on x when a_i(x) &gt; τ (0 for ReLU; 0.5 is usual for sigmoid).</summary>
    public float Threshold { get; init; }

    public EntropyUnit Units { get; init; } = EntropyUnit.Bits;

    /// <summary>B, the number of equal-width bins of the <c>binned</c> measure; 0 leaves that measure out.</summary>
    public int Bins { get; init; } = 30;

    /// <summary>
    /// <c>--bins auto</c>: the binned measure's bins are equal-mass per tap (MEASURES.md, binned), as many per unit as
    /// B^N ≤ M allows, at least 2 and at most <see cref="Bins"/>.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool AutoBins { get; init; }

    /// <summary>
    /// The bins per unit of <c>--bins auto</c> for a tap of <paramref name="units"/> units and <paramref name="inputs"/>
    /// analysed inputs: the largest B with B^N ≤ M, so the binned vectors' cells do not outnumber the inputs, kept
    /// within [2, <see cref="Bins"/>].
    /// </summary>
    public int AutoBinsFor(int units, long inputs)
    {
        int b = (int)Math.Floor(Math.Pow(Math.Max(1, inputs), 1.0 / Math.Max(1, units)) + 1e-9);
        while (b > 2 && Math.Pow(b, units) > inputs) b--;
        return Math.Clamp(b, 2, Math.Max(2, Bins));
    }

    /// <summary>δ of the saturation depth: later steps must each drop less than δ·Δ.</summary>
    public double Delta { get; init; } = 0.1;

    /// <summary>Bootstrap resamples for the 95% intervals; 0 turns the intervals off.</summary>
    public int Bootstrap { get; init; } = 200;

    /// <summary>Seeds the bootstrap resamples.</summary>
    public int Seed { get; init; }

    /// <summary>Keep only the inputs the model classifies correctly.</summary>
    public bool CorrectOnly { get; init; }

    /// <summary>At most this many inputs of each class (the first ones in dataset order); null for all.</summary>
    public int? LimitPerClass { get; init; }

    /// <summary>
    /// K: the first K inputs of each class are kept with every tap's activations, for the activation maps; 0 keeps
    /// none.
    /// </summary>
    public int Samples { get; init; } = 5;

    /// <exception cref="LayerEntropyException">A setting out of its range.</exception>
    public void Validate()
    {
        if (!float.IsFinite(Threshold)) throw LayerEntropyException.ForSetting($"{Of(nameof(Threshold))} must be a finite number (got {Threshold})");
        if (AutoBins && Bins < 2) throw LayerEntropyException.ForSetting($"{Of(nameof(Bins))} auto needs at most B ≥ 2 bins (got {Bins})");
        if (Bins is < 0 or > 255) throw LayerEntropyException.ForSetting($"{Of(nameof(Bins))} must be between 1 and 255, or 0 to leave binned out (got {Bins})");
        if (!(Delta > 0 && Delta < 1)) throw LayerEntropyException.ForSetting($"{Of(nameof(Delta))} must be between 0 and 1 (got {Delta})");
        if (Bootstrap < 0) throw LayerEntropyException.ForSetting($"{Of(nameof(Bootstrap))} must be 0 or more (got {Bootstrap})");
        if (Samples is < 0 or > 100) throw LayerEntropyException.ForSetting($"{Of(nameof(Samples))} must be between 0 and 100 (got {Samples})");
        if (LimitPerClass is < 1) throw LayerEntropyException.ForSetting($"{Of(nameof(LimitPerClass))} must be at least 1 (got {LimitPerClass})");
    }

    private static SettingName Of(string property) => SettingName.Of<AnalysisOptions>(property);
}
