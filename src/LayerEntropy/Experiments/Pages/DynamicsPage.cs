using System.Globalization;
using System.Text;
using LayerEntropy.Analysis;
using LayerEntropy.Reports;
using static LayerEntropy.Analysis.MeasureNames;
using static LayerEntropy.Reports.PageParts;
using static LayerEntropy.Reports.ReportPage;

namespace LayerEntropy.Experiments;

/// <summary>
/// The page of a dynamics run: the summary first, every checkpoint with its accuracy and pooled pattern entropy per
/// tap, Spearman's ρ between entropy and test accuracy, the figures, links to every checkpoint's own report, and the
/// settings last. Self-contained like the report page, and drawn from dynamics.json alone.
/// </summary>
public static class DynamicsPage
{
    public static string Html(DynamicsResult r, IReadOnlyList<Figure> figures)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(figures);
        var s = r.Settings;
        var html = new StringBuilder();
        Open(html, $"Training dynamics: {s.Model} on {s.Training.Dataset}",
            $"{SweepFigures.Count(r.Runs.Sum(x => x.Checkpoints.Count), "checkpoint")} · {SweepFigures.Count(r.Taps.Count, "tap")} · {SweepFigures.Count(s.Training.Epochs, "epoch")} · "
            + $"{SweepPage.Optimiser(s.Training)}, batch {s.Training.BatchSize}, seed {s.Seed} · {r.Tool} {r.ToolVersion}",
            r.Summary);
        html.Append("<nav><strong>Contents</strong> <a href=\"#checkpoints\">checkpoints</a> · <a href=\"#correlations\">correlations</a> · <a href=\"#figures\">figures</a> · <a href=\"#settings\">settings</a></nav>\n");
        Checkpoints(html, r);
        Correlations(html, r);
        Figures(html, figures);
        Settings(html, SettingRows(r));
        Close(html, $"Drawn from dynamics.json by {r.Tool} {r.ToolVersion}. Measures as defined in MEASURES.md; figures use the Okabe–Ito palette.");
        return html.ToString();
    }

    private static string Who(DynamicsRun run) => run.Model == ModelKinds.Trained ? "The trained network" : $"The {run.Model} twin";

    /// <summary>A table per run: each checkpoint's accuracy and the pooled set's pattern entropy (mean) at every tap, linked to its report.</summary>
    private static void Checkpoints(StringBuilder html, DynamicsResult r)
    {
        html.Append("<section id=\"checkpoints\">\n<h2>Checkpoints</h2>\n<p>Accuracy on the first training images and on the test split; "
            + "pattern entropy (mean) of the pooled test set at every tap. Epoch 0 is the network at initialisation.</p>\n");
        foreach (var run in r.Runs)
        {
            html.Append($"<h3>{E(Who(run))}</h3>\n<div class=\"scroll\"><table class=\"numbers\">\n<thead><tr><th>checkpoint</th><th>epoch</th><th>step</th>"
                + "<th>train accuracy<br><span>%</span></th><th>test accuracy<br><span>%</span></th>");
            foreach (string tap in r.Taps) html.Append($"<th>{E(tap)}<br><span>pattern mean</span></th>");
            html.Append("</tr></thead>\n<tbody>\n");
            foreach (var c in run.Checkpoints)
            {
                html.Append($"<tr><th><a href=\"{CheckpointLink(run.Model, c.Name)}\">{E(c.Name)}</a></th><td>{Number(c.Epoch, "0.##")}</td><td>{N(c.Step)}</td>"
                    + $"<td>{Percent(c.TrainAccuracy)}</td><td>{Percent(c.TestAccuracy)}</td>");
                var pattern = c.Findings.FirstOrDefault(f => f.Key == MeasureKey.PatternMean && f.Set == InputSet.PooledName);
                for (int t = 0; t < r.Taps.Count; t++)
                    html.Append($"<td>{F(pattern is not null && t < pattern.Values.Count ? pattern.Values[t] : null)}</td>");
                html.Append("</tr>\n");
            }
            html.Append("</tbody>\n</table></div>\n");
        }
        html.Append("</section>\n");
    }

    /// <summary>The trained run's checkpoints lie in checkpoints/, a control twin's in controls/KIND/checkpoints/.</summary>
    internal static string CheckpointLink(string model, string name) =>
        model == ModelKinds.Trained ? Href("checkpoints", name, FileName) : Href("controls", model, "checkpoints", name, FileName);

    /// <summary>A table per run: Spearman's ρ over its checkpoints between each tap's pooled value and test accuracy, per headline measure.</summary>
    private static void Correlations(StringBuilder html, DynamicsResult r)
    {
        html.Append("<section id=\"correlations\">\n<h2>Entropy and test accuracy</h2>\n<p>Spearman's ρ over the checkpoints between a tap's value on the pooled set "
            + "and test accuracy: near −1, the measure falls as the network learns.</p>\n");
        foreach (var run in r.Runs)
        {
            var measures = Headline.Where(h => r.Correlations.Any(c => c.Model == run.Model && c.Key == h)).ToArray();
            if (measures.Length == 0) continue;
            html.Append($"<h3>{E(Who(run))}</h3>\n<div class=\"scroll\"><table class=\"numbers\">\n<thead><tr><th>tap</th>");
            foreach (var (measure, statistic) in measures) html.Append($"<th>{E(measure)}<br><span>{E(statistic)}</span></th>");
            html.Append("</tr></thead>\n<tbody>\n");
            foreach (string tap in r.Taps)
            {
                html.Append($"<tr><th>{E(tap)}</th>");
                foreach (var (measure, statistic) in measures)
                    html.Append($"<td>{(DynamicsFigures.Correlation(r, run.Model, tap, measure, statistic) is double rho ? Number(rho, "0.00") : "—")}</td>");
                html.Append("</tr>\n");
            }
            html.Append("</tbody>\n</table></div>\n");
        }
        html.Append("</section>\n");
    }

    private static IEnumerable<(string, string)> SettingRows(DynamicsResult r)
    {
        var s = r.Settings;
        return
        [
            ("tool", $"{r.Tool} {r.ToolVersion}"),
            ("dataset", s.Training.Dataset),
            ("model", s.Model),
            ("epochs", Number(s.Training.Epochs)),
            ("checkpoints", s.EverySteps is int k ? $"at initialisation, every {N(k)} steps and after every epoch" : "at initialisation and after every epoch"),
            ("batch size", Number(s.Training.BatchSize)),
            ("optimiser", SweepPage.Optimiser(s.Training)),
            ("activation", s.Training.Activation.ToString()),
            ("initialisation", s.Training.Init?.ToString() ?? "the activation's default"),
            ("normalised inputs", YesNo(s.Training.Normalize)),
            ("seed", Number(s.Seed)),
            ("training images", s.Training.TrainLimit is int n ? $"the first {N(n)}" : "all"),
            ("train accuracy measured on", $"the first {N(s.TrainEvaluation)} training images"),
            .. SweepPage.AnalysisRows(s.Analysis, "off"),
            ("shuffled-labels twin", YesNo(s.ShuffledLabels)),
            ("analysis batch", Number(s.AnalysisBatch)),
            ("taps", string.Join(", ", r.Taps)),
            ("classes", string.Join(", ", r.Classes)),
        ];
    }
}
