using System.Text;
using LayerEntropy.Reports;
using static LayerEntropy.Reports.PageParts;
using static LayerEntropy.Reports.ReportPage;

namespace LayerEntropy.Experiments;

/// <summary>
/// The page of a comparison: the summary first, the runs ranked by their score beside their test accuracy,
/// Spearman's ρ between score (and each depth's value) and accuracy, the figures, and the settings last.
/// Self-contained like the report page, and drawn from comparison.json alone.
/// </summary>
public static class ComparisonPage
{
    public static string Html(ComparisonResult r, IReadOnlyList<Figure> figures)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(figures);
        var html = new StringBuilder();
        Open(html, $"Comparison of {SweepFigures.Count(r.Runs.Count, "run")} by {r.Measure} ({r.Statistic})",
            $"{r.Set} set · score {(r.Score == ScoreKind.Mean ? "the mean over the taps" : "the value at the last tap")} · {r.Tool} {r.ToolVersion}", r.Summary);
        foreach (string w in r.Warnings) html.Append($"<p class=\"warning\">{E(w)}</p>\n");
        html.Append("<nav><strong>Contents</strong> <a href=\"#ranking\">ranking</a> · <a href=\"#correlations\">correlations</a> · <a href=\"#figures\">figures</a> · <a href=\"#settings\">settings</a></nav>\n");
        Ranking(html, r);
        Correlations(html, r);
        Figures(html, figures);
        Settings(html,
        [
            ("tool", $"{r.Tool} {r.ToolVersion}"),
            ("measure", $"{r.Measure} ({r.Statistic})"),
            ("set", r.Set),
            ("score", r.Score == ScoreKind.Mean ? "mean over the taps" : "value at the last tap"),
            ("units", r.Units.ToString().ToLowerInvariant()),
            ("analyses", string.Join(", ", r.Runs.Select(x => x.Path))),
        ]);
        Close(html, $"Drawn from {ComparisonOutput.JsonFileName} by {r.Tool} {r.ToolVersion}. Measures as defined in MEASURES.md; figures use the Okabe–Ito palette.");
        return html.ToString();
    }

    /// <summary>The runs from rank 1 (lowest score) up: score, accuracy and the shape of the curve.</summary>
    private static void Ranking(StringBuilder html, ComparisonResult r)
    {
        html.Append("<section id=\"ranking\">\n<h2>Ranking</h2>\n<p>Rank 1 is the lowest score: the most stable activation patterns.</p>\n")
            .Append("<div class=\"scroll\"><table class=\"numbers\">\n<thead><tr><th>rank</th><th>run</th><th>score</th><th>test accuracy<br><span>%</span></th>"
                + "<th>taps</th><th>never rises</th><th>ℓ*</th><th>model</th><th>dataset</th></tr></thead>\n<tbody>\n");
        foreach (var run in r.Runs.OrderBy(x => x.Rank).ThenBy(x => r.Ranking.ToList().IndexOf(x.Label)))
            html.Append($"<tr><th>{run.Rank}</th><td class=\"text\">{E(run.Label)}</td><td>{F(run.Score)}</td>"
                + $"<td>{(run.TestAccuracy is double a ? Percent(a) + (run.AccuracySource is { } s ? $" <span class=\"ci\">{E(s)}</span>" : "") : "—")}</td>"
                + $"<td>{run.Taps.Count}</td><td>{YesNo(run.Monotonic)}</td><td>{(run.SaturationDepth is int d ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : "—")}</td>"
                + $"<td class=\"text\">{E(run.Model ?? "—")}</td><td class=\"text\">{E(run.Dataset ?? "—")}</td></tr>\n");
        html.Append("</tbody>\n</table></div>\n</section>\n");
    }

    private static string Rho(double? rho) => rho is double v ? Number(v, "0.00") : "—";

    private static void Correlations(StringBuilder html, ComparisonResult r)
    {
        html.Append("<section id=\"correlations\">\n<h2>Entropy and test accuracy</h2>\n")
            .Append($"<p>Spearman's ρ between score and test accuracy over {SweepFigures.Count(r.ScoreVsAccuracy.Runs, "run")}: <strong>{Rho(r.ScoreVsAccuracy.Spearman)}</strong> "
                + "(near −1: the lower the entropy, the more accurate the model; undefined with fewer than 3 runs or constant values).</p>\n");
        if (r.TapsVsAccuracy.Count > 0)
        {
            html.Append("<div class=\"scroll\"><table class=\"numbers\">\n<thead><tr><th>depth</th><th>tap</th><th>runs</th><th>Spearman ρ</th></tr></thead>\n<tbody>\n");
            foreach (var t in r.TapsVsAccuracy)
                html.Append($"<tr><th>{t.Depth}</th><td class=\"text\">{E(t.Tap ?? "—")}</td><td>{t.Runs}</td><td>{Rho(t.Spearman)}</td></tr>\n");
            html.Append("</tbody>\n</table></div>\n");
        }
        html.Append("</section>\n");
    }
}
