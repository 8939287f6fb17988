using LayerEntropy.Analysis;
using LayerEntropy.Nn;

namespace LayerEntropy.Experiments;

/// <summary>
/// A control network built for a model (<see cref="ControlModels.Build"/>): its kind (a name of
/// <see cref="Analysis.ControlKinds"/>), one line saying what it is and where it may differ from the model's own run,
/// the network, and its test accuracy where known. <see cref="Network"/> runs on our engine; it is null for the control of an
/// imported graph, which ONNX Runtime runs.
/// </summary>
public sealed record ControlModel(string Kind, string Description, Sequential? Network, double? TestAccuracy)
{
    /// <summary>The control of an imported graph: the graph with its weights redrawn, run by ONNX Runtime; null for our engine's.</summary>
    internal byte[]? GraphBytes { get; init; }

    /// <summary>
    /// The files that go into the control's folder beside its analysis, by name: model.onnx, and model.state for a
    /// trained twin. Empty when the network exists in memory only (an imported graph the ONNX writer cannot save).
    /// </summary>
    internal IReadOnlyList<(string Name, byte[] Bytes)> Files { get; init; } = [];

    /// <summary>Whether the control's model file is written into its folder.</summary>
    public bool Saved => Files.Count > 0;

    /// <summary>The shuffled-labels twin's training towards fitting its labels; null for other controls.</summary>
    public TwinFit? Fit { get; init; }

    /// <summary>The model file the control was built from, as given.</summary>
    internal string Source { get; init; } = "";
}
