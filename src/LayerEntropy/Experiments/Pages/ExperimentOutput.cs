using LayerEntropy.Reports;

namespace LayerEntropy.Experiments;

/// <summary>Writes an experiment's pictures into its folder: report.html, and every figure as SVG in figures/ beside it.</summary>
public static class ExperimentOutput
{
    /// <summary>The sweep's page and figures; returns the paths written, the page first.</summary>
    /// <exception cref="LayerEntropyException">A file cannot be written; what was there before is left as it was.</exception>
    public static IReadOnlyList<string> WriteSweep(SweepResult r, string folder)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(folder);
        return Sweep(r, Path.Combine(folder, ReportPage.FileName), pdf: false);
    }

    /// <summary>The sweep's page at <paramref name="page"/>, its figures in figures/ beside it, with a PDF of each on request.</summary>
    internal static IReadOnlyList<string> Sweep(SweepResult r, string page, bool pdf, CancellationToken cancel = default)
    {
        var figures = SweepFigures.All(r);
        return Write(page, SweepPage.Html(r, figures), figures, pdf, cancel);
    }

    /// <summary>The dynamics run's page at <paramref name="page"/>, its figures in figures/ beside it, with a PDF of each on request.</summary>
    internal static IReadOnlyList<string> Dynamics(DynamicsResult r, string page, bool pdf, CancellationToken cancel = default)
    {
        var figures = DynamicsFigures.All(r);
        return Write(page, DynamicsPage.Html(r, figures), figures, pdf, cancel);
    }

    /// <summary>A comparison's page at <paramref name="page"/>, its figures in figures/ beside it, with a PDF of each on request; returns the paths written, the page first.</summary>
    /// <exception cref="LayerEntropyException">A file cannot be written; what was there before is left as it was.</exception>
    public static IReadOnlyList<string> WriteComparison(ComparisonResult r, string page, bool pdf = false, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(page);
        var figures = ComparisonFigures.All(r);
        return Write(page, ComparisonPage.Html(r, figures), figures, pdf, cancel);
    }

    /// <summary>The dynamics run's page and figures; returns the paths written, the page first.</summary>
    /// <exception cref="LayerEntropyException">A file cannot be written; what was there before is left as it was.</exception>
    public static IReadOnlyList<string> WriteDynamics(DynamicsResult r, string folder)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(folder);
        return Dynamics(r, Path.Combine(folder, ReportPage.FileName), pdf: false);
    }

    /// <summary>The page and, in figures/ beside it, its figures, as one set (<see cref="ReportOutput.WritePage"/>).</summary>
    private static IReadOnlyList<string> Write(string page, string html, IReadOnlyList<Figure> figures, bool pdf, CancellationToken cancel) =>
        ReportOutput.WritePage(page, html, figures, Path.Combine(Path.GetDirectoryName(Path.GetFullPath(page))!, ReportOutput.FiguresFolder), pdf, cancel);
}
