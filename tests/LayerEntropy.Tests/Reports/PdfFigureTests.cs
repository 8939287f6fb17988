using System.Diagnostics;
using LayerEntropy.Experiments;
using LayerEntropy.Reports;
using LayerEntropy.Tests.Cli;

namespace LayerEntropy.Tests.Reports;

/// <summary>Figures as PDF, read back by poppler (Debian's poppler-utils, which .ci/run installs): the file is whole and its text is text.</summary>
public class PdfFigureTests
{
    private static string Run(string tool, params string[] args)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args) info.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{tool} not found: .ci/run installs poppler-utils", e);
        }
        using (process)
        {
            string stdout = process.StandardOutput.ReadToEnd(), stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0 && stderr.Length == 0, $"{tool} {string.Join(' ', args)}: exit {process.ExitCode}\n{stderr}");
            return stdout;
        }
    }

    /// <summary>Whitespace-insensitive, since pdftotext breaks lines where it sees fit.</summary>
    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    [Fact]
    public void AChartAsPdfPassesPdfinfoAndHoldsItsText()
    {
        using var dir = new TempDir();
        var figure = SweepFigures.All(ExperimentFixture.Sweep()).First(f => f.Name == "sweep-saturation");
        string pdf = dir.Write("figure.pdf", figure.Pdf());
        string info = Run("pdfinfo", pdf);
        Assert.Matches("(?m)^Pages: +1$", info);
        // 760 × 420 figure units of 0.75 pt.
        Assert.Matches("(?m)^Page size: +570 x 315 pts", info);
        string text = Squeeze(Run("pdftotext", "-raw", pdf, "-"));
        foreach (string expected in new[] { "Saturation depth of pattern entropy by FC depth", "hidden FC layers in the head (FC depth)", "y = x: every layer carries the drop", "median ℓ* over seeds × classes, trained".Replace('ℓ', 'l') })
            Assert.Contains(Squeeze(expected), text, StringComparison.Ordinal);
    }

    [Fact]
    public void GreekTextAndHeatmapsGoIntoThePdf()
    {
        using var dir = new TempDir();
        var canvas = new PdfCanvas(200, 100);
        canvas.Text(10, 20, "Spearman ρ = −0.80", 12, Style.Text);
        canvas.Text(190, 60, "end", 12, Style.Text, TextAnchor.End, bold: true);
        var image = new RgbaImage(2, 1);
        image[0, 0] = Rgba.Black;
        image[1, 0] = Rgba.White.WithOpacity(0.5);
        canvas.Image(10, 70, 40, 20, image);
        string pdf = dir.Write("text.pdf", canvas.ToPdf("greek"));
        Assert.Matches("(?m)^Title: +greek$", Run("pdfinfo", pdf));
        string text = Run("pdftotext", pdf, "-");
        Assert.Contains("Spearman ρ = −0.80", text, StringComparison.Ordinal);
        Assert.Contains("end", text, StringComparison.Ordinal);
        // The half-transparent pixel gives the 2 × 1 image a soft mask.
        var images = Run("pdfimages", "-list", pdf).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        Assert.Equal([("image", "2", "1"), ("smask", "2", "1")], images.Select(f => (f[2], f[3], f[4])));
    }

    [Fact]
    public void ReportPdfWritesAPdfBesideEveryFigure()
    {
        using var dir = new TempDir();
        string json = dir.Copy(ReportFixture.JsonPath, "run/analysis.json");
        var r = CliRunner.InProcess("report", json, "--pdf");
        Assert.True(r.ExitCode == 0, r.Error);
        var files = Directory.GetFiles(dir.File("run", "figures")).Select(Path.GetFileName).ToArray();
        var figures = ReportFigures.All(LayerEntropy.Analysis.AnalysisJson.Load(json));
        Assert.Equal(2 * figures.Count, files.Length);
        foreach (var f in figures) Assert.Contains(f.PdfFileName, files);
        string census = dir.File("run", "figures", "census.pdf");
        Assert.Contains(Squeeze("Unit census, pooled set"), Squeeze(Run("pdftotext", census, "-")), StringComparison.Ordinal);
    }
}
