using System.Globalization;
using LayerEntropy.Analysis;

namespace LayerEntropy.Experiments;

/// <summary>
/// Lines up the entropy profiles of saved analyses (checkpoints of one training run, or different models) by one
/// measure statistic on one set, ranks the runs by a score taken from each profile, and where test accuracies are
/// known says how well the ranking follows them: the library function behind `layerentropy compare`.
/// </summary>
public static class ModelComparison
{
    /// <summary>Fewer runs than this give no Spearman's ρ: with two, ρ is ±1 whatever the values.</summary>
    public const int MinimumForCorrelation = 3;

    /// <summary>Reads every analysis.json and compares them.</summary>
    /// <exception cref="LayerEntropyException">
    /// Fewer than two files, a file missing or not an analysis.json, a run without the statistic or set asked for,
    /// or bad options; the message is one line naming the file.
    /// </exception>
    public static ComparisonResult Compare(IReadOnlyList<string> analysisPaths, ComparisonOptions options)
    {
        ArgumentNullException.ThrowIfNull(analysisPaths);
        ArgumentNullException.ThrowIfNull(options);
        if (analysisPaths.Count < 2)
            throw new LayerEntropyException($"compare needs at least two analysis.json files (got {analysisPaths.Count})");
        string statistic = StatisticOf(options);
        var given = GivenAccuracies(analysisPaths.Count, options);
        // Every file is read before any accuracy is looked up, so a bad file fails at once however many come before it.
        var results = analysisPaths.Select(Load).ToList();
        string[] labels = Labels(analysisPaths);
        var warnings = new List<string>();
        var curves = new List<(TapResult[] Taps, double[] Curve, bool Monotonic, int? Saturation)>();
        for (int r = 0; r < results.Count; r++)
            curves.Add(Curve(results[r], analysisPaths[r], options.Measure, statistic, options.Set));
        CheckComparable(results, analysisPaths, options.Measure, statistic, warnings);

        double[] scores = [.. curves.Select(c => options.Score == ScoreKind.Last ? c.Curve[^1] : c.Curve.Average())];
        int[] order = [.. Enumerable.Range(0, scores.Length).OrderBy(i => scores[i]).ThenBy(i => i)];
        var ranks = new int[scores.Length];
        for (int k = 0; k < order.Length; k++)
            ranks[order[k]] = k > 0 && scores[order[k]] == scores[order[k - 1]] ? ranks[order[k - 1]] : k + 1;

        var runs = new List<ComparedRun>();
        for (int r = 0; r < results.Count; r++)
        {
            var (accuracy, source) = AccuracyOf(results[r], analysisPaths[r], labels[r], options.Accuracy, given?[r], warnings);
            var (taps, curve, monotonic, saturation) = curves[r];
            runs.Add(new ComparedRun(labels[r], analysisPaths[r], results[r].Manifest.Model, results[r].Manifest.Dataset,
                [.. taps.Select(t => t.Name)], curve, monotonic, saturation, scores[r], ranks[r], accuracy, source));
        }
        var scoreVsAccuracy = Correlate(runs.Select(r => (r.Score, r.TestAccuracy)));
        int depths = runs.Max(r => r.Curve.Count);
        var tapsVsAccuracy = Enumerable.Range(1, depths).Select(d =>
        {
            var at = runs.Where(r => r.Curve.Count >= d).ToList();
            var names = at.Select(r => r.Taps[d - 1]).Distinct(StringComparer.Ordinal).ToList();
            var correlation = Correlate(at.Select(r => (r.Curve[d - 1], r.TestAccuracy)));
            return new TapCorrelation(d, names.Count == 1 ? names[0] : null, correlation.Runs, correlation.Spearman);
        }).ToList();
        var ranking = order.Select(i => labels[i]).ToList();
        string summary = Summarize(options, statistic, runs, order, scoreVsAccuracy);
        return new ComparisonResult(ComparisonResult.CurrentSchemaVersion, "layerentropy", Analyzer.ToolVersion, options.Measure, statistic,
            options.Set, options.Score, results[0].Manifest.Options.Units, runs, ranking, scoreVsAccuracy, tapsVsAccuracy, summary, warnings);
    }

    private static string StatisticOf(ComparisonOptions options)
    {
        if (!AllMeasures.Contains(options.Measure))
            throw new LayerEntropyException($"unknown measure '{options.Measure}'; use one of {string.Join(", ", AllMeasures)}");
        if (options.Statistic is { } statistic) return statistic;
        foreach (var (measure, headline) in MeasureNames.Headline)
            if (measure == options.Measure) return headline;
        throw new LayerEntropyException($"{options.Measure} has no headline statistic: name one ({MeasureNames.Dead} or {MeasureNames.AlwaysOn})");
    }

    private static readonly string[] AllMeasures =
        [MeasureNames.Pattern, MeasureNames.Codeword, MeasureNames.Magnitude, MeasureNames.Binned, MeasureNames.LabelInformation, MeasureNames.Census];

    private static IReadOnlyList<double>? GivenAccuracies(int files, ComparisonOptions options)
    {
        if (options.Accuracy != AccuracySource.Given)
            return options.Accuracies is null ? null
                : throw new LayerEntropyException("accuracies were given but the accuracy source is not 'given'");
        var given = options.Accuracies ?? throw new LayerEntropyException("the accuracy source 'given' needs one accuracy per analysis");
        if (given.Count != files)
            throw new LayerEntropyException($"{given.Count} accuracies given for {files} analyses: give one per analysis, in the same order");
        foreach (double a in given)
            if (!(a is >= 0 and <= 1))
                throw new LayerEntropyException($"accuracy {a.ToString(CultureInfo.InvariantCulture)} is not a fraction in [0, 1] (write 97.5% as 0.975)");
        return given;
    }

    private static AnalysisResult Load(string path)
    {
        if (Directory.Exists(path)) throw LayerEntropyException.ForFile(path, $"is a folder: give the {AnalysisOutput.JsonFileName} inside it");
        if (!File.Exists(path)) throw LayerEntropyException.ForFile(path, "file not found");
        return AnalysisJson.Load(path);
    }

    /// <summary>
    /// The run's values over its taps in depth order: from its depth finding when it has one (the headline
    /// statistics), else from the taps, with monotonicity and ℓ* found the way the analysis finds them.
    /// </summary>
    private static (TapResult[] Taps, double[] Curve, bool Monotonic, int? Saturation) Curve(
        AnalysisResult result, string path, string measure, string statistic, string set)
    {
        var taps = result.Taps.OrderBy(t => t.Depth).ToArray();
        if (taps.Length == 0) throw LayerEntropyException.ForFile(path, "has no taps");
        if (!result.Sets.Any(s => s.Name == set))
            throw LayerEntropyException.ForFile(path, $"has no set '{set}' (its sets: {string.Join(", ", result.Sets.Select(s => s.Name))})");
        var finding = result.Findings.FirstOrDefault(f => f.Key == new MeasureKey(measure, statistic) && f.Set == set);
        IReadOnlyList<double?> values = finding?.Values ?? [.. taps.Select(t => result.Find(t.Name, set, measure, statistic)?.Value)];
        if (values.Count != taps.Length)
            throw LayerEntropyException.ForFile(path, $"its {measure} ({statistic}) finding on set '{set}' has {values.Count} values for {taps.Length} taps");
        if (finding is null && taps.All(t => result.Find(t.Name, set, measure, statistic) is null))
            throw LayerEntropyException.ForFile(path, $"has no {measure} ({statistic}) values on set '{set}'");
        int missing = values.ToList().FindIndex(v => v is null);
        if (missing >= 0)
            throw LayerEntropyException.ForFile(path, $"{measure} ({statistic}) on set '{set}' is undefined at {taps[missing].Name} (an empty set, or a statistic the analysis did not compute)");
        double[] curve = [.. values.Select(v => v!.Value)];
        int? firstBreak = DepthAnalysis.FirstBreak(curve);
        return (taps, curve, finding?.Monotonic ?? firstBreak is null,
            finding is not null ? finding.SaturationDepth : DepthAnalysis.Saturation(curve, result.Manifest.Options.Delta));
    }

    /// <summary>Entropies in bits and nats cannot be ranked together; different thresholds or data can, with care.</summary>
    private static void CheckComparable(List<AnalysisResult> results, IReadOnlyList<string> paths, string measure, string statistic, List<string> warnings)
    {
        var first = results[0].Manifest;
        bool hasUnit = measure != MeasureNames.Census && statistic is not (MeasureNames.Normalized or MeasureNames.ZeroInputs);
        for (int r = 1; r < results.Count; r++)
            if (hasUnit && results[r].Manifest.Options.Units != first.Options.Units)
                throw LayerEntropyException.ForSetting(
                    $"{paths[r]}: its entropies are in {Unit(results[r])} but those of {paths[0]} are in {Unit(results[0])}: analyse both with the same {SettingName.Of<AnalysisOptions>(nameof(AnalysisOptions.Units))}");
        if (results.Select(x => x.Manifest.Options.Threshold).Distinct().Count() > 1)
            warnings.Add($"the runs fire at different thresholds ({string.Join(", ", results.Select(x => x.Manifest.Options.Threshold.ToString(CultureInfo.InvariantCulture)).Distinct())}): their patterns differ by definition");
        var data = results.Select(x => $"{x.Manifest.Dataset ?? "recorded activations"} ({x.Manifest.Split})").Distinct().ToList();
        if (data.Count > 1)
            warnings.Add($"the runs were analysed on different inputs ({string.Join(", ", data)})");
    }

    private static string Unit(AnalysisResult r) => r.Manifest.Options.Units == EntropyUnit.Nats ? "nats" : "bits";

    private static (double? Accuracy, string? Source) AccuracyOf(AnalysisResult result, string path, string label, AccuracySource source,
        double? given, List<string> warnings)
    {
        switch (source)
        {
            case AccuracySource.Given:
                return (given, "given");
            case AccuracySource.Model:
                var (accuracy, note) = RecordedAccuracy.Of(result, path);
                if (note is not null) warnings.Add($"{label}: test accuracy unknown: {note}");
                return (accuracy, accuracy is null ? null : "model");
            default:
                return (null, null);
        }
    }

    private static AccuracyCorrelation Correlate(IEnumerable<(double Value, double? Accuracy)> pairs)
    {
        var known = pairs.Where(p => p.Accuracy is not null).ToList();
        if (known.Count < MinimumForCorrelation) return new AccuracyCorrelation(known.Count, null);
        return new AccuracyCorrelation(known.Count, DepthAnalysis.Spearman([.. known.Select(p => p.Value)], [.. known.Select(p => p.Accuracy!.Value)]));
    }

    /// <summary>"ranked by pattern entropy (mean) at the last layer, pooled set: b &lt; a &lt; c; Spearman ρ with test accuracy −0.80 over 3 runs".</summary>
    private static string Summarize(ComparisonOptions options, string statistic, List<ComparedRun> runs, int[] order, AccuracyCorrelation correlation)
    {
        string name = options.Measure switch
        {
            MeasureNames.LabelInformation => "label information",
            MeasureNames.Census => "census",
            var m => $"{m} entropy",
        };
        string where = options.Score == ScoreKind.Last ? "at the last layer" : "averaged over the layers";
        string set = options.Set == InputSet.PooledName ? "pooled set" : $"set '{options.Set}'";
        var chain = new System.Text.StringBuilder(runs[order[0]].Label);
        for (int k = 1; k < order.Length; k++)
            chain.Append(runs[order[k]].Score == runs[order[k - 1]].Score ? " = " : " < ").Append(runs[order[k]].Label);
        int known = runs.Count(r => r.TestAccuracy is not null);
        string accuracy = correlation.Spearman is { } rho
            ? $"Spearman ρ with test accuracy {Signed(rho)} over {correlation.Runs} runs"
            : known == 0 ? "no test accuracy known"
            : known < MinimumForCorrelation ? $"test accuracy known for {known} of {runs.Count} runs, too few for Spearman's ρ (needs {MinimumForCorrelation})"
            : $"no Spearman ρ with test accuracy: the scores or the accuracies of the {known} runs are all equal";
        return $"ranked by {name} ({statistic}) {where}, {set}: {chain}; {accuracy}";
    }

    /// <summary>Two decimals with a true minus sign, as the sentence is read rather than parsed.</summary>
    private static string Signed(double x) => x.ToString("0.00", CultureInfo.InvariantCulture).Replace("-", "\u2212", StringComparison.Ordinal);

    /// <summary>
    /// Each analysis's folder name; where two share one, the parent folders are added until they differ
    /// (a/ep1, b/ep1), and the same file given twice gets #2, #3.
    /// </summary>
    internal static string[] Labels(IReadOnlyList<string> paths)
    {
        string[] folders = [.. paths.Select(p => Path.GetDirectoryName(Path.GetFullPath(p))!)];
        var parts = folders.Select(f => f.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries)).ToArray();
        int[] take = [.. parts.Select(_ => 1)];
        string Label(int i) => parts[i].Length == 0 ? "/" : string.Join('/', parts[i][^Math.Min(take[i], parts[i].Length)..]);
        for (bool changed = true; changed;)
        {
            changed = false;
            // A folder given twice cannot be told apart by its parents: such a group is left to the #n suffixes.
            foreach (var group in Enumerable.Range(0, paths.Count).GroupBy(Label).Where(g => g.Select(i => folders[i]).Distinct().Count() > 1))
                foreach (int i in group.Where(i => take[i] < parts[i].Length))
                {
                    take[i]++;
                    changed = true;
                }
        }
        var labels = Enumerable.Range(0, paths.Count).Select(Label).ToArray();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < labels.Length; i++)
        {
            int n = seen[labels[i]] = seen.GetValueOrDefault(labels[i]) + 1;
            if (n > 1) labels[i] += $"#{n}";
        }
        return labels;
    }
}
