using System.Globalization;
using System.Net;
using System.Text;
using LayerEntropy.Analysis;
using static LayerEntropy.Analysis.MeasureNames;

namespace LayerEntropy.Reports;

/// <summary>
/// The report: one self-contained HTML page (figures inline, no scripts, no external links but the data files
/// beside it) with the findings and a summary table first, a section per measure and per tap, the activation and
/// firing maps, and the run manifest last. It is drawn from the result alone, so `layerentropy report` can redraw
/// it from analysis.json.
/// </summary>
public static class ReportPage
{
    public const string FileName = "report.html";

    /// <summary>The page's HTML for <paramref name="result"/>, with <paramref name="figures"/> (by default every figure) inline.</summary>
    /// <param name="dataFolder">The folder of analysis.json and measures.csv relative to the page ("" when beside it), for the links.</param>
    public static string Html(AnalysisResult result, IReadOnlyList<Figure>? figures = null, string dataFolder = "")
    {
        ArgumentNullException.ThrowIfNull(result);
        figures ??= ReportFigures.All(result);
        var byName = figures.ToDictionary(f => f.Name);
        var m = result.Manifest;
        string subject = $"{Path.GetFileName(m.Model ?? "activations")} on {m.Dataset ?? "recorded activations"}";
        var html = new StringBuilder();
        html.Append($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E($"Layer-wise entropy: {subject}")}</title>
            <style>{Css}</style>
            </head>
            <body>
            <main>
            <header>
            <h1>Layer-wise entropy of {E(subject)}</h1>
            <p class="meta">{E(m.Split)} split, {N(m.Inputs)} inputs, {result.Taps.Count} taps, {result.Sets.Count(s => !s.IsPooled)} classes · {E(m.Tool)} {E(m.ToolVersion)} · {E(m.Date.ToString("yyyy-MM-dd HH:mm 'UTC'zzz", CultureInfo.InvariantCulture))}</p>
            <p class="finding">{E(Capitalise(result.Summary))}.</p>
            <p class="files">Data: <a href="{PageParts.Href(dataFolder, AnalysisOutput.JsonFileName)}">{AnalysisOutput.JsonFileName}</a> (every number, and what this page is drawn from) · <a href="{PageParts.Href(dataFolder, AnalysisOutput.CsvFileName)}">{AnalysisOutput.CsvFileName}</a> (long form, one value per row)</p>
            </header>

            """);
        foreach (string w in result.Warnings) html.Append($"<p class=\"warning\">{E(w)}</p>\n");
        Contents(html, result, byName);
        Summary(html, result);
        ReportControls.Section(html, result, dataFolder);
        ReportSections.Measures(html, result, byName);
        ReportSections.Taps(html, result, byName);
        ReportSections.Maps(html, result, byName);
        ReportSections.Manifest(html, result);
        html.Append($"<footer>Drawn from {AnalysisOutput.JsonFileName} by {E(m.Tool)} {E(Analyzer.ToolVersion)}. Measures as defined in MEASURES.md; figures use the viridis colour map and the Okabe–Ito palette.</footer>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Contents(StringBuilder html, AnalysisResult r, Dictionary<string, Figure> figures)
    {
        html.Append("<nav><strong>Contents</strong> <a href=\"#summary\">summary</a>");
        if (r.Controls is { Count: > 0 }) html.Append(" · <a href=\"#controls\">controls</a>");
        foreach (var (measure, statistic) in Headline.Where(h => figures.ContainsKey($"depth-{h.Measure}-{h.Statistic}")))
            html.Append($" · <a href=\"#measure-{measure}\">{E(measure)}</a>");
        html.Append(" · <a href=\"#taps\">taps</a>");
        if (figures.Keys.Any(k => k.StartsWith("activations-", StringComparison.Ordinal))) html.Append(" · <a href=\"#activation-maps\">activation maps</a>");
        if (figures.ContainsKey("firing-maps")) html.Append(" · <a href=\"#firing-maps\">firing maps</a>");
        html.Append(" · <a href=\"#manifest\">manifest</a></nav>\n");
    }

    /// <summary>The pooled set's headline numbers per tap, with intervals, and the census.</summary>
    private static void Summary(StringBuilder html, AnalysisResult r)
    {
        var columns = Headline.Where(h => r.Taps.Any(t => r.Find(t.Name, InputSet.PooledName, h.Measure, h.Statistic)?.Value is not null)).ToArray();
        html.Append("<section id=\"summary\">\n<h2>Summary: the pooled set</h2>\n<table class=\"numbers\">\n<thead><tr><th>tap</th><th>units</th>");
        foreach (var (measure, statistic) in columns) html.Append($"<th>{E(measure)}<br><span>{E(statistic)}</span></th>");
        html.Append("<th>dead</th><th>always on</th></tr></thead>\n<tbody>\n");
        foreach (var t in r.Taps)
        {
            html.Append($"<tr><th>{E(t.Name)}</th><td>{t.Units}</td>");
            foreach (var (measure, statistic) in columns) html.Append($"<td>{Value(r.Find(t.Name, InputSet.PooledName, measure, statistic))}</td>");
            html.Append($"<td>{Value(r.Find(t.Name, InputSet.PooledName, Census, Dead))}</td><td>{Value(r.Find(t.Name, InputSet.PooledName, Census, AlwaysOn))}</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
        var findings = r.Findings.Where(f => f.Set == InputSet.PooledName).ToArray();
        if (findings.Length > 0)
        {
            html.Append("<table class=\"numbers\">\n<thead><tr><th>measure</th><th>falls monotonically<br><span>classes · pooled</span></th><th>first rise<br><span>pooled</span></th><th>Spearman ρ<br><span>pooled</span></th><th>saturation depth ℓ*<br><span>pooled</span></th></tr></thead>\n<tbody>\n");
            foreach (var f in findings)
            {
                var classes = r.Findings.Where(c => c.Key == f.Key && c.Set != InputSet.PooledName && c.Monotonic is not null).ToArray();
                html.Append($"<tr><th>{E(f.Measure)} <span>{E(f.Statistic)}</span></th><td>{(classes.Length == 0 ? "—" : $"{classes.Count(c => c.Monotonic == true)} of {classes.Length}")} · {YesNo(f.Monotonic)}</td>"
                    + $"<td>{(f.FirstBreak is int b ? E(r.Taps[b - 1].Name) : "—")}</td><td>{F(f.Spearman)}</td><td>{(f.SaturationDepth is int s ? $"{s} of {r.Taps.Count}" : "—")}</td></tr>\n");
            }
            html.Append("</tbody>\n</table>\n");
        }
        html.Append("</section>\n");
    }

    internal static string Value(MeasureValue? v)
    {
        if (v?.Value is not double x) return "<span class=\"na\">—</span>";
        string ci = v.CiLow is double lo && v.CiHigh is double hi ? $" <span class=\"ci\">[{F(lo)}, {F(hi)}]</span>"
            : v.CiNote is { } note ? $" <span class=\"ci\">{E(note)}</span>" : "";
        return v.Measure == Census || v.Statistic == ZeroInputs ? N((long)x) : F(x) + ci;
    }

    internal static string F(double? x) => x is double v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "—";

    internal static string N(long x) => x.ToString("#,0", CultureInfo.InvariantCulture);

    internal static string YesNo(bool? b) => b switch { true => "yes", false => "no", null => "—" };

    internal static string E(string text) => WebUtility.HtmlEncode(text);

    internal static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    internal const string Css = """

        :root { color-scheme: light; --ink: #1d1d1f; --muted: #5f6368; --rule: #d9d9de; --band: #f6f6f8; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.5 "DejaVu Sans", Verdana, Arial, sans-serif; color: var(--ink); background: #fff; }
        main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; }
        h1 { font-size: 1.6em; margin: 0 0 4px; }
        h2 { font-size: 1.3em; margin: 36px 0 10px; padding-top: 8px; border-top: 2px solid var(--rule); }
        h3 { font-size: 1.08em; margin: 24px 0 6px; }
        .meta, .files, footer, figcaption, th span, .ci, .na { color: var(--muted); }
        .finding { font-size: 1.15em; font-weight: bold; background: var(--band); border-left: 4px solid #0072b2; padding: 10px 14px; margin: 14px 0; }
        .warning { background: #fff6e0; border-left: 4px solid #e69f00; padding: 6px 12px; margin: 6px 0; }
        nav { margin: 16px 0; padding: 8px 12px; background: var(--band); }
        a { color: #0060a0; }
        table { border-collapse: collapse; margin: 10px 0 18px; font-size: 0.92em; }
        th, td { padding: 4px 10px; border-bottom: 1px solid var(--rule); text-align: right; white-space: nowrap; }
        thead th { border-bottom: 2px solid #999; vertical-align: bottom; }
        tbody th, table.manifest th { text-align: left; }
        table.manifest td { text-align: left; white-space: normal; word-break: break-all; }
        th span { font-weight: normal; font-size: 0.9em; }
        .scroll { overflow-x: auto; }
        figure { margin: 14px 0 22px; break-inside: avoid; page-break-inside: avoid; }
        figure svg, figure img { display: block; max-width: 100%; height: auto; }
        figure img { image-rendering: pixelated; }
        figcaption { font-size: 0.9em; margin-top: 4px; max-width: 820px; }
        .maps { display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); gap: 0 24px; }
        footer { margin-top: 40px; font-size: 0.85em; }
        @media print {
          body { font-size: 11pt; }
          main { max-width: none; padding: 0; }
          nav { display: none; }
          section:not(#summary) > h2 { break-before: page; }
          .maps { display: block; }
          a { color: inherit; }
        }

        """;
}
