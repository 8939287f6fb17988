using System.Globalization;
using LayerEntropy.Analysis;
using static LayerEntropy.Analysis.MeasureNames;

namespace LayerEntropy.Reports;

/// <summary>Every figure of a report, drawn from an analysis result alone (never from a live model).</summary>
public static class ReportFigures
{
    /// <summary>All figures, in the order the report shows them.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancel"/> fired; checked between figures.</exception>
    public static IReadOnlyList<Figure> All(AnalysisResult result, CancellationToken cancel = default)
    {
        var figures = new List<Figure>();
        foreach (var (measure, statistic) in Headline)
        {
            cancel.ThrowIfCancellationRequested();
            if (Depth(result, measure, statistic) is { } f) figures.Add(f);
        }
        figures.AddRange(ActivationMaps(result, cancel));
        cancel.ThrowIfCancellationRequested();
        if (FiringMap(result) is { } map) figures.Add(map);
        foreach (var tap in result.Taps)
        {
            cancel.ThrowIfCancellationRequested();
            if (FiringMatrix(result, tap) is { } matrix) figures.Add(matrix);
        }
        cancel.ThrowIfCancellationRequested();
        if (UnitEntropy(result) is { } h) figures.Add(h);
        if (Census(result) is { } census) figures.Add(census);
        return figures;
    }

    /// <summary>The title and y-axis label of a headline measure's depth chart.</summary>
    internal static (string Title, string Axis) Describe(string measure, string statistic, string unit) => (measure, statistic) switch
    {
        (Pattern, Mean) => ("Pattern entropy by depth", $"mean h_i ({unit} per unit)"),
        (Codeword, Normalized) => ("Codeword entropy by depth", "H / log M (normalised)"),
        (Magnitude, Normalized) => ("Magnitude entropy by depth", "mean H(x) / log N (normalised)"),
        (Binned, Normalized) => ("Binned entropy by depth", "H / log M (normalised)"),
        (LabelInformation, Mean) => ("Label information by depth", $"mean I_i ({unit} per unit)"),
        _ => ($"{measure} ({statistic}) by depth", $"{measure} {statistic}"),
    };

    internal static string Unit(AnalysisResult r) => r.Manifest.Options.Units == EntropyUnit.Nats ? "nats" : "bits";

    /// <summary>Entropy versus depth for one measure statistic: a line per set with its bands; null when no tap has the measure.</summary>
    public static Figure? Depth(AnalysisResult r, string measure, string statistic)
    {
        var series = r.Sets.Select(set =>
        {
            var values = r.Taps.Select(t => r.Find(t.Name, set.Name, measure, statistic)).ToArray();
            return new DepthSeries(set.IsPooled ? "pooled" : set.Name, [.. values.Select(v => v?.Value)], [.. values.Select(v => v?.CiLow)], [.. values.Select(v => v?.CiHigh)], set.IsPooled);
        }).Where(s => s.Values.Any(v => v is not null)).ToArray();
        if (series.Length == 0) return null;
        var controls = ReportControls.Curves(r, measure, statistic);
        series = [.. series, .. controls.Select(c => c.Series)];
        int? star = r.Findings.FirstOrDefault(f => f.Key == new MeasureKey(measure, statistic) && f.Set == InputSet.PooledName)?.SaturationDepth;
        var (title, axis) = Describe(measure, statistic, Unit(r));
        var data = new DepthChartData(title, axis, [.. r.Taps.Select(t => t.Name)], series, star);
        string bands = r.Manifest.Options.Bootstrap > 0 ? $"; bands are 95% bootstrap intervals ({r.Manifest.Options.Bootstrap} resamples)" : "";
        string saturation = star is int s ? $"; the dashed line marks the pooled set's saturation depth ℓ* = {s}" : "";
        string controlLines = controls.Count == 0 ? "" : $"; dashed grey lines are the pooled curves of the controls ({string.Join(", ", controls.Select(c => c.Kind))})";
        return Figure.Chart($"depth-{measure}-{statistic}", $"{title}: {measure} ({statistic}) per tap, one line per class and the pooled set in black{bands}{saturation}{controlLines}.",
            DepthChart.Width, DepthChart.Height, c => DepthChart.Draw(c, data));
    }

    /// <summary>One activation map per class with samples: its first inputs by taps, then the class mean.</summary>
    public static IReadOnlyList<Figure> ActivationMaps(AnalysisResult r, CancellationToken cancel = default)
    {
        if (r.Samples is not { } samples) return [];
        var figures = new List<Figure>();
        foreach (var set in r.Sets.Where(s => !s.IsPooled))
        {
            cancel.ThrowIfCancellationRequested();
            var inputs = samples.Inputs.Where(x => x.Set == set.Name).ToList();
            if (inputs.Count == 0) continue;
            var rows = inputs.Select(x => new ActivationRow($"input {x.Id.ToString(CultureInfo.InvariantCulture)}", x.Image,
                [.. x.Taps.Select(v => (IReadOnlyList<double>)[.. v.Select(a => (double)a)])])).ToList();
            var means = r.Taps.Select(t => UnitsOf(t, set.Name)?.MeanActivation).ToArray();
            if (means.All(m => m is not null)) rows.Add(new ActivationRow("class mean", null, [.. means!]));
            var data = new ActivationMapData($"Activation maps: class {set.Name}", samples.InputShape, [.. r.Taps.Select(t => t.Name)], [.. r.Taps.Select(t => t.Units)], rows)
                { ImageShape = samples.ImageShape };
            var (w, h) = ActivationMapFigure.Size(data);
            figures.Add(Figure.Raster($"activations-{set.Label}-{FileSafe(set.Name)}", $"Activation maps of class {set.Name}: its first {inputs.Count} inputs ({r.Manifest.Split} split)"
                + (rows.Count > inputs.Count ? $" and the mean over its {set.Count} inputs" : "")
                + ", each tap's activations folded row by row into a near-square grid; one colour scale per tap (viridis).", w, h, c => ActivationMapFigure.Draw(c, data)));
        }
        return figures;
    }

    /// <summary>Every set's firing probabilities per tap as folded grids; null when no set has inputs.</summary>
    public static Figure? FiringMap(AnalysisResult r)
    {
        if (r.Sets.All(s => s.Count == 0)) return null;
        var probability = r.Sets.Select(set => (IReadOnlyList<IReadOnlyList<double>?>)[.. r.Taps.Select(t => UnitsOf(t, set.Name)?.FiringProbability)]).ToArray();
        var data = new FiringMapData("Firing maps: p(unit fires) per class and tap", [.. r.Taps.Select(t => t.Name)], [.. r.Sets.Select(s => s.Name)], probability);
        var (w, h) = FiringMapFigure.Size(data);
        return Figure.Raster("firing-maps", "Firing maps: each unit's firing probability p_i for every class (rows) and tap (columns), folded as in the activation maps; 0 dark, 1 bright.",
            w, h, c => FiringMapFigure.Draw(c, data));
    }

    /// <summary>The class × unit firing matrix of one tap, units grouped by the class they fire most on; null without classes.</summary>
    public static Figure? FiringMatrix(AnalysisResult r, TapResult tap)
    {
        var classes = r.Sets.Where(s => !s.IsPooled && s.Count > 0).ToArray();
        var p = classes.Select(c => UnitsOf(tap, c.Name)?.FiringProbability).ToArray();
        if (classes.Length == 0 || p.Any(x => x is null)) return null;
        var data = new FiringMatrixData($"{tap.Name}: firing probability by class and unit", [.. classes.Select(c => c.Name)], p!);
        return Figure.Raster($"firing-matrix-{tap.Depth}-{FileSafe(tap.Name)}", $"{tap.Name}: p_i for each class (rows) and unit (columns), units grouped by the class they fire most on (named above each group; \"none\" for units that fire alike on every class), within a group by that rate, highest first.",
            FiringMatrixFigure.Width, FiringMatrixFigure.Height(data), c => FiringMatrixFigure.Draw(c, data));
    }

    /// <summary>Histograms of the pooled set's per-unit entropies, one per tap.</summary>
    public static Figure? UnitEntropy(AnalysisResult r)
    {
        var pooled = r.Taps.Select(t => UnitsOf(t, InputSet.PooledName)?.Entropy).ToArray();
        if (pooled.Any(h => h is null) || pooled.Length == 0) return null;
        string unit = Unit(r);
        var data = new EntropyHistogramData("Per-unit pattern entropy h_i, pooled set", [.. r.Taps.Select(t => t.Name)], pooled!, unit == "nats" ? Math.Log(2) : 1, unit);
        var (w, h) = EntropyHistogramFigure.Size(data);
        return Figure.Chart("unit-entropy", $"How the pooled set's per-unit entropies h_i spread in each tap ({EntropyHistogramFigure.Bins} bins over [0, 1 bit]).", w, h,
            c => EntropyHistogramFigure.Draw(c, data));
    }

    /// <summary>The pooled set's unit census as stacked bars; null when the pooled set is empty.</summary>
    public static Figure? Census(AnalysisResult r)
    {
        int? Count(TapResult t, string statistic) =>
            (int?)r.Find(t.Name, InputSet.PooledName, MeasureNames.Census, statistic)?.Value;
        if (r.Sets.FirstOrDefault(s => s.IsPooled) is not { Count: > 0 } || r.Taps.Count == 0) return null;
        var data = new CensusData("Unit census, pooled set", [.. r.Taps.Select(t => t.Name)], [.. r.Taps.Select(t => t.Units)],
            [.. r.Taps.Select(t => Count(t, Dead) ?? 0)], [.. r.Taps.Select(t => Count(t, AlwaysOn) ?? 0)]);
        return Figure.Chart("census", "Unit census of the pooled set: the share of each tap's units that never fire (dead), always fire (always on), or fire on some inputs.",
            CensusChart.Width, CensusChart.Height, c => CensusChart.Draw(c, data));
    }

    /// <summary>The per-unit statistics of a tap on the named set; null for an empty or absent set.</summary>
    private static UnitStatistics? UnitsOf(TapResult tap, string set) => tap.Sets.FirstOrDefault(s => s.Set == set)?.Units;

    /// <summary>A set or tap name made safe for a file name: letters, digits, '-' and '_' kept, anything else '_'.</summary>
    internal static string FileSafe(string name) =>
        string.Concat(name.Take(MaxNameInFile).Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' ? ch : '_'));

    /// <summary>
    /// The most characters of a class or tap name a figure's file name takes: with the depth or label before it (which
    /// keep names unique) and the folder's path, the name stays far inside the 255 bytes a file name may have.
    /// </summary>
    internal const int MaxNameInFile = 48;
}
