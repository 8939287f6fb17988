using System.Globalization;
using System.Text;
using LayerEntropy.Analysis;
using LayerEntropy.Nn;
using LayerEntropy.Reports;
using LayerEntropy.Training;
using static LayerEntropy.Analysis.MeasureNames;
using static LayerEntropy.Reports.PageParts;
using static LayerEntropy.Reports.ReportPage;

namespace LayerEntropy.Experiments;

/// <summary>
/// The page of a depth sweep: the recommendation first, a row per FC depth (accuracy, pooled pattern entropy per layer,
/// how the curves behave), the figures, the deepest head class by class beside its reinit control, links to every
/// network's own report, and the settings last. Self-contained like the report page, and drawn from sweep.json alone.
/// </summary>
public static class SweepPage
{
    public static string Html(SweepResult r, IReadOnlyList<Figure> figures)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(figures);
        var s = r.Settings;
        var depths = SweepFigures.Ordered(r);
        var html = new StringBuilder();
        string span = depths.Length == 0 ? "no depths" : $"FC depths {string.Join(", ", depths.Select(d => d.Depth.ToString(CultureInfo.InvariantCulture)))}";
        Open(html, $"FC depth sweep: {s.Training.Dataset}, base {s.Base}, {span}",
            $"{s.Width} units per layer{(s.Taper ? ", halved at every further layer" : "")} · {SweepFigures.Count(s.Training.Epochs, "epoch")} · {SweepFigures.Count(s.Seeds, "seed")} per depth · "
            + $"{Optimiser(s.Training)}, batch {s.Training.BatchSize} · {r.Tool} {r.ToolVersion}",
            r.Recommendation.Text);
        html.Append("<nav><strong>Contents</strong> <a href=\"#depths\">depths</a> · <a href=\"#figures\">figures</a>");
        if (depths.Length > 0) html.Append(" · <a href=\"#classes\">classes</a>");
        html.Append(" · <a href=\"#models\">models</a> · <a href=\"#settings\">settings</a></nav>\n");
        DepthTable(html, r, depths);
        Figures(html, figures);
        if (depths.Length > 0) ClassTable(html, r, depths[^1]);
        Models(html, depths);
        Settings(html, SettingRows(r));
        Close(html, $"Drawn from sweep.json by {r.Tool} {r.ToolVersion}. Measures as defined in MEASURES.md; figures use the Okabe–Ito palette.");
        return html.ToString();
    }

    private static string F1(double? x) => x is double v ? v.ToString("0.#", CultureInfo.InvariantCulture) : "—";

    private static void DepthTable(StringBuilder html, SweepResult r, DepthResult[] depths)
    {
        bool shuffled = depths.Any(d => d.ShuffledLabelsAccuracy is not null);
        int layers = depths.Length == 0 ? 0 : depths.Max(d => d.Depth);
        int classes = r.Classes.Count;
        html.Append("<section id=\"depths\">\n<h2>By FC depth</h2>\n<p>Accuracy and pattern entropy (mean) over the seeds: mean ± standard deviation, "
            + "[lowest, highest]. Pattern entropy is the pooled set's at each hidden FC layer of the trained networks.</p>\n");
        html.Append("<div class=\"scroll\"><table class=\"numbers\">\n<thead><tr><th>depth</th><th>spec</th><th>parameters</th><th>test accuracy<br><span>%</span></th>");
        if (shuffled) html.Append("<th>shuffled labels<br><span>test accuracy %</span></th><th>shuffled labels<br><span>fitted its labels</span></th>");
        for (int l = 1; l <= layers; l++) html.Append($"<th>layer {l}<br><span>pattern mean</span></th>");
        html.Append("<th>falls monotonically<br><span>pooled</span></th><th>falls monotonically<br><span>classes, mean over seeds</span></th>"
            + "<th>median ℓ*<br><span>pooled</span></th><th>median ℓ*<br><span>per class, trained</span></th><th>median ℓ*<br><span>per class, reinit</span></th></tr></thead>\n<tbody>\n");
        foreach (var d in depths)
        {
            html.Append($"<tr><th>{d.Depth}</th><td class=\"text\">{E(d.Spec)}</td><td>{N(d.Parameters)}</td><td>{Accuracy(d.Accuracy)}</td>");
            if (shuffled) html.Append($"<td>{(d.ShuffledLabelsAccuracy is { } a ? Accuracy(a) : "—")}</td><td>{Fitted(d.ShuffledLabelsFits)}</td>");
            var curve = SweepFigures.Curve(d, ModelKinds.Trained, Pattern, Mean, InputSet.PooledName);
            for (int l = 0; l < layers; l++)
                html.Append($"<td>{(curve is not null && l < curve.Layers.Count && curve.Layers[l] is { } v ? (v.Values.Count == 1 ? F(v.Mean) : $"{F(v.Mean)} ± {F(v.Sd)}") : "")}</td>");
            var pooled = SweepFigures.PatternFinding(d, ModelKinds.Trained);
            html.Append($"<td>{(pooled is null ? "—" : $"{pooled.Monotonic} of {pooled.Seeds} seeds")}</td><td>{ClassesMonotonic(d, classes)}</td>");
            html.Append($"<td>{Median(pooled)}</td><td>{F1(d.ClassSaturation(ModelKinds.Trained).Median)}</td><td>{F1(d.ClassSaturation(ModelKinds.Reinit).Median)}</td></tr>\n");
        }
        html.Append("</tbody>\n</table></div>\n</section>\n");
    }

    /// <summary>
    /// How many seeds' twins fitted their shuffled labels, with the training accuracy and epochs they ended at:
    /// "3 of 3 (train accuracy 90.1–93.4 %, 41–57 epochs)".
    /// </summary>
    internal static string Fitted(IReadOnlyList<TwinFit>? fits)
    {
        if (fits is not { Count: > 0 }) return "—";
        static string Range(double lo, double hi, string format) =>
            lo == hi ? lo.ToString(format, CultureInfo.InvariantCulture)
                : $"{lo.ToString(format, CultureInfo.InvariantCulture)}–{hi.ToString(format, CultureInfo.InvariantCulture)}";
        return $"{fits.Count(f => f.Reached)} of {fits.Count} <span class=\"ci\">(train accuracy {Range(100 * fits.Min(f => f.TrainAccuracy), 100 * fits.Max(f => f.TrainAccuracy), "0.0")} %, "
            + $"{Range(fits.Min(f => f.Epochs), fits.Max(f => f.Epochs), "0")} epochs)</span>";
    }

    /// <summary>"98.17 ± 0.04 [98.12, 98.21]", in percent; "98.17 (1 seed)" where there is one value.</summary>
    internal static string Accuracy(Spread a) => a.Values.Count == 1
        ? $"{Percent(a.Mean)} <span class=\"ci\">(1 seed)</span>"
        : $"{Percent(a.Mean)} ± {Percent(a.Sd)} <span class=\"ci\">[{Percent(a.Min)}, {Percent(a.Max)}]</span>";

    /// <summary>How many classes' curves never rise, averaged over the seeds: the sum over classes of each one's count of monotonic seeds, over the seeds.</summary>
    internal static string ClassesMonotonic(DepthResult d, int classes)
    {
        var perClass = d.Findings.Where(f => f.Model == ModelKinds.Trained && f.Key == MeasureKey.PatternMean && f.Set != InputSet.PooledName && f.Seeds > 0).ToArray();
        if (perClass.Length == 0) return "—";
        double mean = perClass.Sum(f => (double)f.Monotonic / f.Seeds);
        return $"{Number(mean, "0.#")} of {Math.Max(classes, perClass.Length)}";
    }

    private static string Median(ProfileFinding? f) => f?.MedianSaturation is double m ? Number(m, "0.#") : "—";

    /// <summary>The deepest head set by set: the trained networks' pattern entropy per layer beside the same networks at initialisation.</summary>
    private static void ClassTable(StringBuilder html, SweepResult r, DepthResult d)
    {
        string[] sets = [.. r.Classes, InputSet.PooledName];
        html.Append($"<section id=\"classes\">\n<h2>Class by class: {SweepFigures.Count(d.Depth, "FC layer")}</h2>\n<p>Pattern entropy (mean) at each hidden FC layer, "
            + "the mean over seeds, of the trained networks and of the same networks at initialisation (reinit control).</p>\n");
        html.Append($"<div class=\"scroll\"><table class=\"numbers\">\n<thead><tr><th rowspan=\"2\">set</th><th colspan=\"{d.Depth}\">trained</th><th colspan=\"{d.Depth}\">reinit</th></tr>\n<tr>");
        for (int k = 0; k < 2; k++)
            for (int l = 1; l <= d.Depth; l++) html.Append($"<th>layer {l}</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (string set in sets)
        {
            html.Append($"<tr><th>{E(set)}</th>");
            foreach (string model in new[] { ModelKinds.Trained, ModelKinds.Reinit })
            {
                var curve = SweepFigures.Curve(d, model, Pattern, Mean, set);
                for (int l = 0; l < d.Depth; l++)
                    html.Append($"<td>{(curve is not null && l < curve.Layers.Count ? F(curve.Layers[l]?.Mean) : "—")}</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table></div>\n</section>\n");
    }

    /// <summary>Links to every network's own report, in runs/d{depth}-s{seed}/.</summary>
    private static void Models(StringBuilder html, DepthResult[] depths)
    {
        html.Append("<section id=\"models\">\n<h2>Every network's report</h2>\n<table class=\"numbers\">\n<tbody>\n");
        foreach (var d in depths)
        {
            html.Append($"<tr><th>{SweepFigures.Count(d.Depth, "FC layer")}</th><td class=\"links\">");
            foreach (int seed in d.Seeds)
                html.Append($"<a href=\"{RunLink(d.Depth, seed)}\">seed {seed}</a>");
            html.Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n</section>\n");
    }

    internal static string RunLink(int depth, int seed) =>
        Href("runs", string.Create(CultureInfo.InvariantCulture, $"d{depth}-s{seed}"), FileName);

    private static IEnumerable<(string, string)> SettingRows(SweepResult r)
    {
        var s = r.Settings;
        return
        [
            ("tool", $"{r.Tool} {r.ToolVersion}"),
            ("dataset", s.Training.Dataset),
            ("base", s.Base),
            ("FC depths", string.Join(", ", s.Depths.Select(d => d.ToString(CultureInfo.InvariantCulture)))),
            ("width", s.Taper ? $"{s.Width}, halved at every further layer (never below 16)" : $"{s.Width} at every layer"),
            ("epochs", Number(s.Training.Epochs)),
            ("seeds", $"0 to {s.Seeds - 1}"),
            ("batch size", Number(s.Training.BatchSize)),
            ("optimiser", Optimiser(s.Training)),
            ("activation", s.Training.Activation.ToString()),
            ("initialisation", s.Training.Init?.ToString() ?? "the activation's default"),
            ("normalised inputs", YesNo(s.Training.Normalize)),
            ("training images", s.Training.TrainLimit is int n ? $"the first {N(n)}" : "all"),
            .. AnalysisRows(s.Analysis, "off (the spread over seeds is the uncertainty shown)"),
            ("accuracy tolerance", $"{Number(s.AccuracyTolerance, "R")} percentage points"),
            ("shuffled-labels control", YesNo(s.ShuffledLabels)),
            ("analysis batch", Number(s.AnalysisBatch)),
            ("classes", string.Join(", ", r.Classes)),
        ];
    }

    /// <summary>"adam, learning rate 0.001", as the experiment pages show a run's optimiser.</summary>
    internal static string Optimiser(TrainingOptions t) => $"{t.Optimizer.Name()}, learning rate {t.LearningRate.ToString("R", CultureInfo.InvariantCulture)}";

    /// <summary>The experiment pages' rows of the analysis settings, bootstrap first.</summary>
    /// <param name="noBootstrap">What the bootstrap row says when it is off.</param>
    internal static IEnumerable<(string, string)> AnalysisRows(AnalysisOptions a, string noBootstrap) =>
    [
        ("bootstrap", a.Bootstrap == 0 ? noBootstrap : $"{a.Bootstrap} resamples"),
        ("delta δ", Number(a.Delta, "R")),
        ("firing threshold τ", Number(a.Threshold, "R")),
        ("bins of binned", a.Bins == 0 ? "off" : a.AutoBins ? $"auto, at most {N(a.Bins)}" : N(a.Bins)),
        ("entropy units", a.Units.ToString().ToLowerInvariant()),
    ];
}
