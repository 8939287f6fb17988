using LayerEntropy.Data;

namespace LayerEntropy.Analysis;

/// <summary>One batch for the analysis: the tap rows, the batch rows to use, and their dataset ids and labels.</summary>
internal delegate void BatchSink(IReadOnlyList<TapRows> taps, List<int> rows, List<long> ids, List<int> labels);

/// <summary>
/// Runs a model over the selected inputs batch by batch (preprocessed, then fitted to the model's input) and hands
/// each batch's tap rows to a consumer, counting on the way how many inputs the model classifies correctly.
/// </summary>
internal sealed class ModelRunner(AnalysedModel model, InputFit fit, AnalysisRequest request)
{
    /// <summary>Inputs whose prediction was scored, and how many of them were right (one score per class only).</summary>
    public (long Inputs, long Correct) Scored { get; private set; }

    /// <summary>
    /// Forward passes over <paramref name="inputs"/> (dataset indices) in order; for each batch calls
    /// <paramref name="consume"/> with the tap rows, the batch rows kept (all, or the correctly classified with
    /// --correct-only), their ids and labels.
    /// </summary>
    public void Run(Dataset data, IReadOnlyList<int> inputs, BatchSink consume, Action<long>? progress, CancellationToken cancel)
    {
        long done = 0, scored = 0, correct = 0;
        // One loader over the selected images (no copy when they are the whole dataset in order), so its batch
        // buffers are reused from batch to batch.
        bool whole = inputs.Count == data.Count && Enumerable.Range(0, inputs.Count).All(i => inputs[i] == i);
        var selected = whole ? data : data.Subset(inputs);
        var loader = new BatchLoader(selected, request.BatchSize, request.Preprocessing ?? Preprocessing.For(selected, request.Normalization));
        int classes = data.ClassNames.Count;
        bool scores = model.Outputs == classes;
        if (request.Options.CorrectOnly && !scores)
            throw new LayerEntropyException($"--correct-only needs a prediction of one score per class: the model gives {(model.Outputs is int k ? $"{k} scores" : "no single row of scores")} per input and the data have {classes} classes");
        int start = 0;
        foreach (var batch in loader.Epoch())
        {
            cancel.ThrowIfCancellationRequested();
            int count = batch.Count;
            var (logits, taps) = model.Forward(fit.Apply(batch.Images));
            var rows = new List<int>(count);
            var ids = new List<long>(count);
            var labels = new List<int>(count);
            for (int j = 0; j < count; j++)
            {
                int label = batch.Labels[j];
                bool right = scores && System.Numerics.Tensors.TensorPrimitives.IndexOfMax(logits.AsSpan(j * classes, classes)) == label;
                if (scores)
                {
                    scored++;
                    if (right) correct++;
                }
                if (request.Options.CorrectOnly && !right) continue;
                rows.Add(j);
                ids.Add(inputs[start + j]);
                labels.Add(label);
            }
            consume(taps, rows, ids, labels);
            start += count;
            progress?.Invoke(done += count);
        }
        Scored = (scored, correct);
    }
}
