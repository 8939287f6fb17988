using LayerEntropy.Data;
using LayerEntropy.Tensors;

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
            throw LayerEntropyException.ForSetting($"{SettingName.Of<AnalysisOptions>(nameof(AnalysisOptions.CorrectOnly))} needs a prediction of one score per class: the model gives {(model.Outputs is int k ? $"{k} scores" : "no single row of scores")} per input and the data have {classes} classes");
        // The tap rows of a whole batch are one array each: too many values for one is refused before any work.
        foreach (var tap in model.Taps)
            if ((long)request.BatchSize * tap.Units > Array.MaxLength) throw new TensorTooLargeException([request.BatchSize, tap.Units]);
        int start = 0;
        using var batches = loader.Epoch().GetEnumerator();
        if (!batches.MoveNext())
        {
            Scored = (0, 0);
            return;
        }
        var (labels, skipped, count) = Labels(batches.Current);
        var result = model.Forward(fit.Apply(batches.Current.Images));
        while (true)
        {
            cancel.ThrowIfCancellationRequested();
            // The next batch runs while this one is consumed, where the model keeps this batch's rows meanwhile.
            bool more = batches.MoveNext();
            var batch = more ? batches.Current : null;
            var next = more && model.Overlaps ? Task.Run(() => model.Forward(fit.Apply(batch!.Images))) : null;
            var (logits, taps) = result;
            var rows = new List<int>(count);
            var ids = new List<long>(count);
            var kept = new List<int>(count);
            for (int j = 0; j < count; j++)
            {
                // An image file that could not be read (with --skip-bad) is no input: neither scored nor analysed.
                if (skipped[j]) continue;
                int label = labels[j];
                bool right = scores && System.Numerics.Tensors.TensorPrimitives.IndexOfMax(logits.AsSpan(j * classes, classes)) == label;
                if (scores)
                {
                    scored++;
                    if (right) correct++;
                }
                if (request.Options.CorrectOnly && !right) continue;
                rows.Add(j);
                ids.Add(inputs[start + j]);
                kept.Add(label);
            }
            try
            {
                consume(taps, rows, ids, kept);
            }
            catch
            {
                // The session must not be closed under a batch still running.
                try { next?.Wait(); } catch (AggregateException) { }
                throw;
            }
            start += count;
            progress?.Invoke(done += count);
            if (!more) break;
            (labels, skipped, count) = Labels(batch!);
            result = next is null ? model.Forward(fit.Apply(batch!.Images)) : next.GetAwaiter().GetResult();
        }
        Scored = (scored, correct);
    }

    /// <summary>A copy of the batch's labels and of which images were skipped (the loader reuses its batch), and its size.</summary>
    private static (int[] Labels, bool[] Skipped, int Count) Labels(Batch batch) =>
        ([.. batch.Labels.AsSpan(0, batch.Count)], [.. batch.Skipped.AsSpan(0, batch.Count)], batch.Count);
}
