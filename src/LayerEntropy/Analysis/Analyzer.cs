using System.Reflection;
using LayerEntropy.Data;
using LayerEntropy.Nn;
using LayerEntropy.Tensors;

namespace LayerEntropy.Analysis;

/// <summary>
/// The analysis: runs inputs through a model (or takes activations recorded elsewhere), accumulates every tap's
/// firing patterns per input set, and computes the measures of MEASURES.md with their depth findings.
/// </summary>
public static class Analyzer
{
    /// <summary>Analyses <paramref name="model"/> on <paramref name="data"/> (every class and the pooled set).</summary>
    public static AnalysisResult Analyze(Sequential model, Dataset data, AnalysisRequest request,
        IProgress<AnalysisProgress>? progress = null, CancellationToken cancel = default)
    {
        var part = AnalyzePart(model, data, request with { Shard = null }, progress, cancel);
        return AnalysisCalculator.Compute(part.State, request.Options, part.Manifest, cancel);
    }

    /// <summary>Analyses every input of <paramref name="data"/> through <paramref name="model"/>.</summary>
    internal static AnalysisResult Analyze(AnalysedModel model, InputFit fit, Dataset data, AnalysisRequest request,
        IProgress<AnalysisProgress>? progress, CancellationToken cancel)
    {
        var part = AnalyzePart(model, fit, data, request with { Shard = null }, progress, cancel);
        return AnalysisCalculator.Compute(part.State, request.Options, part.Manifest, cancel);
    }

    /// <summary>Analyses one shard and returns its accumulators, to be merged with the other shards' by <see cref="Merge"/>.</summary>
    public static AnalysisPart AnalyzePart(Sequential model, Dataset data, AnalysisRequest request,
        IProgress<AnalysisProgress>? progress = null, CancellationToken cancel = default)
    {
        using var engine = new EngineModel(model, request.Taps, request.PreActivation);
        var fit = InputFit.Resolve(data.Channels, data.Height, data.Width, [.. model.InputShape.Select(d => (int?)d)], request.ModelPath ?? "model",
            $"[N, {string.Join(", ", model.InputShape)}]");
        return AnalyzePart(engine, fit, data, request, progress, cancel);
    }

    /// <summary>Analyses one shard of <paramref name="data"/> (every input when the request names no shard) through <paramref name="model"/>.</summary>
    internal static AnalysisPart AnalyzePart(AnalysedModel model, InputFit fit, Dataset data, AnalysisRequest request,
        IProgress<AnalysisProgress>? progress, CancellationToken cancel)
    {
        var options = request.Options;
        options.Validate();
        if (request.BatchSize < 1) throw new LayerEntropyException($"batch size must be at least 1 (got {request.BatchSize})");
        var taps = model.Taps;
        var selected = Select([.. data.Labels.Select(l => (int)l)], data.ClassNames.Count, options.LimitPerClass);
        var mine = ShardOf(selected, request.Shard);
        var runner = new ModelRunner(model, fit, request);
        AnalysisState state;
        try
        {
            state = Accumulate(data.ClassNames, [.. taps.Select(t => (t.Name, t.Kind, t.Units))], options, selected, mine, request.ModelPath ?? "model",
                (inputs, pass, passes, sink) => runner.Run(data, inputs, sink, done => progress?.Report(new AnalysisProgress(pass, passes, done, inputs.Count)), cancel),
                request.StoreBudget, request.DiskBudget, request.PatternBudget, cancel);
        }
        catch (TensorTooLargeException e)
        {
            throw TooLargeForTheBatch(request.ModelPath ?? "model", request.BatchSize, e);
        }
        state.InputShape = [data.Channels, data.Height, data.Width];
        state.TapValues = taps.Any(t => t.OnnxValue is not null) ? [.. taps.Select(t => t.OnnxValue)] : null;
        state.Scored = runner.Scored;
        state.ModelOutputs = model.Outputs;
        state.WarnAccuracy = request.WarnAccuracy;
        state.LayerNoun = request.LayerNoun;
        foreach (var sample in state.Samples.All) sample.Image = data.Image(checked((int)sample.Id)).ToArray();

        string? shard = request.Shard is { } s ? $"{s.Index + 1}/{s.Count}" : null;
        var manifest = Manifest(request.ModelPath, request.ModelSha256, request.DatasetName ?? data.Name, request.DatasetFiles,
            request.Split, [.. taps.Select(t => t.Name)], options, shard, state.Count) with
        {
            Input = data.Source?.SkippedNote() is { } skipped ? [.. request.InputNotes ?? [], skipped] : request.InputNotes,
            Binning = BinningOf(state, options),
            Accuracy = request.RecordAccuracy ? ModelAccuracy.Of(runner.Scored) : null,
        };
        return new AnalysisPart(state, manifest, options);
    }

    /// <summary>The one-line error for a batch whose tensors pass one array: it names a batch size that fits.</summary>
    private static LayerEntropyException TooLargeForTheBatch(string model, int batch, TensorTooLargeException e)
    {
        int fits = (int)Math.Clamp(Math.Floor(batch * (Array.MaxLength / e.Values)), 0, batch - 1);
        string problem = $"a batch of {batch} inputs needs a tensor of shape [{string.Join(",", e.Shape)}], more than the {Array.MaxLength} values one array holds";
        return fits >= 1
            ? LayerEntropyException.ForSetting($"{model}: {problem}; give a smaller batch, e.g. {SettingName.Of<AnalyzeSettings>(nameof(AnalyzeSettings.BatchSize))} {1 << (31 - int.LeadingZeroCount(fits))}", e)
            : LayerEntropyException.ForFile(model, $"{problem}; even one input is too large for this model", e);
    }

    /// <summary>Merges shards of one analysis (same model, data, taps and options) into the single run's result.</summary>
    public static AnalysisResult Merge(IReadOnlyList<AnalysisPart> parts, CancellationToken cancel = default)
    {
        if (parts.Count == 0) throw new LayerEntropyException("nothing to merge");
        var first = parts[0];
        var state = first.State;
        // Which part each input came from, to name the two parts that hold the same input.
        var owner = new Dictionary<long, AnalysisPart>(first.State.Ids.Count);
        foreach (long id in first.State.Ids) owner.TryAdd(id, first);
        foreach (var part in parts.Skip(1))
        {
            if (Difference(first, part) is { } what)
                throw LayerEntropyException.ForSetting($"{part.Source ?? "a part"}: {what} differ from those of {first.Source ?? "the first part"}: the parts come from different analyses; merge the parts of one analysis run with {Shard}");
            foreach (long id in part.State.Ids)
                if (!owner.TryAdd(id, part))
                    throw LayerEntropyException.ForSetting($"{part.Source ?? "a part"}: input {id} is in {owner[id].Source ?? "another part"} too: the same input appears in more than one part, and shards must not overlap; merge the parts of one analysis run with {Shard}");
            state.Merge(part.State);
        }
        var manifest = first.Manifest with
        {
            Shard = null, Inputs = state.Count, Date = RunDate.Now(),
            Accuracy = first.Manifest.Accuracy is null ? null : ModelAccuracy.Of(state.Scored),
        };
        return AnalysisCalculator.Compute(state, first.Options, manifest, cancel);
    }

    /// <summary>What makes two parts parts of different analyses (the field names of the part files), or null when they are of one.</summary>
    private static string? Difference(AnalysisPart a, AnalysisPart b)
    {
        AnalysisState x = a.State, y = b.State;
        if (a.Options != b.Options) return "options";
        if (a.Manifest.ModelSha256 != b.Manifest.ModelSha256) return "manifest.model_sha256";
        if (a.Manifest.Dataset != b.Manifest.Dataset) return "manifest.dataset";
        if (a.Manifest.Split != b.Manifest.Split) return "manifest.split";
        if (!a.Manifest.Taps.SequenceEqual(b.Manifest.Taps)) return "manifest.taps";
        if (!x.ClassNames.SequenceEqual(y.ClassNames)) return "class_names";
        if (!x.Taps.Select(t => (t.Name, t.Layer, t.Units)).SequenceEqual(y.Taps.Select(t => (t.Name, t.Layer, t.Units)))) return "taps (names, layers or units)";
        if ((x.Ranges is null) != (y.Ranges is null) || (x.Ranges is not null && !x.Ranges.Zip(y.Ranges!).All(p => p.First.SameAs(p.Second))))
            return "ranges (the binned ranges, which every shard takes from the whole dataset)";
        if (x.Samples.PerClass != y.Samples.PerClass) return "samples_per_class";
        if (!(x.InputShape ?? []).SequenceEqual(y.InputShape ?? []) || (x.InputShape is null) != (y.InputShape is null)) return "input_shape";
        if (!(x.TapValues ?? []).SequenceEqual(y.TapValues ?? []) || (x.TapValues is null) != (y.TapValues is null)) return "tap_values";
        if (x.ModelOutputs != y.ModelOutputs) return "model_outputs";
        if (x.LayerNoun != y.LayerNoun) return "layer_noun";
        if (x.WarnAccuracy != y.WarnAccuracy) return "warn_accuracy";
        return null;
    }

    /// <summary>Analyses activations recorded elsewhere: one M×N array per tap, in depth order, and the M labels.</summary>
    /// <param name="classNames">Names of the classes 0..C−1 (null: the labels' values as names).</param>
    /// <param name="source">Where the arrays came from, for the manifest (e.g. the file names).</param>
    public static AnalysisResult AnalyzeActivations(IReadOnlyList<TapActivations> taps, IReadOnlyList<int> labels,
        IReadOnlyList<string>? classNames, AnalysisOptions options, string? source = null, CancellationToken cancel = default)
    {
        var part = ActivationsPart(taps, labels, classNames, options, null, source, cancel);
        return AnalysisCalculator.Compute(part.State, options, part.Manifest, cancel);
    }

    /// <summary>
    /// The accumulators of the rows <paramref name="rows"/> (all selected rows when null) of recorded activations;
    /// binned ranges always span every selected row, so parts of one array merge exactly.
    /// </summary>
    internal static AnalysisPart ActivationsPart(IReadOnlyList<TapActivations> taps, IReadOnlyList<int> labels,
        IReadOnlyList<string>? classNames, AnalysisOptions options, IReadOnlyList<int>? rows, string? source, CancellationToken cancel)
    {
        options.Validate();
        if (taps.Count == 0) throw new LayerEntropyException("no activations given");
        if (options.CorrectOnly) throw LayerEntropyException.ForSetting($"{SettingName.Of<AnalysisOptions>(nameof(AnalysisOptions.CorrectOnly))} needs a model; recorded activations carry no predictions");
        foreach (var t in taps)
            if (t.Inputs != labels.Count)
                throw new LayerEntropyException($"tap {t.Name}: {t.Inputs} rows of activations but {labels.Count} labels");
        int classes = labels.Count == 0 ? 0 : labels.Max() + 1;
        var names = classNames ?? [.. Enumerable.Range(0, classes).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        if (labels.Any(l => l < 0 || l >= names.Count))
            throw new LayerEntropyException($"labels must lie in 0..{names.Count - 1} for {names.Count} class names");
        var labelArray = labels.ToArray();
        var selected = Select(labelArray, names.Count, options.LimitPerClass);
        var mine = rows is null ? selected : [.. rows.Where(new HashSet<int>(selected).Contains)];
        var tapRows = taps.Select(t => new TapRows(t.Values, t.Units)).ToArray();
        // The arrays are at hand already: binned's range pass over them costs no forward pass, and no copy is kept.
        var state = Accumulate(names, [.. taps.Select(t => (t.Name, "array", t.Units))], options, selected, mine, source ?? "activations",
            (inputs, _, _, sink) =>
            {
                const int chunk = 1024;
                for (int start = 0; start < inputs.Count; start += chunk)
                {
                    cancel.ThrowIfCancellationRequested();
                    var part = inputs.GetRange(start, Math.Min(chunk, inputs.Count - start));
                    sink(tapRows, part, [.. part.Select(i => (long)i)], [.. part.Select(i => labelArray[i])]);
                }
            }, storeBudget: 0, diskBudget: 0, AnalysisState.DefaultPatternBudget, cancel);
        var manifest = Manifest(source, null, null, new Dictionary<string, string>(), "given", [.. taps.Select(t => t.Name)], options, null, state.Count)
            with { Binning = BinningOf(state, options) };
        return new AnalysisPart(state, manifest, options);
    }

    /// <summary>
    /// The passes over a feed of batches. Without binned, or when this part is every selected input and its tap rows
    /// fit in <paramref name="storeBudget"/> bytes of memory (or else in <paramref name="diskBudget"/> bytes of
    /// temporary files, where the disk has room for them), one pass: the rows are kept for binned until the ranges are
    /// whole. Otherwise binned's range pass over every selected input first (so that all parts of a dataset bin alike
    /// and merge exactly), then the accumulating pass over this part's inputs.
    /// </summary>
    /// <param name="feed">Hands the batches of the given inputs, for the given pass (1 or 2) of how many, to the sink.</param>
    /// <param name="patternBudget">The most memory the distinct firing patterns take (<see cref="AnalysisState"/>).</param>
    private static AnalysisState Accumulate(IReadOnlyList<string> classNames, IReadOnlyList<(string Name, string Layer, int Units)> taps,
        AnalysisOptions options, List<int> selected, List<int> mine, string source, Action<List<int>, int, int, BatchSink> feed,
        long storeBudget, long diskBudget, long patternBudget, CancellationToken cancel)
    {
        TapRange[]? ranges = null;
        bool store = false, onDisk = false;
        if (options.Bins > 0)
        {
            long rows = taps.Sum(t => ActivationStore.MaxBytes(mine.Count, t.Units));
            onDisk = mine.Count == selected.Count && rows > storeBudget && rows <= diskBudget && TempSpace() > 2 * rows;
            // Equal-mass edges come from counts over every selected input: always the range pass.
            store = !options.AutoBins && mine.Count == selected.Count && (rows <= storeBudget || onDisk);
            if (store) ranges = [.. taps.Select(_ => new TapRange(classNames.Count))];
            else
            {
                var rangePass = new RangePass(taps.Count, classNames.Count, options.AutoBins);
                feed(selected, 1, 2, (rows, kept, _, labels) => rangePass.Add(rows, kept, labels));
                rangePass.SetEdges([.. taps.Select(t => options.AutoBinsFor(t.Units, selected.Count))]);
                ranges = rangePass.Ranges;
            }
        }
        var state = new AnalysisState(classNames, taps, ranges, options.Samples, patternBudget);
        // Room for every input's records at once, rather than growing batch by batch.
        foreach (var tap in state.Taps) tap.Reserve(mine.Count);
        state.Ids.Capacity = mine.Count;
        state.Labels.Capacity = mine.Count;
        var accumulator = new BatchAccumulator(state, options.Threshold, options.Bins, store, onDisk);
        bool twoPasses = options.Bins > 0 && !store;
        feed(mine, twoPasses ? 2 : 1, twoPasses ? 2 : 1, accumulator.Add);
        accumulator.Complete();
        accumulator.ThrowIfNonFinite(source);
        accumulator.BinStored(cancel);
        return state;
    }

    /// <summary>Free bytes where temporary files go (0 when that cannot be told).</summary>
    private static long TempSpace()
    {
        try
        {
            return new DriveInfo(Path.GetTempPath()).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return 0;
        }
    }

    /// <summary>The inputs to analyse, in dataset order: all, or the first K of each class.</summary>
    private static List<int> Select(IReadOnlyList<int> labels, int classes, int? limit)
    {
        var seen = new int[classes];
        var selected = new List<int>(labels.Count);
        for (int i = 0; i < labels.Count; i++)
            if (limit is not int k || seen[labels[i]]++ < k) selected.Add(i);
        return selected;
    }

    private static readonly SettingName Shard = SettingName.Of<AnalysisRequest>(nameof(AnalysisRequest.Shard));

    private static List<int> ShardOf(List<int> selected, (int Index, int Count)? shard)
    {
        if (shard is not (int index, int count)) return selected;
        if (count < 1 || index < 0 || index >= count) throw LayerEntropyException.ForSetting($"{Shard} must be i/n with 1 ≤ i ≤ n (got {index + 1}/{count})");
        int from = (int)((long)selected.Count * index / count), to = (int)((long)selected.Count * (index + 1) / count);
        return selected.GetRange(from, to - from);
    }

    private static RunManifest Manifest(string? model, string? sha, string? dataset, IReadOnlyDictionary<string, string> files, string split,
        IReadOnlyList<string> taps, AnalysisOptions options, string? shard, long inputs) =>
        new("layerentropy", ToolVersion, RunDate.Now(), model, sha, dataset, files, split, taps, options, shard, inputs);

    /// <summary>The bins <c>--bins auto</c> chose, for the manifest (null with equal-width bins).</summary>
    private static BinChoice? BinningOf(AnalysisState state, AnalysisOptions options) =>
        options.AutoBins && state.Ranges is { } ranges
            ? new(EqualMassRule, [.. state.Taps.Select((t, i) => new TapBins(t.Name, ranges[i].PooledEdges!.Length + 1, ranges[i].PooledEdges!))])
            : null;

    /// <summary>The rule <c>--bins auto</c> records in the manifest.</summary>
    internal const string EqualMassRule = "equal-mass";

    internal static string ToolVersion =>
        typeof(Analyzer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
