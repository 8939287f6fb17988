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
    /// each as a PDF file too (in <paramref name="figuresFolder"/>, or figures/ beside the page when none is given). Every file is complete
    /// on disk before any is replaced, and the page goes last, so a failure leaves the earlier report as it was.
    /// </summary>
    /// <param name="dataFolder">Where analysis.json and measures.csv lie, for the page's links (default: beside the page).</param>
    /// <returns>The paths written: the page first, then the figures.</returns>
    /// <exception cref="LayerEntropyException">A file cannot be written.</exception>
    public static IReadOnlyList<string> Write(AnalysisResult result, string reportPath, string? figuresFolder = null, string? dataFolder = null, bool pdf = false)
    {
        var figures = ReportFigures.All(result);
        string folder = Path.GetDirectoryName(Path.GetFullPath(reportPath))!;
        string links = dataFolder is null ? "" : Path.GetRelativePath(folder, Path.GetFullPath(dataFolder)).Replace('\\', '/');
        byte[] page = Encoding.UTF8.GetBytes(ReportPage.Html(result, figures, links == "." ? "" : links));
        if (pdf) figuresFolder ??= Path.Combine(folder, FiguresFolder);
        var files = figuresFolder is null ? [] : FigureFiles(figures, figuresFolder, pdf);
        files.Add((reportPath, s => s.Write(page)));
        try
        {
            Directory.CreateDirectory(folder);
            if (figuresFolder is not null) Directory.CreateDirectory(figuresFolder);
            AtomicFile.WriteAll(files);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw LayerEntropyException.ForFile(reportPath, $"cannot write the report: {e.Message}", e);
        }
        return [reportPath, .. files.SkipLast(1).Select(f => f.Path)];
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
    /// Writes an analysis folder: analysis.json, measures.csv and the arrays of big taps (<see cref="AnalysisOutput.Write"/>), then, with
    /// <paramref name="report"/>, report.html and its figures/ beside them.
    /// </summary>
    public static void WriteFolder(AnalysisResult result, string folder, bool report)
    {
        AnalysisOutput.Write(result, folder);
        if (report) Write(result, Path.Combine(folder, ReportPage.FileName), Path.Combine(folder, FiguresFolder));
    }
}
