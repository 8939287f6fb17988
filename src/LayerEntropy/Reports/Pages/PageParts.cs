using System.Globalization;
using System.Text;
using static LayerEntropy.Reports.ReportPage;

namespace LayerEntropy.Reports;

/// <summary>What the experiment pages share with each other and with the report: the page frame, links, settings and numbers.</summary>
internal static class PageParts
{
    /// <summary>Left-aligned, wrapping text cells in the number tables of the experiment pages.</summary>
    private const string ExtraCss = """
        td.text { text-align: left; white-space: normal; }
        td.links a { margin-right: 6px; }

        """;

    /// <summary>Everything up to and including the page header: the title, the meta line and the highlighted finding.</summary>
    public static void Open(StringBuilder html, string title, string meta, string finding)
    {
        html.Append($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(title)}</title>
            <style>{Css}{ExtraCss}</style>
            </head>
            <body>
            <main>
            <header>
            <h1>{E(title)}</h1>
            <p class="meta">{E(meta)}</p>
            <p class="finding">{E(Capitalise(finding.TrimEnd('.')))}.</p>
            </header>

            """);
    }

    public static void Close(StringBuilder html, string footer) =>
        html.Append($"<footer>{E(footer)}</footer>\n</main>\n</body>\n</html>\n");

    /// <summary>A relative link from path parts ('/' inside a part separates folders), every folder name escaped.</summary>
    public static string Href(params IEnumerable<string> parts) =>
        E(string.Join('/', parts.SelectMany(p => p.Split('/', StringSplitOptions.RemoveEmptyEntries)).Select(Uri.EscapeDataString)));

    /// <summary>An accuracy fraction as a percentage with two decimals ("98.17"), the unit left to the column heading.</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString("0.00", CultureInfo.InvariantCulture);

    public static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static void Figures(StringBuilder html, IEnumerable<Figure> figures)
    {
        html.Append("<section id=\"figures\">\n<h2>Figures</h2>\n");
        foreach (var f in figures) ReportSections.Inline(html, f);
        html.Append("</section>\n");
    }

    /// <summary>The settings as a two-column table, last on the page: enough to repeat the run.</summary>
    public static void Settings(StringBuilder html, IEnumerable<(string Key, string Value)> rows)
    {
        html.Append("<section id=\"settings\">\n<h2>Settings</h2>\n<table class=\"manifest\">\n<tbody>\n");
        foreach (var (key, value) in rows) html.Append($"<tr><th>{E(key)}</th><td>{E(value)}</td></tr>\n");
        html.Append("</tbody>\n</table>\n</section>\n");
    }

    public static string YesNo(bool b) => b ? "yes" : "no";
}
