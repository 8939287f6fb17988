using LayerEntropy.Data;
using LayerEntropy.Nn;
using LayerEntropy.Tensors;

namespace LayerEntropy.Analysis;

/// <summary>One batch for the analysis: the tap rows, the batch rows to use, and their dataset ids and labels.</summary>
internal delegate void BatchSink(IReadOnlyList<TapRows> taps, List<int> rows, List<long> ids, List<int> labels);

/// <summary>Runs a model over the selected inputs batch by batch and hands each batch's tap rows to a consumer.</summary>
internal sealed class ModelRunner(Sequential model, IReadOnlyList<int> tapLayers, AnalysisRequest request)
{
    /// <summary>
    /// Forward passes over <paramref name="inputs"/> (dataset indices) in order; for each batch calls
    /// <paramref name="consume"/> with the tap rows, the batch rows kept (all, or the correctly classified with
    /// --correct-only), their ids and labels.
    /// </summary>
    public void Run(Dataset data, IReadOnlyList<int> inputs, BatchSink consume,
        Action<long>? progress, CancellationToken cancel)
    {
        var outputs = new Tensor[tapLayers.Count];
        var layerToTap = new Dictionary<Layer, int>();
        for (int t = 0; t < tapLayers.Count; t++) layerToTap[model.Layers[tapLayers[t]]] = t;
        long done = 0;
        // One loader over the selected images (no copy when they are the whole dataset in order), so its batch
        // buffers are reused from batch to batch.
        bool whole = inputs.Count == data.Count && Enumerable.Range(0, inputs.Count).All(i => inputs[i] == i);
        var selected = whole ? data : data.Subset(inputs);
        var loader = new BatchLoader(selected, request.BatchSize, request.Preprocessing ?? Preprocessing.For(selected, request.Normalization));
        int start = 0;
        foreach (var batch in loader.Epoch())
        {
            cancel.ThrowIfCancellationRequested();
            int count = batch.Count;
            var logits = model.Forward(batch.Images, false, (layer, output) => outputs[layerToTap[layer]] = output, layerToTap.ContainsKey);
            var rows = new List<int>(count);
            var ids = new List<long>(count);
            var labels = new List<int>(count);
            int classes = logits.ItemLength;
            for (int j = 0; j < count; j++)
            {
                int label = batch.Labels[j];
                if (request.Options.CorrectOnly &&
                    System.Numerics.Tensors.TensorPrimitives.IndexOfMax(logits.Data.AsSpan(j * classes, classes)) != label) continue;
                rows.Add(j);
                ids.Add(inputs[start + j]);
                labels.Add(label);
            }
            consume([.. outputs.Select(o => new TapRows(o.Data, o.ItemLength))], rows, ids, labels);
            start += count;
            progress?.Invoke(done += count);
        }
    }
}
