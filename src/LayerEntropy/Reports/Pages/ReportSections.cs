using System.Globalization;
using System.Text;
using LayerEntropy.Analysis;
using static LayerEntropy.Analysis.MeasureNames;
using static LayerEntropy.Reports.ReportPage;

namespace LayerEntropy.Reports;

/// <summary>The report's body: a section per measure, per tap, the maps, and the manifest.</summary>
internal static class ReportSections
{
    /// <summary>Per headline measure: its depth chart, then its values for every tap and set (the other statistics of the measure below).</summary>
    public static void Measures(StringBuilder html, AnalysisResult r, IReadOnlyDictionary<string, Figure> figures)
    {
        foreach (var (measure, statistic) in Headline)
        {
            if (!figures.TryGetValue($"depth-{measure}-{statistic}", out var chart)) continue;
            var (title, _) = ReportFigures.Describe(measure, statistic, ReportFigures.Unit(r));
            html.Append($"<section id=\"measure-{measure}\">\n<h2>{E(title)}</h2>\n");
            Inline(html, chart);
            var statistics = r.Taps.SelectMany(t => t.Sets).SelectMany(s => s.Values).Where(v => v.Measure == measure)
                .Select(v => v.Statistic).Distinct().OrderBy(s => s == statistic ? 0 : 1).ToArray();
            foreach (string s in statistics)
            {
                html.Append($"<h3>{E(measure)} · {E(s)}</h3>\n<div class=\"scroll\"><table class=\"numbers\">\n<thead><tr><th>tap</th>");
                foreach (var set in r.Sets) html.Append($"<th>{E(set.Name)}</th>");
                html.Append("</tr></thead>\n<tbody>\n");
                foreach (var t in r.Taps)
                {
                    html.Append($"<tr><th>{E(t.Name)}</th>");
                    foreach (var set in r.Sets) html.Append($"<td>{Value(r.Find(t.Name, set.Name, measure, s))}</td>");
                    html.Append("</tr>\n");
                }
                html.Append("</tbody>\n</table></div>\n");
            }
            html.Append("</section>\n");
        }
    }

    /// <summary>Per tap: what it is, its census per set, and its class × unit firing matrix.</summary>
    public static void Taps(StringBuilder html, AnalysisResult r, IReadOnlyDictionary<string, Figure> figures)
    {
        html.Append("<section id=\"taps\">\n<h2>Taps</h2>\n");
        if (figures.TryGetValue("census", out var census)) Inline(html, census);
        if (figures.TryGetValue("unit-entropy", out var entropy)) Inline(html, entropy);
        foreach (var t in r.Taps)
        {
            html.Append($"<h3 id=\"tap-{t.Depth}\">{E(t.Name)} <span class=\"meta\">depth {t.Depth}, {t.Units} units, layer {E(t.Layer)}</span></h3>\n");
            html.Append("<div class=\"scroll\"><table class=\"numbers\">\n<thead><tr><th></th>");
            foreach (var set in r.Sets) html.Append($"<th>{E(set.Name)}</th>");
            html.Append("</tr></thead>\n<tbody>\n");
            foreach (var (measure, statistic, label) in new[] { (Pattern, Mean, "pattern mean"), (Census, Dead, "dead units"), (Census, AlwaysOn, "always-on units"), (Magnitude, ZeroInputs, "all-zero inputs") })
            {
                html.Append($"<tr><th>{label}</th>");
                foreach (var set in r.Sets) html.Append($"<td>{Value(r.Find(t.Name, set.Name, measure, statistic))}</td>");
                html.Append("</tr>\n");
            }
            html.Append("</tbody>\n</table></div>\n");
            var matrix = figures.Values.FirstOrDefault(f => f.Name.StartsWith($"firing-matrix-{t.Depth}-", StringComparison.Ordinal));
            if (matrix is not null) Inline(html, matrix);
        }
        html.Append("</section>\n");
    }

    /// <summary>The activation maps of every class and the firing maps.</summary>
    public static void Maps(StringBuilder html, AnalysisResult r, IReadOnlyDictionary<string, Figure> figures)
    {
        var maps = figures.Values.Where(f => f.Name.StartsWith("activations-", StringComparison.Ordinal)).ToArray();
        if (maps.Length > 0)
        {
            html.Append("<section id=\"activation-maps\">\n<h2>Activation maps</h2>\n<p>Each row is one input: the image, then every tap's activations folded into a near-square grid "
                + "(unit 1 at the top left, row by row). Stable patterns show as the same bright cells in every row of a column.</p>\n<div class=\"maps\">\n");
            foreach (var f in maps) Inline(html, f);
            html.Append("</div>\n</section>\n");
        }
        if (figures.TryGetValue("firing-maps", out var firing))
        {
            html.Append("<section id=\"firing-maps\">\n<h2>Firing maps</h2>\n");
            Inline(html, firing);
            html.Append("</section>\n");
        }
    }

    /// <summary>What was analysed, how and with what: enough to repeat the run.</summary>
    public static void Manifest(StringBuilder html, AnalysisResult r)
    {
        var m = r.Manifest;
        var o = m.Options;
        var rows = new List<(string, string)>
        {
            ("tool", $"{m.Tool} {m.ToolVersion}"),
            ("date", m.Date.ToString("O", CultureInfo.InvariantCulture)),
            ("model", m.Model ?? "—"),
            ("model sha256", m.ModelSha256 ?? "—"),
            ("dataset", m.Dataset ?? "—"),
            ("split", m.Split),
            ("inputs", N(m.Inputs)),
            ("taps", string.Join(", ", m.Taps)),
            ("threshold τ", o.Threshold.ToString("R", CultureInfo.InvariantCulture)),
            ("units", o.Units == EntropyUnit.Nats ? "nats" : "bits"),
            ("bins B", o.Bins == 0 ? "0 (binned left out)" : o.AutoBins ? "auto (equal-mass per tap)" : o.Bins.ToString(CultureInfo.InvariantCulture)),
            ("delta δ", o.Delta.ToString("R", CultureInfo.InvariantCulture)),
            ("bootstrap", o.Bootstrap == 0 ? "off" : $"{o.Bootstrap} resamples, seed {o.Seed}"),
            ("correct only", o.CorrectOnly ? "yes" : "no"),
            ("limit per class", o.LimitPerClass?.ToString(CultureInfo.InvariantCulture) ?? "none"),
            ("samples per class", o.Samples.ToString(CultureInfo.InvariantCulture)),
        };
        if (m.Shard is not null) rows.Add(("shard", m.Shard));
        rows.AddRange(m.DatasetFiles.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => ($"file {kv.Key}", $"sha256 {kv.Value}")));
        html.Append("<section id=\"manifest\">\n<h2>Run manifest</h2>\n<table class=\"manifest\">\n<tbody>\n");
        foreach (var (key, value) in rows) html.Append($"<tr><th>{E(key)}</th><td>{E(value)}</td></tr>\n");
        html.Append("</tbody>\n</table>\n</section>\n");
    }

    /// <summary>A figure inline: SVG as markup, PNG as a data URI, with its caption.</summary>
    internal static void Inline(StringBuilder html, Figure f)
    {
        html.Append($"<figure id=\"fig-{E(f.Name)}\">\n");
        if (f.Svg is { } svg) html.Append(svg.StartsWith("<?xml", StringComparison.Ordinal) ? svg[(svg.IndexOf("?>", StringComparison.Ordinal) + 2)..].TrimStart() : svg).Append('\n');
        else html.Append($"<img width=\"{Math.Ceiling(f.Width).ToString(CultureInfo.InvariantCulture)}\" alt=\"{E(f.Caption)}\" src=\"data:image/png;base64,{Convert.ToBase64String(f.Png!)}\">\n");
        html.Append($"<figcaption>{E(f.Caption)}</figcaption>\n</figure>\n");
    }
}
