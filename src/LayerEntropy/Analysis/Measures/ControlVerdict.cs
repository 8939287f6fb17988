using System.Globalization;
using static LayerEntropy.Analysis.MeasureNames;

namespace LayerEntropy.Analysis;

/// <summary>
/// Says, per control, whether the model's entropy profile differs from the control's: how the control's pooled
/// pattern entropy behaves with depth, and at how many layers the two differ. The pooled set's mean pattern entropy
/// is the profile compared, as in the summary's own sentence.
/// </summary>
internal static class ControlVerdict
{
    /// <summary>
    /// The profiles differ at a layer when their pooled mean pattern entropies there are more than this many bits
    /// per unit apart (in nats, the same amount converted). A plain, fixed margin rather than bootstrap intervals,
    /// so that the verdict reads the same with or without --bootstrap and can be checked from the findings alone.
    /// </summary>
    public const double DifferenceBits = 0.02;

    /// <summary>The model's summary followed by one clause per control.</summary>
    public static string Summary(AnalysisResult model, IReadOnlyList<ControlProfile> controls) =>
        controls.Count == 0 ? model.Summary : $"{model.Summary}; {string.Join("; ", controls.Select(c => Clause(model.Findings, [.. model.Taps.Select(t => t.Name)], model.Manifest.Options.Units, c, model.LayerNoun)))}";

    /// <summary>
    /// One clause: e.g. "the reinit control's pooled pattern entropy also never rises and levels off after fc2_act
    /// (ℓ* = 2 of 5 FC layers); the model's profile differs from it at 4 of 5 layers (up to 0.31 bits per unit lower,
    /// at fc1_act)".
    /// </summary>
    /// <param name="model">The model's depth findings.</param>
    /// <param name="taps">The model's taps in depth order, for naming the layer that differs most.</param>
    public static string Clause(IReadOnlyList<DepthFinding> model, IReadOnlyList<string> taps, EntropyUnit unit, ControlProfile control, string noun = AnalysisState.FcLayers)
    {
        var mine = Pooled(model);
        var theirs = Pooled(control.Findings);
        string name = $"the {control.Kind} control";
        if (mine?.Monotonic is null || theirs?.Monotonic is null) return $"{name} has no depth findings to compare with";
        int layers = theirs.Values.Count;
        string Tap(int depth) => taps.Count == layers ? taps[depth - 1] : $"layer {depth}";
        string trend = theirs.Monotonic == true
            ? $"{name}'s pooled pattern entropy {(mine.Monotonic == true ? "also " : "")}never rises"
            : $"{name}'s pooled pattern entropy rises at {Tap(theirs.FirstBreak!.Value)}";
        string drop = theirs.SaturationDepth switch
        {
            null => "shows no drop from the first to the last layer",
            int star when star < layers => $"levels off after {Tap(star)} (ℓ* = {star} of {layers} {noun})",
            _ => $"does not level off before the last layer (ℓ* = {layers} of {layers} {noun})",
        };
        return $"{trend} and {drop}; {Difference(mine, theirs, taps, unit)}";
    }

    private static string Difference(DepthFinding mine, DepthFinding theirs, IReadOnlyList<string> taps, EntropyUnit unit)
    {
        int layers = mine.Values.Count;
        if (theirs.Values.Count != layers || taps.Count != layers) return "its layers do not match the model's, so the profiles are not compared";
        double margin = Entropy.In(unit, DifferenceBits);
        string units = unit == EntropyUnit.Nats ? "nats" : "bits";
        var gaps = Enumerable.Range(0, layers).Select(l => mine.Values[l]!.Value - theirs.Values[l]!.Value).ToArray();
        int widest = Enumerable.Range(0, layers).MaxBy(l => Math.Abs(gaps[l]));
        double gap = gaps[widest];
        int differ = gaps.Count(g => Math.Abs(g) > margin);
        string at = taps[widest];
        if (differ == 0)
            return string.Create(CultureInfo.InvariantCulture,
                $"the model's profile does not differ from it (no layer more than {margin:0.###} {units} per unit apart; at most {Math.Abs(gap):0.000}, at {at})");
        return string.Create(CultureInfo.InvariantCulture,
            $"the model's profile differs from it at {differ} of {layers} layers (up to {Math.Abs(gap):0.00} {units} per unit {(gap < 0 ? "lower" : "higher")}, at {at})");
    }

    private static DepthFinding? Pooled(IReadOnlyList<DepthFinding> findings) =>
        findings.FirstOrDefault(f => f.Key == MeasureKey.PatternMean && f.Set == InputSet.PooledName);
}
