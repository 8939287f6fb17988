namespace LayerEntropy.Onnx;

/// <summary>
/// A model that `layerentropy train` did not write, ready to be analysed on ONNX Runtime: its graph, the input
/// shape it is fed, every tappable value's shape (found by running it, <see cref="RuntimeProbe"/>) and its layers.
/// </summary>
internal sealed class ImportedModel
{
    /// <param name="inputShape">The input's dims after the batch axis, the graph's free dims settled.</param>
    /// <param name="threads">Intra-op threads of ONNX Runtime.</param>
    public ImportedModel(OnnxGraph graph, int[] inputShape, int threads)
    {
        Graph = graph;
        InputShape = inputShape;
        Shapes = RuntimeProbe.Run(graph, inputShape, threads);
        Layers = new GraphLayers(graph, Shapes, inputShape);
    }

    public OnnxGraph Graph { get; }
    public int[] InputShape { get; }

    /// <summary>Every value that can be tapped, with its shape for one input.</summary>
    public IReadOnlyDictionary<string, ValueShape> Shapes { get; }

    public GraphLayers Layers { get; }

    /// <summary>The prediction's shape for one input, when it holds each input's values apart.</summary>
    public ValueShape? Output => Shapes.GetValueOrDefault(Graph.Outputs[0]);

    /// <summary>
    /// How many classes the output scores (its width), when it is one row of scores per input; null otherwise (a
    /// sequence of scores, several axes).
    /// </summary>
    public int? Classes => Output is { BatchAxis: 0 or -1 } o && o.SampleDims is [int k] ? k : null;

    /// <summary>A session that fetches <paramref name="taps"/> and the prediction at every batch.</summary>
    public RuntimeTaps Open(IReadOnlyList<TapPoint> taps, int threads) => new(this, taps, threads);

    /// <summary>A session over other weights for the same graph (a control), fetching the same taps.</summary>
    public RuntimeTaps Open(IReadOnlyList<TapPoint> taps, int threads, byte[] bytes, string path) => new(this, taps, threads, bytes, path);
}
