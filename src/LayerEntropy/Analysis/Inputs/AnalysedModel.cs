using LayerEntropy.Tensors;

namespace LayerEntropy.Analysis;

/// <summary>
/// A model as the analysis sees it: something that runs a batch forward and hands over each tap's values, one row per
/// input, and its prediction. Our engine runs the models `layerentropy train` wrote (<see cref="EngineModel"/>);
/// ONNX Runtime runs every other graph (<see cref="RuntimeModel"/>). The analysis never knows which.
/// </summary>
internal abstract class AnalysedModel : IDisposable
{
    /// <summary>One input's shape as the model takes it.</summary>
    public abstract int[] InputShape { get; }

    /// <summary>The taps, in depth order.</summary>
    public abstract IReadOnlyList<TapInfo> Taps { get; }

    /// <summary>The width of the prediction when it is one row of scores per input (one per class); null otherwise.</summary>
    public abstract int? Outputs { get; }

    /// <summary>
    /// Runs <paramref name="input"/> ([count, ...<see cref="InputShape"/>]) forward; the prediction's rows (null without
    /// <see cref="Outputs"/>) and each tap's rows stay valid until the next call.
    /// </summary>
    public abstract (float[]? Scores, IReadOnlyList<TapRows> Taps) Forward(Tensor input);

    /// <summary>
    /// Whether a batch's rows stay valid while the next batch runs, so that the two may overlap (ONNX Runtime's
    /// sessions keep two sets of buffers; our engine's layers reuse theirs).
    /// </summary>
    public virtual bool Overlaps => false;

    public virtual void Dispose() { }
}

/// <summary>A tapped value: its name in results, what computes it (a layer kind or an ONNX operator), its units, and its ONNX value name for an imported graph.</summary>
internal sealed record TapInfo(string Name, string Kind, int Units, string? OnnxValue = null);
