using LayerEntropy.Analysis;
using LayerEntropy.Reports;

namespace LayerEntropy.Experiments;

/// <summary>The figures of a comparison, drawn from comparison.json alone: score against test accuracy, and every run's curve.</summary>
public static class ComparisonFigures
{
    /// <summary>The scatter (where some run has an accuracy), then the curves.</summary>
    public static IReadOnlyList<Figure> All(ComparisonResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var figures = new List<Figure>();
        if (Scatter(r) is { } scatter) figures.Add(scatter);
        if (Curves(r) is { } curves) figures.Add(curves);
        return figures;
    }

    private static Rgba Colour(int i) => Palette.OkabeIto[i % Palette.OkabeIto.Count];

    private static string Unit(ComparisonResult r) => r.Units == EntropyUnit.Nats ? "nats" : "bits";

    private static string ScoreLabel(ComparisonResult r) =>
        $"score: {r.Measure} {r.Statistic} {(r.Score == ScoreKind.Mean ? "mean over the taps" : "at the last tap")}";

    /// <summary>A dot per run with a known accuracy: its test accuracy across, its score up; null when no run has an accuracy.</summary>
    internal static Figure? Scatter(ComparisonResult r)
    {
        var runs = r.Runs.Select((run, i) => (run, i)).Where(x => x.run.TestAccuracy is not null).ToArray();
        if (runs.Length == 0) return null;
        var series = runs.Select(x => new LineSeries($"#{x.run.Rank} {x.run.Label}", [SweepFigures.Percent(x.run.TestAccuracy!.Value)], [x.run.Score],
            new LineLook(Colour(x.i), MarkerRadius: 4.5, Line: false))).ToList();
        double lo = runs.Min(x => SweepFigures.Percent(x.run.TestAccuracy!.Value)), hi = runs.Max(x => SweepFigures.Percent(x.run.TestAccuracy!.Value));
        var (min, max, _) = Ticks.Round(lo - Math.Max(0.5, (hi - lo) * 0.1), hi + Math.Max(0.5, (hi - lo) * 0.1));
        string rho = r.ScoreVsAccuracy.Spearman is double s ? $"Spearman ρ = {s.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}" : "Spearman ρ undefined";
        var data = new LineChartData($"Entropy score against test accuracy ({rho})", new LineAxis("test accuracy (%)", min, max), [new LinePanel(ScoreLabel(r), series)]);
        return Figure.Chart("comparison-scatter", $"Each run's score ({r.Measure} {r.Statistic} on the {r.Set} set, {Unit(r)}) against its test accuracy, one dot per run, "
            + $"labelled with its rank (1 = lowest score); {rho} over {r.ScoreVsAccuracy.Runs} runs.", LineChart.Width, LineChart.Height(1), c => LineChart.Draw(c, data));
    }

    /// <summary>Every run's curve over its taps, by depth; null when no run has a value.</summary>
    internal static Figure? Curves(ComparisonResult r)
    {
        int depth = r.Runs.Count == 0 ? 0 : r.Runs.Max(run => run.Curve.Count);
        if (depth == 0) return null;
        var series = r.Runs.Select((run, i) => new LineSeries($"#{run.Rank} {run.Label}", [.. Enumerable.Range(1, run.Curve.Count).Select(d => (double)d)],
            [.. run.Curve.Select(v => (double?)v)], new LineLook(Colour(i), Stroke: 2))).ToList();
        var axis = new LineAxis("tap (depth →)", 0.5, depth + 0.5, LineChart.Whole(Enumerable.Range(1, depth)));
        var data = new LineChartData($"{r.Measure} ({r.Statistic}) by depth, one line per run", axis, [new LinePanel($"{r.Measure} {r.Statistic}", series)]);
        return Figure.Chart("comparison-curves", $"{r.Measure} ({r.Statistic}) of the {r.Set} set at each tap, one line per run, labelled with its rank.",
            LineChart.Width, LineChart.Height(1), c => LineChart.Draw(c, data));
    }
}
