using System.Globalization;
using LayerEntropy.Analysis;
using LayerEntropy.Reports;
using static LayerEntropy.Analysis.MeasureNames;

namespace LayerEntropy.Experiments;

/// <summary>The figures of a dynamics run, drawn from its result alone: accuracy and entropy over training, per headline measure.</summary>
public static class DynamicsFigures
{
    /// <summary>One figure per headline measure that the trained run's checkpoints hold for the pooled set.</summary>
    public static IReadOnlyList<Figure> All(DynamicsResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var figures = new List<Figure>();
        foreach (var (measure, statistic) in Headline)
            if (Measure(r, measure, statistic) is { } f) figures.Add(f);
        return figures;
    }

    internal static readonly Rgba TrainColour = Palette.OkabeIto[0], TestColour = Palette.OkabeIto[4];

    internal static DynamicsRun? Run(DynamicsResult r, string model) => r.Runs.FirstOrDefault(x => x.Model == model);

    /// <summary>The pooled set's value at tap <paramref name="tap"/> (0-based) at each checkpoint of the run.</summary>
    internal static double?[] Values(DynamicsRun run, string measure, string statistic, int tap) =>
        [.. run.Checkpoints.Select(c => c.Findings.FirstOrDefault(f => f.Key == new MeasureKey(measure, statistic) && f.Set == InputSet.PooledName) is { } f
            && tap < f.Values.Count ? f.Values[tap] : null)];

    internal static Figure? Measure(DynamicsResult r, string measure, string statistic)
    {
        if (Run(r, ModelKinds.Trained) is not { Checkpoints.Count: > 0 } trained) return null;
        if (!Enumerable.Range(0, r.Taps.Count).Any(t => Values(trained, measure, statistic, t).Any(v => v is not null))) return null;
        var twin = Run(r, ModelKinds.ShuffledLabels) is { Checkpoints.Count: > 0 } s ? s : null;
        var epochs = r.Runs.SelectMany(run => run.Checkpoints).Select(c => c.Epoch).ToArray();
        var (min, max, step) = Ticks.Round(Math.Min(0, epochs.Min()), epochs.Max());
        // Checkpoints at whole epochs only: no half-epoch ticks between them.
        if (epochs.All(e => e == Math.Floor(e)) && step < 1) step = 1;
        var axis = new LineAxis("epoch (0 = initialisation)", min, max,
            [.. Ticks.Values(min, Math.Floor(max / step) * step, step).Select(v => (v, Ticks.Label(v, step)))]);

        var accuracy = new List<LineSeries>();
        var entropy = new List<LineSeries>();
        foreach (var (run, twinRun) in new[] { (trained, false), (twin, true) })
        {
            if (run is null) continue;
            double[] x = [.. run.Checkpoints.Select(c => c.Epoch)];
            string who = twinRun ? "shuffled labels" : "trained";
            accuracy.Add(new LineSeries($"train, {who}", x, [.. run.Checkpoints.Select(c => (double?)SweepFigures.Percent(c.TrainAccuracy))], Look(TrainColour, twinRun)));
            accuracy.Add(new LineSeries($"test, {who}", x, [.. run.Checkpoints.Select(c => (double?)SweepFigures.Percent(c.TestAccuracy))], Look(TestColour, twinRun)));
            for (int t = 0; t < r.Taps.Count; t++)
                entropy.Add(new LineSeries(twinRun ? $"{r.Taps[t]}, shuffled labels" : r.Taps[t], x, Values(run, measure, statistic, t),
                    Look(Palette.OkabeIto[t % Palette.OkabeIto.Count], twinRun)));
        }
        var entropyLegend = entropy.Take(r.Taps.Count).Select(s => s.Look.Legend(s.Name)).ToList();
        if (twin is not null) entropyLegend.Add(Look(Style.Text, true).Legend("shuffled labels: dashed"));
        var (title, yLabel) = ReportFigures.Describe(measure, statistic, "bits");
        string heading = title.Replace(" by depth", "", StringComparison.Ordinal);
        var data = new LineChartData($"{heading} and accuracy during training", axis,
            [new LinePanel("accuracy (%)", accuracy), new LinePanel($"{yLabel}, pooled", entropy, Legend: entropyLegend)]);
        string caption = $"{heading} during training: top, train and test accuracy"
            + (twin is null ? "" : " (dashed: the twin trained on shuffled labels)")
            + $"; bottom, {measure} ({statistic}) of the pooled set at each tap, epoch 0 being the initialisation. "
            + $"Spearman ρ between each tap's value and test accuracy over the checkpoints (trained run): {Rho(r, measure, statistic)}.";
        return Figure.Chart($"dynamics-{measure}-{statistic}", caption, LineChart.Width, LineChart.Height(2), c => LineChart.Draw(c, data));
    }

    private static LineLook Look(Rgba colour, bool twin) =>
        twin ? new LineLook(colour, Dashed: true, Stroke: 1.5, Marker: LineMarker.None) : new LineLook(colour, Stroke: 2, MarkerRadius: 2.5);

    /// <summary>"fc1 −0.93, fc2 0.10": ρ per tap of the trained run on the pooled set, "undefined" where it has none.</summary>
    internal static string Rho(DynamicsResult r, string measure, string statistic) =>
        string.Join(", ", r.Taps.Select(t => $"{t} {Format(Correlation(r, ModelKinds.Trained, t, measure, statistic))}"));

    internal static double? Correlation(DynamicsResult r, string model, string tap, string measure, string statistic) =>
        r.Correlations.FirstOrDefault(c => c.Model == model && c.Tap == tap && c.Key == new MeasureKey(measure, statistic) && c.Set == InputSet.PooledName)?.Spearman;

    internal static string Format(double? rho) => rho is double v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "undefined";
}
