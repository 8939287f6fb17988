using System.Diagnostics;
using LayerEntropy.Analysis;
using LayerEntropy.Reports;

namespace LayerEntropy.Bench;

/// <summary>
/// The report's two kinds of figure drawn by its own charting layer and by ScottPlot 5 (SkiaSharp), from one
/// analysis.json: the pattern-entropy depth chart as SVG (one line per class, the pooled set) and the first tap's
/// firing matrix (classes × units) as PNG at the same pixel size. Median time of 20 drawings, and the bytes written.
/// </summary>
internal static class ChartRendering
{
    private const int Repeats = 20;

    public static int Run(string[] args)
    {
        if (args.Length != 1 || !File.Exists(args[0]))
        {
            Console.Error.WriteLine("usage: LayerEntropy.Bench charts ANALYSIS.json");
            return 2;
        }
        var result = AnalysisJson.Load(args[0]);
        var key = MeasureKey.PatternMean;
        var depth = ReportFigures.Depth(result, key.Measure, key.Statistic)!;
        var matrix = ReportFigures.FiringMatrix(result, result.Taps[0])!;
        int width = (int)Math.Round(depth.Width), height = (int)Math.Round(depth.Height);
        int pixelsWide = matrix.Png!.Length > 0 ? (int)Math.Round(matrix.Width * 2) : 0, pixelsHigh = (int)Math.Round(matrix.Height * 2);

        Console.WriteLine($"{args[0]}: {result.Taps.Count} taps, {result.Sets.Count} sets; median of {Repeats} drawings");
        Console.WriteLine($"{"figure",-34} {"ours",10} {"ScottPlot",10} {"ours bytes",11} {"ScottPlot bytes",16}");
        var (oursSvg, oursSvgBytes) = Time(() => ReportFigures.Depth(result, key.Measure, key.Statistic)!.Bytes().Length);
        var (theirsSvg, theirsSvgBytes) = Time(() => DepthPlot(result, key).GetSvgXml(width, height).Length);
        Console.WriteLine($"{$"depth chart, SVG {width}×{height}",-34} {oursSvg,8:F1}ms {theirsSvg,8:F1}ms {oursSvgBytes,11:N0} {theirsSvgBytes,16:N0}");
        var (oursPng, oursPngBytes) = Time(() => ReportFigures.FiringMatrix(result, result.Taps[0])!.Bytes().Length);
        var (theirsPng, theirsPngBytes) = Time(() => MatrixPlot(result).GetImageBytes(pixelsWide, pixelsHigh, ScottPlot.ImageFormat.Png).Length);
        Console.WriteLine($"{$"firing matrix, PNG {pixelsWide}×{pixelsHigh}",-34} {oursPng,8:F1}ms {theirsPng,8:F1}ms {oursPngBytes,11:N0} {theirsPngBytes,16:N0}");
        return 0;
    }

    /// <summary>One line per set over the taps' depths, with a legend and axis labels, as the report's depth chart has.</summary>
    private static ScottPlot.Plot DepthPlot(AnalysisResult r, MeasureKey key)
    {
        var plot = new ScottPlot.Plot();
        double[] depths = [.. r.Taps.Select(t => (double)t.Depth)];
        foreach (var set in r.Sets)
        {
            double[] values = [.. r.Taps.Select(t => r.Find(t.Name, set.Name, key.Measure, key.Statistic)?.Value ?? double.NaN)];
            var line = plot.Add.Scatter(depths, values);
            line.LegendText = set.Name;
            if (set.IsPooled) line.LineWidth = 3;
        }
        plot.Title("Pattern entropy by depth");
        plot.XLabel("depth (hidden FC layer)");
        plot.YLabel("mean h_i (bits per unit)");
        plot.ShowLegend();
        return plot;
    }

    /// <summary>The first tap's firing probability for each class (rows) and unit (columns) as a heatmap with a colour bar.</summary>
    private static ScottPlot.Plot MatrixPlot(AnalysisResult r)
    {
        var tap = r.Taps[0];
        var classes = r.Sets.Where(s => !s.IsPooled).ToArray();
        var cells = new double[classes.Length, tap.Units];
        for (int c = 0; c < classes.Length; c++)
        {
            var p = tap.Sets.First(s => s.Set == classes[c].Name).Units!.FiringProbability;
            for (int u = 0; u < tap.Units; u++) cells[c, u] = p[u];
        }
        var plot = new ScottPlot.Plot();
        var map = plot.Add.Heatmap(cells);
        map.Colormap = new ScottPlot.Colormaps.Viridis();
        plot.Add.ColorBar(map);
        plot.Title($"{tap.Name}: firing probability by class and unit");
        return plot;
    }

    private static (double Milliseconds, int Bytes) Time(Func<int> draw)
    {
        int bytes = draw();
        var times = new double[Repeats];
        for (int i = 0; i < Repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            bytes = draw();
            times[i] = clock.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return (times[Repeats / 2], bytes);
    }
}
