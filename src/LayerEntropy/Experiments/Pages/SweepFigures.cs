using System.Globalization;
using LayerEntropy.Analysis;
using LayerEntropy.Reports;
using static LayerEntropy.Analysis.MeasureNames;

namespace LayerEntropy.Experiments;

/// <summary>The figures of a depth sweep, drawn from its result alone: accuracy, saturation depth and the entropy profiles by FC depth.</summary>
public static class SweepFigures
{
    /// <summary>Test accuracy, then the saturation depth, then one profile chart per headline measure; each only where its data is there.</summary>
    public static IReadOnlyList<Figure> All(SweepResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var figures = new List<Figure>();
        if (Accuracy(r) is { } accuracy) figures.Add(accuracy);
        if (Saturation(r) is { } saturation) figures.Add(saturation);
        foreach (var (measure, statistic) in Headline)
            if (Profiles(r, measure, statistic) is { } profiles) figures.Add(profiles);
        return figures;
    }

    internal static readonly Rgba TrainedColour = Palette.OkabeIto[4], SaturationColour = Palette.OkabeIto[5];

    /// <summary>Accuracy fractions are shown as percentages.</summary>
    internal static double Percent(double fraction) => fraction * 100;

    internal static DepthResult[] Ordered(SweepResult r) => [.. r.Depths.OrderBy(d => d.Depth)];

    /// <summary>The depths along x, one tick each, half a step of room either side.</summary>
    private static LineAxis DepthAxis(DepthResult[] depths) =>
        new("hidden FC layers in the head (FC depth)", depths[0].Depth - 0.5, depths[^1].Depth + 0.5, LineChart.Whole(depths.Select(d => d.Depth)));

    internal static Figure? Accuracy(SweepResult r)
    {
        var depths = Ordered(r);
        if (depths.Length == 0) return null;
        double[] x = [.. depths.Select(d => (double)d.Depth)];
        var series = new List<LineSeries>
        {
            new("trained: mean over seeds, bars min–max", x, [.. depths.Select(d => (double?)Percent(d.Accuracy.Mean))], new LineLook(TrainedColour, Stroke: 2),
                [.. depths.Select(d => (double?)Percent(d.Accuracy.Min))], [.. depths.Select(d => (double?)Percent(d.Accuracy.Max))]),
        };
        bool shuffled = depths.Any(d => d.ShuffledLabelsAccuracy is not null);
        if (shuffled)
            series.Add(new("shuffled labels: mean over seeds", x, [.. depths.Select(d => d.ShuffledLabelsAccuracy is { } s ? Percent(s.Mean) : (double?)null)],
                new LineLook(Palette.Pooled, Dashed: true, Stroke: 1.75)));
        var data = new LineChartData("Test accuracy by FC depth", DepthAxis(depths), [new LinePanel("test accuracy (%)", series)]);
        int seeds = depths.Max(d => d.Seeds.Count);
        string caption = $"Test accuracy by FC depth: the mean over {Count(seeds, "seed")} with bars from the lowest to the highest seed"
            + (shuffled ? "; dashed grey, the same networks trained on shuffled labels." : ".");
        return Figure.Chart("sweep-accuracy", caption, LineChart.Width, LineChart.Height(1), c => LineChart.Draw(c, data));
    }

    /// <summary>The pooled pattern-entropy finding of one model kind at one depth.</summary>
    internal static ProfileFinding? PatternFinding(DepthResult d, string model) =>
        d.Findings.FirstOrDefault(f => f.Model == model && f.Key == MeasureKey.PatternMean && f.Set == InputSet.PooledName);

    /// <summary>How far apart the seeds' dots at one depth are drawn, so equal ℓ* stay countable.</summary>
    internal const double Jitter = 0.06;

    internal static Figure? Saturation(SweepResult r)
    {
        var depths = Ordered(r);
        var trained = depths.Select(d => d.ClassSaturation(ModelKinds.Trained).Median).ToArray();
        if (trained.All(m => m is null)) return null;
        var axis = DepthAxis(depths);
        var dotX = new List<double>();
        var dotY = new List<double?>();
        foreach (var d in depths)
        {
            var seeds = d.SeedClassSaturation(ModelKinds.Trained);
            for (int k = 0; k < seeds.Count; k++)
            {
                if (seeds[k] is not double star) continue;
                dotX.Add(d.Depth + (k - (seeds.Count - 1) / 2.0) * Jitter);
                dotY.Add(star);
            }
        }
        double[] x = [.. depths.Select(d => (double)d.Depth)];
        var series = new List<LineSeries>
        {
            new("y = x: every layer carries the drop", [axis.Min, axis.Max], [axis.Min, axis.Max], new LineLook(Style.Muted, Dashed: true, Stroke: 1, Marker: LineMarker.None)),
            new("median ℓ* over the classes, each seed", dotX, dotY, new LineLook(SaturationColour, Opacity: 0.55, MarkerRadius: 2.5, Line: false)),
            new("median ℓ* over seeds × classes, trained", x, trained, new LineLook(SaturationColour, Stroke: 2)),
        };
        var reinit = depths.Select(d => d.ClassSaturation(ModelKinds.Reinit).Median).ToArray();
        if (reinit.Any(m => m is not null))
            series.Add(new("the same, reinit control", x, reinit, new LineLook(Palette.Pooled, Dashed: true, Stroke: 1.75, MarkerRadius: 2.5)));
        var data = new LineChartData("Saturation depth of pattern entropy by FC depth", axis,
            [new LinePanel("saturation depth ℓ* (per class)", series, (0, depths[^1].Depth + 0.5))]);
        string caption = "Saturation depth ℓ* of the pattern entropy (mean) on each class's images, by FC depth: a dot per seed (its median over the classes whose curve drops), the line through the median over every seed and class"
            + (reinit.Any(m => m is not null) ? ", dashed grey the same for the networks at initialisation" : "")
            + $"; on the thin dashed diagonal y = x every layer carries the drop, below it the last layers add little (δ = {r.Settings.Analysis.Delta.ToString("R", CultureInfo.InvariantCulture)}).";
        return Figure.Chart("sweep-saturation", caption, LineChart.Width, LineChart.Height(1), c => LineChart.Draw(c, data));
    }

    /// <summary>The curve of one model kind, measure statistic and set at one depth.</summary>
    internal static ProfileCurve? Curve(DepthResult d, string model, string measure, string statistic, string set) =>
        d.Curves.FirstOrDefault(c => c.Model == model && c.Key == new MeasureKey(measure, statistic) && c.Set == set);

    internal static Figure? Profiles(SweepResult r, string measure, string statistic)
    {
        var depths = Ordered(r);
        ProfileCurve? Pooled(DepthResult d, string model) => Curve(d, model, measure, statistic, InputSet.PooledName);
        string[] models = [ModelKinds.Trained, ModelKinds.Reinit, ModelKinds.ShuffledLabels];
        if (!depths.Any(d => models.Any(m => Pooled(d, m)?.Layers.Any(l => l is not null) == true))) return null;
        bool shuffled = depths.Any(d => Pooled(d, ModelKinds.ShuffledLabels) is not null);
        var series = new List<LineSeries>();
        var legend = new List<LegendEntry>();
        int layers = depths.Max(d => Math.Max(d.Depth, models.Max(m => Pooled(d, m)?.Layers.Count ?? 0)));
        for (int i = 0; i < depths.Length; i++)
        {
            var d = depths[i];
            var colour = Palette.OkabeIto[i % Palette.OkabeIto.Count];
            legend.Add(new LegendEntry(Count(d.Depth, "FC layer"), colour, StrokeWidth: 2));
            if (Pooled(d, ModelKinds.Reinit) is { } reinit) series.Add(Line($"{d.Depth} reinit", reinit, ReinitLook(colour)));
            if (Pooled(d, ModelKinds.ShuffledLabels) is { } s) series.Add(Line($"{d.Depth} shuffled labels", s, ShuffledLook(colour)));
            if (Pooled(d, ModelKinds.Trained) is { } trained) series.Add(Line($"{d.Depth} trained", trained, new LineLook(colour, Stroke: 2)));
        }
        legend.Add(new LegendEntry("trained: solid", Style.Text, StrokeWidth: 2));
        legend.Add(ReinitLook(Style.Text).Legend("reinit: dashed, light"));
        if (shuffled) legend.Add(ShuffledLook(Style.Text).Legend("shuffled labels: thin, squares"));
        var (title, yLabel) = ReportFigures.Describe(measure, statistic, "bits");
        var axis = new LineAxis("hidden FC layer (depth →)", 0.5, layers + 0.5, LineChart.Whole(Enumerable.Range(1, layers)));
        var data = new LineChartData($"{title}: one line per FC depth", axis, [new LinePanel(yLabel, series, Legend: legend)]);
        string caption = $"{title}: {measure} ({statistic}) of the pooled set at each hidden FC layer, the mean over seeds, one colour per FC depth; "
            + "solid the trained networks, dashed and light the same networks at initialisation (reinit control)"
            + (shuffled ? ", thin with squares the networks trained on shuffled labels." : ".");
        return Figure.Chart($"sweep-profiles-{measure}-{statistic}", caption, LineChart.Width, LineChart.Height(1), c => LineChart.Draw(c, data));
    }

    private static LineLook ReinitLook(Rgba colour) => new(colour, Dashed: true, Stroke: 1.5, Opacity: 0.5, Marker: LineMarker.None);

    private static LineLook ShuffledLook(Rgba colour) => new(colour, Stroke: 1, Marker: LineMarker.Square, MarkerRadius: 2.5);

    /// <summary>A curve's mean over seeds at layers 1, 2, …</summary>
    private static LineSeries Line(string name, ProfileCurve curve, LineLook look) =>
        new(name, [.. Enumerable.Range(1, curve.Layers.Count).Select(l => (double)l)], [.. curve.Layers.Select(l => l?.Mean)], look);

    internal static string Count(int n, string noun) => $"{n.ToString(CultureInfo.InvariantCulture)} {noun}{(n == 1 ? "" : "s")}";
}
