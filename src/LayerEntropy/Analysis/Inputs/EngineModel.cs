using LayerEntropy.Nn;
using LayerEntropy.Tensors;

namespace LayerEntropy.Analysis;

/// <summary>A model of our engine (one `layerentropy train` wrote, or built in code) with the layer outputs it taps.</summary>
internal sealed class EngineModel : AnalysedModel
{
    private readonly Sequential model;
    private readonly Dictionary<Layer, int> layerToTap = [];
    private readonly Tensor[] outputs;

    public EngineModel(Sequential model, string taps, bool preActivation)
    {
        this.model = model;
        var resolved = TapSelection.Resolve(model, taps, preActivation);
        Taps = [.. resolved.Select(t => new TapInfo(t.Name, t.Kind, t.Units))];
        for (int t = 0; t < resolved.Count; t++) layerToTap[model.Layers[resolved[t].Layer]] = t;
        outputs = new Tensor[resolved.Count];
    }

    public override int[] InputShape => model.InputShape;
    public override IReadOnlyList<TapInfo> Taps { get; }
    public override int? Outputs => model.OutputShapePerSample is [int k] ? k : null;

    public override (float[]? Scores, IReadOnlyList<TapRows> Taps) Forward(Tensor input)
    {
        var scores = model.Forward(input, false, (layer, output) => outputs[layerToTap[layer]] = output, layerToTap.ContainsKey);
        return (Outputs is null ? null : scores.Data, [.. outputs.Select(o => new TapRows(o.Data, o.ItemLength))]);
    }
}
