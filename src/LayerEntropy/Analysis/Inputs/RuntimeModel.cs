using LayerEntropy.Onnx;
using LayerEntropy.Tensors;

namespace LayerEntropy.Analysis;

/// <summary>An imported graph run by ONNX Runtime, with the values it taps.</summary>
internal sealed class RuntimeModel : AnalysedModel
{
    private readonly ImportedModel model;
    private readonly RuntimeTaps session;
    private readonly int[] units;

    /// <param name="bytes">Other weights for the same graph (a control); null for the model's own file.</param>
    public RuntimeModel(ImportedModel model, IReadOnlyList<TapPoint> taps, byte[]? bytes = null, string? path = null)
    {
        this.model = model;
        Taps = [.. taps.Select(t => new TapInfo(t.Name, t.Kind, checked((int)t.Shape.Units), t.Value))];
        units = [.. Taps.Select(t => t.Units)];
        session = bytes is null ? model.Open(taps, Compute.Threads) : model.Open(taps, Compute.Threads, bytes, path!);
    }

    public override int[] InputShape => model.InputShape;
    public override IReadOnlyList<TapInfo> Taps { get; }
    public override int? Outputs => model.Classes;

    public override (float[]? Scores, IReadOnlyList<TapRows> Taps) Forward(Tensor input)
    {
        var (scores, rows) = session.Run(input.Data, input.Shape[0]);
        return (scores, [.. rows.Select((r, t) => new TapRows(r, units[t]))]);
    }

    public override bool Overlaps => true;

    public override void Dispose() => session.Dispose();
}
