using System.Globalization;

namespace LayerEntropy.Analysis;

/// <summary>
/// Finds where a result read from analysis.json contradicts itself, so that a damaged or hand-edited file is refused
/// with the place named instead of failing somewhere inside a report: counts that are negative, a set, tap or depth
/// that names none there is, per-tap or per-unit lists of another length than the sets, taps or units they belong to,
/// or depth findings whose indices lie outside their values. Runs after <see cref="ResultCheck"/>, so every list and
/// entry the records promise is there; the place is a JSON path, e.g. <c>findings[5].first_break</c>.
/// </summary>
internal static class ResultConsistency
{
    public static string? FirstProblem(AnalysisResult r) =>
        Manifest(r.Manifest, r.Taps) ?? Sets(r.Sets) ?? Taps(r.Taps, r.Sets)
        ?? Findings("findings", r.Findings, r.Sets, r.Taps.Count) ?? Samples(r.Samples, r.Sets, r.Taps)
        ?? (r.Controls is { } controls ? Controls(controls, r.Sets) : null);

    private static string? Manifest(RunManifest m, IReadOnlyList<TapResult> taps)
    {
        var o = m.Options;
        if (m.Inputs < 0) return $"manifest.inputs is {m.Inputs}, a negative count";
        if (m.Taps.Count != taps.Count || !m.Taps.SequenceEqual(taps.Select(t => t.Name)))
            return $"manifest.taps [{string.Join(", ", m.Taps)}] does not name the taps [{string.Join(", ", taps.Select(t => t.Name))}]";
        if (Options("manifest.options", o) is { } problem) return problem;
        if (m.Accuracy is { } a && (a.Inputs < 0 || a.Correct < 0 || a.Correct > a.Inputs))
            return $"manifest.accuracy: {a.Correct} correct of {a.Inputs} inputs is not a count of right answers";
        if (m.Binning is { } binning) return Binning(binning, taps);
        return null;
    }

    /// <summary>What is wrong with options read from a file (at <paramref name="at"/>), as <see cref="AnalysisOptions.Validate"/> would refuse them.</summary>
    public static string? Options(string at, AnalysisOptions o)
    {
        if (!float.IsFinite(o.Threshold)) return $"{at}.threshold is {o.Threshold.ToString(CultureInfo.InvariantCulture)}, not a finite number";
        if (o.Bins is < 0 or > 255) return $"{at}.bins is {o.Bins}, not between 0 and 255";
        if (o.AutoBins && o.Bins < 2) return $"{at}.bins is {o.Bins}, but auto bins need at most B ≥ 2";
        if (!(o.Delta > 0 && o.Delta < 1)) return $"{at}.delta is {Text(o.Delta)}, not between 0 and 1";
        if (o.Bootstrap < 0) return $"{at}.bootstrap is {o.Bootstrap}, a negative count";
        if (o.Samples is < 0 or > 100) return $"{at}.samples is {o.Samples}, not between 0 and 100";
        if (o.LimitPerClass is < 1) return $"{at}.limit_per_class is {o.LimitPerClass}, not at least 1";
        return null;
    }

    private static string? Binning(BinChoice binning, IReadOnlyList<TapResult> taps)
    {
        if (binning.Taps.Count != taps.Count) return $"manifest.binning.taps has {binning.Taps.Count} entries, but there are {taps.Count} taps";
        for (int t = 0; t < taps.Count; t++)
        {
            var b = binning.Taps[t];
            string at = $"manifest.binning.taps[{t}]";
            if (b is null) return $"{at} is missing (null)";
            if (b.Tap != taps[t].Name) return $"{at}.tap is '{b.Tap}', but taps[{t}] is '{taps[t].Name}'";
            if (b.Bins is < 2 or > 255) return $"{at}.bins is {b.Bins}, not between 2 and 255";
            if (b.Edges is null) return $"{at}.edges is missing (null)";
            if (b.Edges.Count != b.Bins - 1) return $"{at}.edges has {b.Edges.Count} values, but {b.Bins} bins have {b.Bins - 1}";
            for (int i = 0; i < b.Edges.Count; i++)
                if (!float.IsFinite(b.Edges[i]) || (i > 0 && b.Edges[i] < b.Edges[i - 1]))
                    return $"{at}.edges[{i}] is {b.Edges[i].ToString(CultureInfo.InvariantCulture)}, not a finite edge above the one before";
        }
        return null;
    }

    private static string? Sets(IReadOnlyList<InputSet> sets)
    {
        int classes = sets.Count(s => !s.IsPooled);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var labels = new HashSet<int>();
        for (int s = 0; s < sets.Count; s++)
        {
            var set = sets[s];
            string at = $"sets[{s}]";
            if (!names.Add(set.Name)) return $"{at}.name '{set.Name}' names an earlier set too";
            if (set.Count < 0) return $"{at}.count is {set.Count}, a negative count";
            if (set.Label is int label && (label < 0 || label >= classes || !labels.Add(label)))
                return $"{at}.label is {label}, not one of the labels 0..{classes - 1} of the {classes} classes, each once";
            if (set.IsPooled != (set.Name == InputSet.PooledName))
                return set.IsPooled ? $"{at}.label is null (the pooled set), but its name is '{set.Name}', not '{InputSet.PooledName}'"
                    : $"{at}.name is '{InputSet.PooledName}', but its label is {set.Label} (the pooled set has none)";
        }
        if (sets.Count(s => s.IsPooled) != 1 || !sets[^1].IsPooled)
            return $"sets: the pooled set (label null) must come once, last (found {sets.Count(s => s.IsPooled)})";
        long sum = sets.Where(s => !s.IsPooled).Sum(s => s.Count);
        if (sets[^1].Count != sum) return $"sets[{sets.Count - 1}].count is {sets[^1].Count}, but the classes hold {sum} inputs";
        return null;
    }

    private static string? Taps(IReadOnlyList<TapResult> taps, IReadOnlyList<InputSet> sets)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int t = 0; t < taps.Count; t++)
        {
            var tap = taps[t];
            string at = $"taps[{t}]";
            if (!names.Add(tap.Name)) return $"{at}.name '{tap.Name}' names an earlier tap too";
            if (tap.Depth != t + 1) return $"{at}.depth is {tap.Depth}, but it is tap {t + 1} in depth order";
            if (tap.Units < 1) return $"{at}.units is {tap.Units}, not a width of at least 1";
            if (tap.Sets.Count != sets.Count) return $"{at}.sets has {tap.Sets.Count} entries, but there are {sets.Count} sets";
            for (int s = 0; s < sets.Count; s++)
            {
                var set = tap.Sets[s];
                string where = $"{at}.sets[{s}]";
                if (set.Set != sets[s].Name) return $"{where}.set is '{set.Set}', but sets[{s}] is '{sets[s].Name}'";
                if (set.Count != sets[s].Count) return $"{where}.count is {set.Count}, but sets[{s}].count is {sets[s].Count}";
                if ((set.Units is null) != (set.Count == 0))
                    return set.Units is null ? $"{where}.units is null, but the set has {set.Count} inputs" : $"{where}.units is given, but the set has no inputs";
                if (set.Units is { } u && Units($"{where}.units", u, tap.Units, sets[s].IsPooled) is { } problem) return problem;
            }
        }
        return null;
    }

    private static string? Units(string at, UnitStatistics u, int units, bool pooled)
    {
        (string Name, IReadOnlyList<double>? Values)[] lists =
            [("firing_probability", u.FiringProbability), ("entropy", u.Entropy), ("label_information", u.LabelInformation), ("mean_activation", u.MeanActivation)];
        if (lists.FirstOrDefault(l => l.Values is not null && l.Values.Count != units) is { Values: not null } wrong)
            return $"{at}.{wrong.Name} has {wrong.Values.Count} values, but the tap has {units} units";
        if (!pooled && u.LabelInformation is not null) return $"{at}.label_information is given for a class, but only the pooled set has it";
        for (int i = 0; i < units; i++)
            if (!(u.FiringProbability[i] is >= 0 and <= 1)) return $"{at}.firing_probability[{i}] is {Text(u.FiringProbability[i])}, not a probability";
        return null;
    }

    /// <summary>Depth findings: of a known set, one value per layer, and indices (1-based depths) within them.</summary>
    private static string? Findings(string path, IReadOnlyList<DepthFinding> findings, IReadOnlyList<InputSet> sets, int? layers)
    {
        for (int f = 0; f < findings.Count; f++)
        {
            var finding = findings[f];
            string at = $"{path}[{f}]";
            int count = finding.Values.Count;
            if (!sets.Any(s => s.Name == finding.Set)) return $"{at}.set '{finding.Set}' is none of the sets";
            if (layers is int l && count != l) return $"{at}.values has {count} values, but there are {l} taps";
            if (finding.Values.Any(v => v is null) && (finding.Monotonic is not null || finding.FirstBreak is not null || finding.Spearman is not null || finding.SaturationDepth is not null))
                return $"{at}: a value is undefined (null), yet monotonic, first_break, spearman or saturation_depth is given";
            if (finding.FirstBreak is int b && (b < 2 || b > count))
                return $"{at}.first_break is {b}, not a depth within 2..{count} of its {count} values";
            if ((finding.Monotonic == false) != (finding.FirstBreak is not null))
                return $"{at}.first_break is {(finding.FirstBreak is int fb ? fb.ToString(CultureInfo.InvariantCulture) : "null")}, but monotonic is {(finding.Monotonic is bool m ? (m ? "true" : "false") : "null")}";
            if (finding.SaturationDepth is int d && (d < 1 || d > count))
                return $"{at}.saturation_depth is {d}, not a depth within 1..{count} of its {count} values";
            if (finding.Spearman is double rho && !(rho >= -1 && rho <= 1))
                return $"{at}.spearman is {Text(rho)}, not within [-1, 1]";
        }
        return null;
    }

    private static string? Samples(ActivationSamples? samples, IReadOnlyList<InputSet> sets, IReadOnlyList<TapResult> taps)
    {
        if (samples is null) return null;
        if (samples.InputShape is { } shape && (shape.Count != 3 || shape.Any(d => d < 1)))
            return $"samples.input_shape [{string.Join(", ", shape)}] is not (channels, rows, columns)";
        if (samples.ImageShape is { } stored && (stored.Count != 3 || stored.Any(d => d < 1)))
            return $"samples.image_shape [{string.Join(", ", stored)}] is not (channels, rows, columns)";
        for (int i = 0; i < samples.Inputs.Count; i++)
        {
            var x = samples.Inputs[i];
            string at = $"samples.inputs[{i}]";
            if (x.Id < 0) return $"{at}.id is {x.Id}, not a position in the dataset";
            if (!sets.Any(s => !s.IsPooled && s.Name == x.Set)) return $"{at}.set '{x.Set}' is none of the classes";
            if (x.Taps.Count != taps.Count) return $"{at}.taps has {x.Taps.Count} entries, but there are {taps.Count} taps";
            for (int t = 0; t < taps.Count; t++)
                if (x.Taps[t].Count != taps[t].Units) return $"{at}.taps[{t}] has {x.Taps[t].Count} values, but taps[{t}] has {taps[t].Units} units";
            if (x.Image is { } image)
            {
                if (samples.StoredShape is null) return $"{at}.image is given, but samples.input_shape is null";
                int bad = image.ToList().FindIndex(v => v is < 0 or > 255);
                if (bad >= 0) return $"{at}.image[{bad}] is {image[bad]}, not a byte 0..255";
            }
        }
        return null;
    }

    private static string? Controls(IReadOnlyList<ControlProfile> controls, IReadOnlyList<InputSet> sets)
    {
        for (int c = 0; c < controls.Count; c++)
        {
            var control = controls[c];
            if (control.TestAccuracy is double a && !(a >= 0 && a <= 1)) return $"controls[{c}].test_accuracy is {Text(a)}, not a fraction in [0, 1]";
            if (Findings($"controls[{c}].findings", control.Findings, sets, null) is { } problem) return problem;
        }
        return null;
    }

    private static string Text(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
