using System.Text;
using LayerEntropy.Analysis;
using static LayerEntropy.Analysis.MeasureNames;
using static LayerEntropy.Reports.ReportPage;

namespace LayerEntropy.Reports;

/// <summary>The controls an analysis was run beside (analyze --control): their curves in the depth charts and their section of the report.</summary>
internal static class ReportControls
{
    /// <summary>Each control's pooled curve of one measure statistic, aligned with the result's taps; empty without controls.</summary>
    public static IReadOnlyList<(string Kind, DepthSeries Series)> Curves(AnalysisResult r, string measure, string statistic)
    {
        var curves = new List<(string, DepthSeries)>();
        foreach (var c in r.Controls ?? [])
        {
            if (Finding(c.Findings, measure, statistic) is not { } f || f.Values.All(v => v is null)) continue;
            double?[] values = [.. Enumerable.Range(0, r.Taps.Count).Select(i => i < f.Values.Count ? f.Values[i] : null)];
            curves.Add((c.Kind, new DepthSeries($"{c.Kind} control (pooled)", values, Look: Look(c.Kind))));
        }
        return curves;
    }

    /// <summary>
    /// Grey and dashed, so the controls read as references behind the sets' colours (which use every Okabe–Ito hue
    /// for ten classes); the kinds differ in shade, width and markers.
    /// </summary>
    public static LineLook Look(string kind) => kind switch
    {
        ControlKinds.Reinit => new LineLook(Palette.Pooled, Dashed: true, Stroke: 2.25, MarkerRadius: 2.5),
        ControlKinds.ShuffledLabels => new LineLook(ShuffledGrey, Dashed: true, Stroke: 1.5, Marker: LineMarker.None),
        _ => new LineLook(Style.Muted, Dashed: true, Stroke: 1, Marker: LineMarker.None),
    };

    private static readonly Rgba ShuffledGrey = Rgba.FromHex("#5a5a5a");

    private static DepthFinding? Finding(IEnumerable<DepthFinding> findings, string measure, string statistic) =>
        findings.FirstOrDefault(f => f.Key == new MeasureKey(measure, statistic) && f.Set == InputSet.PooledName);

    /// <summary>What each control is, how its pooled pattern entropy behaves beside the model's, and where its own report lies.</summary>
    /// <param name="dataFolder">The analysis folder relative to the page: the controls' folders are named relative to it.</param>
    public static void Section(StringBuilder html, AnalysisResult r, string dataFolder)
    {
        if (r.Controls is not { Count: > 0 } controls) return;
        int layers = r.Taps.Count;
        html.Append("<section id=\"controls\">\n<h2>Controls</h2>\n<p>The same measures on networks that share the model's graph but not what it learned; "
            + "the depth charts draw their pooled curves dashed in grey.</p>\n");
        html.Append("<table class=\"numbers\">\n<thead><tr><th>network</th><th style=\"text-align: left\">what it is</th><th>test accuracy</th>"
            + "<th>pattern entropy falls monotonically<br><span>pooled</span></th><th>saturation depth ℓ*<br><span>pooled</span></th><th>full analysis</th></tr></thead>\n<tbody>\n");
        var model = Finding(r.Findings, Pattern, Mean);
        html.Append($"<tr><th>model</th><td{Prose}>{E(r.Manifest.Model is { } m ? Path.GetFileName(m) : "the network analysed here")}</td><td>—</td><td>{YesNo(model?.Monotonic)}</td><td>{Star(model, layers)}</td><td>this page</td></tr>\n");
        foreach (var c in controls)
        {
            var f = Finding(c.Findings, Pattern, Mean);
            string accuracy = c.TestAccuracy is double a ? PageParts.Percent(a) + "%" : "—";
            html.Append($"<tr><th>{E(c.Kind)}</th><td{Prose}>{E(c.Description)}</td><td>{accuracy}</td><td>{YesNo(f?.Monotonic)}</td><td>{Star(f, layers)}</td>"
                + $"<td><a href=\"{Link(dataFolder, c.Analysis)}\">report</a></td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
        html.Append("<h3>Pattern entropy (mean) of the pooled set per tap</h3>\n<div class=\"scroll\"><table class=\"numbers\">\n<thead><tr><th>tap</th><th>model</th>");
        foreach (var c in controls) html.Append($"<th>{E(c.Kind)}</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        for (int i = 0; i < layers; i++)
        {
            var t = r.Taps[i];
            html.Append($"<tr><th>{E(t.Name)}</th><td>{F(r.Find(t.Name, InputSet.PooledName, Pattern, Mean)?.Value)}</td>");
            foreach (var c in controls)
                html.Append($"<td>{F(Finding(c.Findings, Pattern, Mean) is { } f && i < f.Values.Count ? f.Values[i] : null)}</td>");
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table></div>\n</section>\n");
    }

    /// <summary>Text cells read left to right and wrap; the page's style sheet sets number cells right and unbroken.</summary>
    private const string Prose = " style=\"text-align: left; white-space: normal\"";

    private static string Star(DepthFinding? f, int layers) => f?.SaturationDepth is int s ? $"{s} of {layers}" : "—";

    /// <summary>The control's report: its folder taken relative to the analysis folder, unless it is a full path.</summary>
    private static string Link(string dataFolder, string analysis) =>
        Path.IsPathRooted(analysis)
            ? E(new Uri(Path.Combine(Path.GetFullPath(analysis), FileName)).AbsoluteUri)
            : PageParts.Href(dataFolder, analysis.Replace('\\', '/'), FileName);
}
