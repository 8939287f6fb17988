using System.Text;
using LayerEntropy.Analysis;
using LayerEntropy.IO;

namespace LayerEntropy.Reports;

/// <summary>Writes an analysis's pictures: the report page and, in a figures folder beside it, every figure as its own file.</summary>
public static class ReportOutput
{
    public const string FiguresFolder = "figures";

    /// <summary>
    /// Draws every figure of <paramref name="result"/> once and writes <paramref name="reportPath"/> with them inline;
    /// with <paramref name="figuresFolder"/>, also each figure as an SVG or PNG file there, and with <paramref name="pdf"/>
    /// each as a PDF file too (in <paramref name="figuresFolder"/>, or figures/ beside the page when none is given). The
    /// files are replaced as one set (<see cref="AtomicFile.WriteAll"/>), the page last, so a failure or a cancellation
    /// leaves the earlier report as it was.
    /// </summary>
    /// <param name="dataFolder">Where analysis.json and measures.csv lie, for the page's links (default: beside the page).</param>
    /// <returns>The paths written: the page first, then the figures.</returns>
    /// <exception cref="LayerEntropyException">A file cannot be written.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancel"/> fired before the files were replaced.</exception>
    public static IReadOnlyList<string> Write(AnalysisResult result, string reportPath, string? figuresFolder = null, string? dataFolder = null, bool pdf = false,
        CancellationToken cancel = default)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(reportPath))!;
        if (pdf) figuresFolder ??= Path.Combine(folder, FiguresFolder);
        var figures = ReportFigures.All(result, cancel);
        return WritePage(reportPath, ReportPage.Html(result, figures, Links(folder, dataFolder)), figures, figuresFolder, pdf, cancel);
    }

    /// <summary>
    /// Writes a page and its figure files (in <paramref name="figuresFolder"/>, when given) as one set, the page last:
    /// a failure or a cancellation leaves the earlier page and figures as they were. Returns the page, then the figures.
    /// </summary>
    internal static IReadOnlyList<string> WritePage(string page, string html, IReadOnlyList<Figure> figures, string? figuresFolder, bool pdf,
        CancellationToken cancel)
    {
        var files = PageFiles(page, html, figures, figuresFolder, pdf);
        FileFailure.Guard(page, "write the report", () =>
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(page))!);
            using (NewFolder.Make(figuresFolder)) AtomicFile.WriteAll(files, cancel);
        });
        return [page, .. files.SkipLast(1).Select(f => f.Path)];
    }

    /// <summary>
    /// Writes an analysis folder as one set: analysis.json (or <paramref name="jsonFileName"/>), measures.csv, the arrays
    /// of big taps (<see cref="AnalysisOutput.Write(AnalysisResult, string, string)"/>) and, with <paramref name="report"/>,
    /// report.html and figures/. Every file is drawn and written in full before any is replaced, analysis.json last; a
    /// failure or a cancellation before then leaves the folder as it was. Figure files of an earlier analysis that the
    /// new one does not draw are removed from figures/ as part of the set.
    /// </summary>
    /// <returns>The paths written: the JSON file, then measures.csv, then with a report the page and the figures.</returns>
    /// <exception cref="LayerEntropyException">A file cannot be written.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancel"/> fired before the files were replaced.</exception>
    public static IReadOnlyList<string> WriteFolder(AnalysisResult result, string folder, bool report, string jsonFileName = AnalysisOutput.JsonFileName,
        CancellationToken cancel = default)
    {
        if (!report) return AnalysisOutput.Write(result, folder, jsonFileName, [], [], cancel);
        string page = Path.Combine(folder, ReportPage.FileName), figures = Path.Combine(folder, FiguresFolder);
        var drawn = ReportFigures.All(result, cancel);
        var files = PageFiles(page, ReportPage.Html(result, drawn, ""), drawn, figures, pdf: false);
        var written = FileFailure.Guard(folder, "write the analysis", () =>
        {
            var obsolete = StaleFigures(figures, files.Select(f => Path.GetFullPath(f.Path)).ToHashSet(StringComparer.Ordinal));
            using (NewFolder.Make(figures)) return AnalysisOutput.Write(result, folder, jsonFileName, files, obsolete, cancel);
        });
        return [.. written, page, .. files.SkipLast(1).Select(f => f.Path)];
    }

    /// <summary>The figure files (in <paramref name="figuresFolder"/>, when given) and the page last.</summary>
    private static List<(string Path, Action<Stream> Write)> PageFiles(string page, string html, IReadOnlyList<Figure> figures, string? figuresFolder, bool pdf)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(html);
        var files = figuresFolder is null ? [] : FigureFiles(figures, figuresFolder, pdf);
        files.Add((page, s => s.Write(bytes)));
        return files;
    }

    /// <summary>The page's links to the data files in <paramref name="dataFolder"/>, relative to <paramref name="folder"/> (empty: beside it).</summary>
    private static string Links(string folder, string? dataFolder)
    {
        string links = dataFolder is null ? "" : Path.GetRelativePath(folder, Path.GetFullPath(dataFolder)).Replace('\\', '/');
        return links == "." ? "" : links;
    }

    /// <summary>Each figure's file in <paramref name="folder"/> (SVG or PNG), and with <paramref name="pdf"/> its PDF after it.</summary>
    internal static List<(string Path, Action<Stream> Write)> FigureFiles(IReadOnlyList<Figure> figures, string folder, bool pdf)
    {
        var files = new List<(string Path, Action<Stream> Write)>();
        foreach (var f in figures)
        {
            files.Add((Path.Combine(folder, f.FileName), s => s.Write(f.Bytes())));
            if (pdf) files.Add((Path.Combine(folder, f.PdfFileName), s => s.Write(f.Pdf())));
        }
        return files;
    }

    /// <summary>
    /// The SVG, PNG and PDF files in an analysis folder's own figures/ that the analysis about to be written does not
    /// draw (figures of classes or taps it no longer has, PDFs of an earlier `report --pdf`): they go with the new set.
    /// </summary>
    private static List<string> StaleFigures(string folder, HashSet<string> current) =>
        !Directory.Exists(folder) ? [] :
        [.. Directory.EnumerateFiles(folder).Where(f => !current.Contains(Path.GetFullPath(f)) && Path.GetExtension(f) is ".svg" or ".png" or ".pdf")];
}
