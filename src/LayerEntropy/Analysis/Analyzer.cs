using LayerEntropy.Data;
using LayerEntropy.Nn;

namespace LayerEntropy.Analysis;

/// <summary>
/// The analysis: runs inputs through a model (or takes activations recorded elsewhere), accumulates every tap's
/// firing patterns per input set, and computes the measures of MEASURES.md with their depth findings.
/// </summary>
public static class Analyzer
{
    /// <summary>Analyses activations recorded elsewhere: one M×N array per tap, in depth order, and the M labels.</summary>
    /// <param name="classNames">Names of the classes 0..C−1 (null: the labels' values as names).</param>
    /// <param name="source">Where the arrays came from, for the manifest (e.g. the file names).</param>
    public static AnalysisResult AnalyzeActivations(IReadOnlyList<TapActivations> taps, IReadOnlyList<int> labels,
        IReadOnlyList<string>? classNames, AnalysisOptions options, string? source = null, CancellationToken cancel = default)
        => throw new NotImplementedException();
}
