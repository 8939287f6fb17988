using LayerEntropy.Analysis;
using static LayerEntropy.Analysis.MeasureNames;

namespace LayerEntropy.Tests.Analysis;

/// <summary>The summary's clause per control, for hand-made pairs of findings whose verdict is plain by eye.</summary>
public sealed class ControlVerdictTests
{
    private static readonly string[] Taps = ["fc1_act", "fc2_act", "fc3_act"];

    /// <summary>The pooled mean pattern finding of values that are given, with its trend worked out by hand.</summary>
    private static DepthFinding Pooled(double[] values, int? firstBreak, int? saturation) =>
        new(Pattern, Mean, InputSet.PooledName, [.. values.Select(v => (double?)v)], firstBreak is null, firstBreak, null, saturation);

    private static ControlProfile Control(string kind, DepthFinding pooled) =>
        new(kind, "a control", "controls/x/model.onnx", "controls/x", 0.1,
            [new DepthFinding(Codeword, Normalized, InputSet.PooledName, [1.0, 1.0, 1.0], true, null, null, null), pooled]);

    // The model: 0.9, 0.7, 0.5 bits per unit, never rising; the last layer still drops 0.2 (ℓ* = 3).
    private static readonly DepthFinding Model = Pooled([0.9, 0.7, 0.5], null, 3);

    [Fact]
    public void AProfileFarFromTheControlDiffers()
    {
        // Control: 0.6, 0.5, 0.49 (its ℓ* given as 3). Gaps 0.3, 0.2, 0.01 → only the first two exceed 0.02; the
        // widest is +0.3 at fc1.
        var control = Control("reinit", Pooled([0.6, 0.5, 0.49], null, 3));
        Assert.Equal("the reinit control's pooled pattern entropy also never rises and does not level off before the last layer (ℓ* = 3 of 3 FC layers); "
            + "the model's profile differs from it at 2 of 3 layers (up to 0.30 bits per unit higher, at fc1_act)",
            ControlVerdict.Clause([Model], Taps, EntropyUnit.Bits, control));
    }

    [Fact]
    public void AProfileCloseToTheControlDoesNotDiffer()
    {
        // Gaps −0.01, +0.015, −0.019: none beyond 0.02 bits; the widest is 0.019 (model lower) at fc3.
        var control = Control("shuffled-labels", Pooled([0.91, 0.685, 0.519], null, 3));
        Assert.Equal("the shuffled-labels control's pooled pattern entropy also never rises and does not level off before the last layer (ℓ* = 3 of 3 FC layers); "
            + "the model's profile does not differ from it (no layer more than 0.02 bits per unit apart; at most 0.019, at fc3_act)",
            ControlVerdict.Clause([Model], Taps, EntropyUnit.Bits, control));
    }

    [Fact]
    public void TheMarginIsConvertedToNats()
    {
        // 0.02 bits = 0.01386 nats: a gap of 0.015 nats differs, though 0.015 bits would not.
        var control = Control("reinit", Pooled([0.9, 0.7, 0.515], null, 3));
        Assert.EndsWith("differs from it at 1 of 3 layers (up to 0.02 nats per unit lower, at fc3_act)", ControlVerdict.Clause([Model], Taps, EntropyUnit.Nats, control));
        Assert.Contains("does not differ from it (no layer more than 0.02 bits per unit apart; at most 0.015, at fc3_act)", ControlVerdict.Clause([Model], Taps, EntropyUnit.Bits, control));
    }

    [Fact]
    public void AControlThatRisesOrNeverDropsIsSaidSo()
    {
        var rises = Control("reinit", Pooled([0.5, 0.6, 0.55], 2, null));
        Assert.StartsWith("the reinit control's pooled pattern entropy rises at fc2_act and shows no drop from the first to the last layer; the model's profile differs from it at 3 of 3 layers",
            ControlVerdict.Clause([Model], Taps, EntropyUnit.Bits, rises));
        var rising = Pooled([0.5, 0.6, 0.7], 2, null);
        Assert.StartsWith("the reinit control's pooled pattern entropy never rises and does not level off",
            ControlVerdict.Clause([rising], Taps, EntropyUnit.Bits, Control("reinit", Model)));
    }

    [Fact]
    public void TheSummaryGainsOneClausePerControl()
    {
        var manifest = new RunManifest("layerentropy", "0", DateTimeOffset.UnixEpoch, null, null, null, new Dictionary<string, string>(), "test", Taps, new AnalysisOptions(), null, 3);
        var taps = Taps.Select((t, i) => new TapResult(t, i + 1, 4, t, [])).ToArray();
        var result = new AnalysisResult(1, manifest, [], taps, [Model], "pattern entropy falls", []);
        var near = Control("shuffled-labels", Pooled([0.9, 0.7, 0.5], null, 3));
        var far = Control("reinit", Pooled([0.3, 0.2, 0.1], null, 2));
        string summary = ControlVerdict.Summary(result, [far, near]);
        Assert.StartsWith("pattern entropy falls; the reinit control's pooled pattern entropy also never rises and levels off after fc2_act (ℓ* = 2 of 3 FC layers); the model's profile differs from it at 3 of 3 layers (up to 0.60 bits per unit higher, at fc1_act); the shuffled-labels control's", summary);
        Assert.EndsWith("the model's profile does not differ from it (no layer more than 0.02 bits per unit apart; at most 0.000, at fc1_act)", summary);
        Assert.Equal("pattern entropy falls", ControlVerdict.Summary(result, []));
    }

    [Fact]
    public void WithoutDepthFindingsThereIsNothingToCompare()
    {
        var control = Control("reinit", new DepthFinding(Pattern, Mean, InputSet.PooledName, [0.5], null, null, null, null));
        Assert.Equal("the reinit control has no depth findings to compare with", ControlVerdict.Clause([Model], Taps, EntropyUnit.Bits, control));
    }
}
