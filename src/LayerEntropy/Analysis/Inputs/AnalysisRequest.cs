using LayerEntropy.Data;

namespace LayerEntropy.Analysis;

/// <summary>What to analyse a model with: taps, measure options, preprocessing, shard, and what the manifest records.</summary>
public sealed record AnalysisRequest
{
    /// <summary>"fc", "all" or layer names separated by commas (see <see cref="TapSelection.Resolve"/>).</summary>
    public string Taps { get; init; } = "fc";

    /// <summary>Tap the hidden FC layers before their activation function.</summary>
    public bool PreActivation { get; init; }

    public AnalysisOptions Options { get; init; } = new();

    /// <summary>The pixel normalisation the model was trained with (null: pixels scaled to [0, 1]).</summary>
    public Normalization? Normalization { get; init; }

    /// <summary>How stored values become inputs when the data are the user's own; overrides <see cref="Normalization"/>.</summary>
    public Preprocessing? Preprocessing { get; init; }

    /// <summary>For the manifest: how the user's own inputs were read and prepared (null for the built-in datasets).</summary>
    public IReadOnlyList<string>? InputNotes { get; init; }

    /// <summary>Inputs per forward batch; results do not depend on it.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>Analyse only part <c>Index</c> (0-based) of <c>Count</c> contiguous parts of the selected inputs.</summary>
    public (int Index, int Count)? Shard { get; init; }

    public string? ModelPath { get; init; }
    public string? ModelSha256 { get; init; }
    public string? DatasetName { get; init; }
    public IReadOnlyDictionary<string, string> DatasetFiles { get; init; } = new Dictionary<string, string>();
    public string Split { get; init; } = "test";

    /// <summary>
    /// The most memory (bytes) the tap rows may take when kept for the binned measure, so that the inputs run forward
    /// once; beyond it (or for a shard, whose ranges span other shards' inputs too) binned's range pass runs the
    /// inputs once more. All 70,000 MNIST images through a 992-unit MLP need at most 280 MB, about 120 MB in fact
    /// (ReLU's zeros are left out). Results do not depend on it.
    /// </summary>
    internal long StoreBudget { get; init; } = 512L << 20;

    /// <summary>
    /// The most disk (bytes) the tap rows may take in temporary files when they are more than <see cref="StoreBudget"/>:
    /// writing them and reading them back costs less than running a big model over the inputs twice. Beyond it, or when
    /// the disk has not twice that free, binned's range pass runs. Results do not depend on it.
    /// </summary>
    internal long DiskBudget { get; init; } = 16L << 30;

    /// <summary>
    /// The most memory (bytes) the distinct firing patterns may take, all taps together; the rest go to temporary files.
    /// Results do not depend on it.
    /// </summary>
    internal long PatternBudget { get; init; } = AnalysisState.DefaultPatternBudget;

    /// <summary>Record the model's accuracy on the analysed inputs in the manifest (when it gives one score per class).</summary>
    internal bool RecordAccuracy { get; init; }

    /// <summary>Warn when the model classifies near chance, or gives another number of scores than the data have classes.</summary>
    internal bool WarnAccuracy { get; init; }

    /// <summary>What the summary calls the taps (<see cref="AnalysisState.FcLayers"/> unless they are other layers).</summary>
    internal string LayerNoun { get; init; } = AnalysisState.FcLayers;
}

/// <summary>Where an analysis stands: which pass (1 of 2 when binned needs its range pass) and how many inputs are done.</summary>
public sealed record AnalysisProgress(int Pass, int Passes, long Done, long Total);
