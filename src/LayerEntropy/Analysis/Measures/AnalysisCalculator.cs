using static LayerEntropy.Analysis.MeasureNames;

namespace LayerEntropy.Analysis;

/// <summary>From accumulators to results: every measure per tap and set, intervals, depth findings, the summary.</summary>
internal static class AnalysisCalculator
{
    /// <summary>The measures normalised by log M, whose values near 1 say that the set has too few inputs to tell.</summary>
    private static readonly string[] SaturatingMeasures = [Codeword, Binned];

    public static AnalysisResult Compute(AnalysisState state, AnalysisOptions options, RunManifest manifest, CancellationToken cancel = default)
    {
        var (perClass, all) = state.Members();
        for (int j = 1; j < all.Length; j++)
            if (state.Ids[all[j]] == state.Ids[all[j - 1]])
                throw new LayerEntropyException("the same input appears in more than one part; shards must not overlap");
        var sets = perClass.Select((m, c) => new InputSet(state.ClassNames[c], c, m.Length))
            .Append(new InputSet(InputSet.PooledName, null, all.Length)).ToArray();
        var members = perClass.Append(all).ToArray();
        var perTap = new SetContent[state.Taps.Length][];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Tensors.Compute.Threads, CancellationToken = cancel };
        BinnedGroups?[] binned = state.Ranges is null ? new BinnedGroups?[state.Taps.Length] : BinnedGroups.Of(state.Taps, all, parallel);
        Parallel.For(0, state.Taps.Length, parallel, t => perTap[t] = SetContents.Of(state.Taps[t], members, binned[t]));
        var estimates = perTap.Select(contents =>
        {
            var classes = contents[..^1].Select(c => (c.Firing, c.Count)).ToArray();
            return contents.Select((c, s) => SetMeasures.Compute(c, options.Units, s == sets.Length - 1 ? classes : null)).ToArray();
        }).ToArray();
        var intervals = options.Bootstrap > 0 && all.Length > 0 ? Bootstrap.Intervals(state, members, binned, perTap, estimates, options, cancel) : null;

        var taps = new List<TapResult>();
        var saturation = new List<(string Measure, bool Saturated)>();
        for (int t = 0; t < state.Taps.Length; t++)
        {
            var tap = state.Taps[t];
            var contents = perTap[t];
            var classes = contents[..^1].Select(c => (c.Firing, c.Count)).ToArray();
            var setResults = new List<TapSetResult>();
            for (int s = 0; s < sets.Length; s++)
            {
                bool isPooled = s == sets.Length - 1;
                var values = estimates[t][s];
                if (intervals is not null)
                    values = [.. values.Select((v, i) => intervals.TryGetValue((t, s, i), out var ci) ? v with { CiLow = ci.Low, CiHigh = ci.High, CiNote = ci.Note } : v)];
                var units = UnitsOf(contents[s], options.Units, isPooled ? classes : null);
                if (units is not null) units = units with { MeanActivation = MeanActivation(tap, isPooled ? null : s, contents[s].Count) };
                setResults.Add(new TapSetResult(sets[s].Name, sets[s].Count, values, units));
                foreach (string measure in SaturatingMeasures)
                    if (contents[s].Count > 1 && values.Any(v => v.Key == new MeasureKey(measure, Normalized) && v.Value is not null))
                        saturation.Add((measure, Bootstrap.Saturated(values, measure)));
            }
            taps.Add(new TapResult(tap.Name, t + 1, tap.Units, tap.Layer, setResults) { OnnxValue = state.TapValues?[t] });
        }
        var findings = Findings(taps, sets, options.Delta);
        var accuracy = ModelAccuracy.Of(state.Scored);
        var notes = state.WarnAccuracy ? AccuracyWarnings(state, accuracy) : [];
        return new AnalysisResult(AnalysisResult.CurrentSchemaVersion, manifest, sets, taps, findings, FindingSentence.Of(findings, sets, [.. taps.Select(t => t.Name)], options.Units, state.LayerNoun),
            [.. notes, .. Condense(saturation)]) { Samples = SamplesOf(state), Observed = accuracy, LayerNoun = state.LayerNoun };
    }

    /// <summary>
    /// Warnings that the results may describe the wrong inputs: a model that gives another number of scores than the
    /// data have classes, or that classifies the analysed inputs little better than by chance (often a sign of inputs
    /// prepared otherwise than in training).
    /// </summary>
    private static List<string> AccuracyWarnings(AnalysisState state, ModelAccuracy? accuracy)
    {
        var notes = new List<string>();
        if (state.ModelOutputs is int outputs && outputs != state.Classes)
            notes.Add($"the model gives {outputs} scores per input but the data have {state.Classes} classes: its accuracy cannot be scored; check that the data are the ones the model classifies");
        else if (accuracy is { Inputs: >= 20 } a && state.Classes > 1 && a.Value < 2.0 / state.Classes)
            notes.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"the model classifies {a.Value:P1} of the analysed inputs correctly, near chance ({1.0 / state.Classes:P1} for {state.Classes} classes): check the preprocessing (--scale, --mean, --std, --channels) and the labels"));
        return notes;
    }

    /// <summary>Each unit's mean activation over the inputs of class <paramref name="label"/> (all classes when null).</summary>
    private static double[] MeanActivation(TapAccumulator tap, int? label, long count)
    {
        var sum = new long[tap.Units];
        for (int c = 0; c < tap.ActivationSum.Length; c++)
            if (label is null || label == c)
                for (int i = 0; i < sum.Length; i++) sum[i] += tap.ActivationSum[c][i];
        double scale = 1 / (count * Tensors.TapKernels.FixedPointScale);
        return [.. sum.Select(v => v * scale)];
    }

    /// <summary>The kept samples, their images shrunk to fit <see cref="SampleImages.MaxSide"/> (the shape they are stored at recorded beside the input's).</summary>
    private static ActivationSamples? SamplesOf(AnalysisState state)
    {
        int[]? shape = state.InputShape, stored = null;
        if (shape is [int channels, int height, int width] && SampleImages.StoredSize(height, width) is var (h, w) && (h, w) != (height, width))
            stored = [channels, h, w];
        byte[] Image(byte[] image) => stored is null ? image : SampleImages.Downscale(image, shape![0], shape[1], shape[2], stored[1], stored[2]);
        var inputs = Enumerable.Range(0, state.Classes).SelectMany(state.Samples.Of).Select(s => new SampleInput(s.Id, state.ClassNames[s.Label],
            s.Image is null ? null : Array.ConvertAll(Image(s.Image), b => (int)b), [.. s.Taps])).ToArray();
        return inputs.Length == 0 ? null : new ActivationSamples(shape, inputs) { ImageShape = stored };
    }

    private static UnitStatistics? UnitsOf(SetContent s, EntropyUnit unit, IReadOnlyList<(long[] Firing, long Count)>? classes)
    {
        if (s.Count == 0) return null;
        var p = s.Firing.Select(f => (double)f / s.Count).ToArray();
        var h = Measures.Pattern(s.Firing, s.Count).PerUnit.Select(v => Entropy.In(unit, v)).ToArray();
        var info = classes is null ? null : Measures.LabelInformation(s.Firing, s.Count, classes).PerUnit.Select(v => Entropy.In(unit, v)).ToArray();
        return new UnitStatistics(p, h, info);
    }

    private static List<DepthFinding> Findings(IReadOnlyList<TapResult> taps, IReadOnlyList<InputSet> sets, double delta)
    {
        var findings = new List<DepthFinding>();
        foreach (var (measure, statistic) in Headline)
            foreach (var set in sets)
            {
                var values = taps.Select(t => t.Sets.First(s => s.Set == set.Name).Values
                    .FirstOrDefault(v => v.Key == new MeasureKey(measure, statistic))?.Value).ToArray();
                if (values.All(v => v is null)) continue;
                if (values.Any(v => v is null))
                {
                    findings.Add(new DepthFinding(measure, statistic, set.Name, values, null, null, null, null));
                    continue;
                }
                var h = values.Select(v => v!.Value).ToArray();
                int? firstBreak = DepthAnalysis.FirstBreak(h);
                findings.Add(new DepthFinding(measure, statistic, set.Name, values, firstBreak is null, firstBreak,
                    DepthAnalysis.Spearman(h), DepthAnalysis.Saturation(h, delta)));
            }
        return findings;
    }

    /// <summary>
    /// One note per measure whose entropy comes within 1% of log M at some tap and set, where M inputs cannot show
    /// more: e.g. "codeword: within 1% of log M for 23 of 55 tap and set pairs (too few inputs to tell)".
    /// </summary>
    internal static IReadOnlyList<string> Condense(IReadOnlyList<(string Measure, bool Saturated)> pairs) =>
        [.. pairs.GroupBy(p => p.Measure).Where(g => g.Any(p => p.Saturated))
            .Select(g => $"{g.Key}: within 1% of log M for {g.Count(p => p.Saturated)} of {g.Count()} tap and set pairs (too few inputs to tell)")];
}
