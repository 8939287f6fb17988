namespace LayerEntropy.Analysis;

/// <summary>
/// The additive accumulators of an analysis: which inputs were seen (their dataset positions and labels) and,
/// for every tap, the per-input records of <see cref="TapAccumulator"/>. Two states of disjoint inputs merge into
/// the state of their union, so a dataset analysed in shards gives exactly the single run's numbers.
/// </summary>
internal sealed class AnalysisState
{
    /// <param name="patternBudget">
    /// The most bytes of distinct firing patterns kept in memory, all taps together, shared out by the taps' widths; the
    /// rest go to temporary files (<see cref="CodewordTable"/>). Results do not depend on it.
    /// </param>
    public AnalysisState(IReadOnlyList<string> classNames, IEnumerable<(string Name, string Layer, int Units)> taps, TapRange[]? ranges, int samples = 0,
        long patternBudget = DefaultPatternBudget)
    {
        Samples = new SampleStore(samples, classNames.Count);
        ClassNames = classNames;
        var list = taps.ToList();
        long words = Math.Max(1, list.Sum(t => (long)((t.Units + 63) >> 6)));
        Taps = [.. list.Select(t => new TapAccumulator(t.Name, t.Layer, t.Units, classNames.Count, patternBudget / words * ((t.Units + 63) >> 6)))];
        Ranges = ranges;
    }

    /// <summary>
    /// The distinct firing patterns kept in memory by default (bytes): all of them for MNIST's 70,000 images through a
    /// 992-unit MLP (9 MB), or 2,000 inputs through resnet18's 285,696 block-output units (71 MB).
    /// </summary>
    public const long DefaultPatternBudget = 128L << 20;

    public IReadOnlyList<string> ClassNames { get; }
    public int Classes => ClassNames.Count;

    /// <summary>Each input's position in the dataset (unique), in the order seen.</summary>
    public List<long> Ids { get; } = [];
    public List<int> Labels { get; } = [];
    public TapAccumulator[] Taps { get; }

    /// <summary>Per tap, the class ranges the binned keys were made with; null when binned is left out.</summary>
    public TapRange[]? Ranges { get; }

    public int Count => Ids.Count;

    /// <summary>The first inputs of each class with their activations, for the activation maps.</summary>
    public SampleStore Samples { get; }

    /// <summary>The shape (channels, rows, columns) of the samples' images; null when there are none (recorded activations).</summary>
    public int[]? InputShape { get; set; }

    /// <summary>Each tap's value name in an imported ONNX graph; null for our engine's models and recorded activations.</summary>
    public string?[]? TapValues { get; set; }

    /// <summary>Inputs whose prediction was scored against their label, and how many were right.</summary>
    public (long Inputs, long Correct) Scored { get; set; }

    /// <summary>The width of the model's prediction (null: not one row per input, or no model).</summary>
    public int? ModelOutputs { get; set; }

    /// <summary>What the summary calls the taps: <see cref="FcLayers"/>, or "tapped layers" where they are not the hidden FC layers.</summary>
    public string LayerNoun { get; set; } = FcLayers;

    public const string FcLayers = "FC layers", TappedLayers = "tapped layers";

    /// <summary>Whether the result warns when the model scores near chance or its outputs do not match the classes.</summary>
    public bool WarnAccuracy { get; set; }

    public void Merge(AnalysisState other)
    {
        if (!other.ClassNames.SequenceEqual(ClassNames))
            throw new ArgumentException("the parts have different classes");
        if (other.Taps.Length != Taps.Length)
            throw new ArgumentException("the parts have different taps");
        if ((Ranges is null) != (other.Ranges is null) || (Ranges is not null && !Ranges.Zip(other.Ranges!).All(p => p.First.SameAs(p.Second))))
            throw new ArgumentException("the parts binned with different ranges (every shard must see the whole dataset's ranges)");
        Ids.AddRange(other.Ids);
        Labels.AddRange(other.Labels);
        for (int t = 0; t < Taps.Length; t++) Taps[t].Merge(other.Taps[t]);
        Samples.Merge(other.Samples);
        InputShape ??= other.InputShape;
        Scored = (Scored.Inputs + other.Scored.Inputs, Scored.Correct + other.Scored.Correct);
    }

    /// <summary>Input positions (indices into the lists) of each class, and of all, in dataset order (by id).</summary>
    public (int[][] PerClass, int[] All) Members()
    {
        int[] all = [.. Enumerable.Range(0, Count)];
        bool sorted = true;
        for (int i = 1; i < Count && sorted; i++) sorted = Ids[i - 1] <= Ids[i];
        if (!sorted) all = [.. all.OrderBy(i => Ids[i])];
        var perClass = new List<int>[Classes];
        for (int c = 0; c < Classes; c++) perClass[c] = [];
        foreach (int i in all) perClass[Labels[i]].Add(i);
        return ([.. perClass.Select(p => p.ToArray())], all);
    }
}
