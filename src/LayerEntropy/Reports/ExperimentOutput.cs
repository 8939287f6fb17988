using System.Text;
using LayerEntropy.Experiments;
using LayerEntropy.IO;

namespace LayerEntropy.Reports;

/// <summary>Writes an experiment's pictures into its folder: report.html, and every figure as SVG in figures/ beside it.</summary>
public static class ExperimentOutput
{
    /// <summary>The sweep's page and figures; returns the paths written, the page first.</summary>
    /// <exception cref="LayerEntropyException">A file cannot be written; what was there before is left as it was.</exception>
    public static IReadOnlyList<string> WriteSweep(SweepResult r, string folder)
    {
        ArgumentNullException.ThrowIfNull(r);
        var figures = SweepFigures.All(r);
        return Write(folder, SweepPage.Html(r, figures), figures);
    }

    /// <summary>The dynamics run's page and figures; returns the paths written, the page first.</summary>
    /// <exception cref="LayerEntropyException">A file cannot be written; what was there before is left as it was.</exception>
    public static IReadOnlyList<string> WriteDynamics(DynamicsResult r, string folder)
    {
        ArgumentNullException.ThrowIfNull(r);
        var figures = DynamicsFigures.All(r);
        return Write(folder, DynamicsPage.Html(r, figures), figures);
    }

    /// <summary>
    /// Every file is complete on disk before any is replaced, and the page is renamed last: a failure leaves the
    /// earlier page whole, and a page on disk never links figures older than itself.
    /// </summary>
    private static IReadOnlyList<string> Write(string folder, string html, IReadOnlyList<Figure> figures)
    {
        ArgumentNullException.ThrowIfNull(folder);
        string page = Path.Combine(folder, ReportPage.FileName);
        string figuresFolder = Path.Combine(folder, ReportOutput.FiguresFolder);
        byte[] bytes = Encoding.UTF8.GetBytes(html);
        var files = figures.Select(f => (Path.Combine(figuresFolder, f.FileName), (Action<Stream>)(s => s.Write(f.Bytes())))).ToList();
        files.Add((page, s => s.Write(bytes)));
        try
        {
            Directory.CreateDirectory(folder);
            if (figures.Count > 0) Directory.CreateDirectory(figuresFolder);
            AtomicFile.WriteAll(files);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw LayerEntropyException.ForFile(page, $"cannot write the report: {e.Message}", e);
        }
        return [page, .. files.SkipLast(1).Select(f => f.Item1)];
    }
}
