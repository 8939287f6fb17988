namespace LayerEntropy.Analysis;

/// <summary>The accumulators of one shard of an analysis, with what it was run on; merge shards with <see cref="Analyzer.Merge"/>.</summary>
public sealed class AnalysisPart
{
    internal AnalysisPart(AnalysisState state, RunManifest manifest, AnalysisOptions options)
    {
        State = state;
        Manifest = manifest;
        Options = options;
    }

    internal AnalysisState State { get; }
    public RunManifest Manifest { get; }
    public AnalysisOptions Options { get; }
    public long Inputs => State.Count;

    /// <summary>The file the part was read from, for messages about it; null for a part made in this process.</summary>
    internal string? Source { get; set; }
}
