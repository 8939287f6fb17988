using System.Globalization;
using LayerEntropy.Analysis;
using static LayerEntropy.Analysis.MeasureNames;

namespace LayerEntropy.Experiments;

/// <summary>Sums up the models of a sweep per depth, and weighs accuracy against entropy for the recommendation.</summary>
internal static class SweepSummary
{
    public static SweepResult Build(SweepSettings s, IReadOnlyList<(SweepCell Cell, AnalysisResult Analysis)> models)
    {
        var depths = s.Depths.Select(d => Depth(d, [.. models.Where(m => m.Cell.Depth == d).OrderBy(m => m.Cell.Seed)])).ToArray();
        var classes = models[0].Analysis.Sets.Where(x => !x.IsPooled).Select(x => x.Name).ToArray();
        return new SweepResult(SweepResult.CurrentSchemaVersion, "layerentropy", Analyzer.ToolVersion, s, classes, depths,
            Recommend(s, depths));
    }

    private static DepthResult Depth(int depth, IReadOnlyList<(SweepCell Cell, AnalysisResult Analysis)> seeds)
    {
        var first = seeds[0];
        var kinds = new List<(string Model, Func<AnalysisResult, IReadOnlyList<DepthFinding>?> Findings)> { (ModelKinds.Trained, r => r.Findings) };
        foreach (var control in first.Analysis.Controls ?? [])
            kinds.Add((control.Kind, r => r.Controls?.FirstOrDefault(c => c.Kind == control.Kind)?.Findings));
        var curves = new List<ProfileCurve>();
        var findings = new List<ProfileFinding>();
        foreach (var (model, of) in kinds)
            foreach (var f in of(first.Analysis) ?? [])
            {
                var all = seeds.Select(x => of(x.Analysis)?.FirstOrDefault(g => g.Key == f.Key && g.Set == f.Set)).ToArray();
                if (all.Any(g => g is null)) continue;
                var layers = Enumerable.Range(0, f.Values.Count).Select(i => all.Any(g => g!.Values[i] is null) ? null : Spread.Of([.. all.Select(g => g!.Values[i]!.Value)])).ToArray();
                curves.Add(new ProfileCurve(model, f.Measure, f.Statistic, f.Set, layers));
                findings.Add(new ProfileFinding(model, f.Measure, f.Statistic, f.Set, all.Count(g => g!.Monotonic == true), all.Length, [.. all.Select(g => g!.SaturationDepth)]));
            }
        var shuffled = seeds.Select(x => x.Cell.ShuffledLabelsAccuracy).ToArray();
        return new DepthResult(depth, first.Cell.Spec, first.Cell.Parameters, [.. seeds.Select(x => x.Cell.Seed)],
            Spread.Of([.. seeds.Select(x => x.Cell.TestAccuracy)]), shuffled.All(a => a is not null) ? Spread.Of([.. shuffled.Select(a => a!.Value)]) : null,
            first.Analysis.Manifest.Taps, curves, findings)
        {
            ShuffledLabelsFits = seeds.All(x => x.Cell.ShuffledLabelsFit is not null) && seeds.Count > 0 ? [.. seeds.Select(x => x.Cell.ShuffledLabelsFit!)] : null,
        };
    }

    /// <summary>
    /// Accuracy's depth: the shallowest whose mean test accuracy is within the tolerance of the best depth's. Entropy's
    /// depth: the median saturation depth ℓ* of the deepest networks' pattern entropy per class (the paper's input set,
    /// one class at a time), over every seed and class whose curve drops. The recommendation is accuracy's depth, the
    /// one labels vouch for; the sentence says where entropy's depth lies against it, and where it lies at initialisation.
    /// </summary>
    internal static SweepRecommendation Recommend(SweepSettings s, IReadOnlyList<DepthResult> depths)
    {
        double best = depths.Max(d => d.Accuracy.Mean);
        var bestDepth = depths.First(d => d.Accuracy.Mean == best);
        var enough = depths.First(d => d.Accuracy.Mean >= best - s.AccuracyTolerance / 100);
        var deepest = depths[^1];
        var (entropyDepth, drops, curves) = deepest.ClassSaturation(ModelKinds.Trained);
        var (atInit, _, _) = deepest.ClassSaturation(ModelKinds.Reinit);

        string Pct(double a) => (100 * a).ToString("0.00", CultureInfo.InvariantCulture) + "%";
        string Layers(double n, string what = "FC layer") => $"{N(n)} {what}{(n == 1 ? "" : "s")}";
        string tol = s.AccuracyTolerance.ToString("0.###", CultureInfo.InvariantCulture);
        string accuracy = enough.Depth == depths[^1].Depth && depths.Count > 1
            ? $"accuracy still rises at the deepest head ({Pct(enough.Accuracy.Mean)} at {enough.Depth}), so deeper heads might gain more"
            : depths.Count == 1 ? $"test accuracy {Pct(enough.Accuracy.Mean)}"
            : enough == bestDepth ? $"deeper heads gain no test accuracy ({Pct(best)} at {enough.Depth} is the best)"
            : $"deeper heads gain < {tol} points of test accuracy ({Pct(enough.Accuracy.Mean)} at {enough.Depth}, best {Pct(best)} at {bestDepth.Depth})";
        string entropy;
        if (entropyDepth is not double e)
            entropy = deepest.Depth < 2 ? "entropy needs networks of at least 2 FC layers to show a saturation depth"
                : $"the {deepest.Depth}-layer networks' pattern entropy per class drops from the first FC layer to the last in only {drops} of {curves} seeds × classes, so entropy names no depth";
        else
        {
            string agree = e == enough.Depth ? "the two agree"
                : e > enough.Depth ? $"entropy points {Layers(e - enough.Depth, "layer")} deeper than accuracy needs"
                : $"entropy points {Layers(enough.Depth - e, "layer")} shallower than accuracy needs";
            string delta = (100 * s.Analysis.Delta).ToString("0.#", CultureInfo.InvariantCulture);
            string reinit = atInit is double c ? $"; at initialisation, {N(c)}" : "";
            entropy = $"the {deepest.Depth}-layer networks' pattern entropy per class saturates at layer {N(e)} (median ℓ* of the {drops} seeds × classes whose curve drops: later layers each add < {delta}% of the drop{reinit}); {agree}";
        }
        string text = $"Recommendation: {Layers(enough.Depth)}; {accuracy}; {entropy}.";
        return new SweepRecommendation(enough.Depth, enough.Depth, entropyDepth, text);
    }

    private static string N(double x) => x.ToString("0.#", CultureInfo.InvariantCulture);
}
