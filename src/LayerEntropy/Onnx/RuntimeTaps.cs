using LayerEntropy.Tensors;

namespace LayerEntropy.Onnx;

/// <summary>
/// Runs an imported model batch by batch on ONNX Runtime and returns each tap's values as rows, one per input (the
/// batch axis moved first where the graph keeps it elsewhere), and the prediction's rows. The row buffers are reused
/// from batch to batch, so memory follows the batch, not the dataset.
/// </summary>
internal sealed class RuntimeTaps : IDisposable
{
    private readonly RuntimeSession session;
    private readonly ImportedModel model;
    private readonly TapPoint[] taps;
    // The values fetched: the prediction (when it is one row of scores per input), then the taps' values.
    private readonly string[] fetch;
    // For each fetched value, the tap whose rows it is written into, or −1 (the prediction's own buffer).
    private readonly int[] tapOf;
    // Two sets of buffers, used in turn: one batch's values stay valid while the next batch runs. A tap whose batch
    // axis is not first is written into its own buffer and gathered into its rows.
    private readonly float[][][] rows, gathered;
    private readonly float[][] logits = [[], []];
    private int turn;

    internal RuntimeTaps(ImportedModel model, IReadOnlyList<TapPoint> taps, int threads, byte[]? bytes = null, string? path = null)
    {
        this.model = model;
        this.taps = [.. taps];
        var values = taps.Select(t => t.Value);
        fetch = [.. (model.Classes is null ? values : values.Prepend(model.Graph.Outputs[0])).Distinct()];
        tapOf = [.. fetch.Select(v => Array.FindIndex(this.taps, t => t.Value == v))];
        session = bytes is null
            ? RuntimeSession.Create(model.Graph, fetch, optimize: true, threads)
            : RuntimeSession.Create(path!, model.Graph.BytesWithOutputsOf(bytes, fetch), optimize: true, threads, model.Graph.HasExternalData);
        rows = [[.. taps.Select(_ => Array.Empty<float>())], [.. taps.Select(_ => Array.Empty<float>())]];
        gathered = [[.. taps.Select(_ => Array.Empty<float>())], [.. taps.Select(_ => Array.Empty<float>())]];
    }

    /// <summary>
    /// Runs the <paramref name="count"/> inputs in <paramref name="input"/> (each of the model's input shape) and
    /// returns the prediction's rows (null when the output is not one row per input) and each tap's rows; both stay
    /// valid until the call after next (so that one batch can be consumed while the next runs). ONNX Runtime writes
    /// the values into these buffers itself.
    /// </summary>
    public (float[]? Logits, float[][] Taps) Run(float[] input, int count)
    {
        var rows = this.rows[turn];
        var gathered = this.gathered[turn];
        ref float[] logits = ref this.logits[turn];
        turn ^= 1;
        if (model.Graph.Input.BatchOfOne && count > 1)
            throw new ArgumentException("the model takes one input at a time", nameof(count));
        long[] shape = [count, .. model.InputShape.Select(d => (long)d)];
        int? classes = model.Classes;
        var targets = new (float[] Buffer, long[] Shape)[fetch.Length];
        for (int k = 0; k < fetch.Length; k++)
        {
            int t = tapOf[k];
            var dims = Batch(t < 0 ? model.Output! : taps[t].Shape, count);
            if (t < 0) targets[k] = (Fit(ref logits, count * classes!.Value), dims);
            else if (Direct(taps[t].Shape)) targets[k] = (Fit(ref rows[t], count * (int)taps[t].Shape.Units), dims);
            else targets[k] = (Fit(ref gathered[t], count * (int)taps[t].Shape.Units), dims);
        }
        session.RunInto(model.Graph.Input.Name, input, shape, fetch, targets);
        for (int t = 0; t < taps.Length; t++)
            if (!Direct(taps[t].Shape)) Gather(taps[t].Shape, gathered[t], count, ref rows[t]);
        if (classes is int c && tapOf[0] >= 0)
            rows[tapOf[0]].AsSpan(0, count * c).CopyTo(Fit(ref logits, count * c));
        return (classes is null ? null : logits, rows);
    }

    public void Dispose() => session.Dispose();

    /// <summary>The value's dims for a batch of <paramref name="count"/> inputs.</summary>
    private static long[] Batch(ValueShape shape, int count) =>
        [.. shape.Dims.Select((d, k) => k == shape.BatchAxis ? (long)d * count : d)];

    /// <summary>Whether the value's numbers are already one row per input (its batch axis first, or only ones before it).</summary>
    private static bool Direct(ValueShape shape) => shape.BatchAxis <= 0 || shape.Dims.Take(shape.BatchAxis).All(d => d == 1);

    /// <summary>The buffer, made anew when it does not hold exactly <paramref name="length"/> values.</summary>
    private static float[] Fit(ref float[] buffer, int length)
    {
        if (buffer.Length != length) buffer = GC.AllocateUninitializedArray<float>(length);
        return buffer;
    }

    /// <summary>The value's numbers as one row per input: [outer, count·size, inner] read as count rows of outer·size·inner.</summary>
    private static void Gather(ValueShape shape, float[] values, int count, ref float[] target)
    {
        int units = checked((int)shape.Units);
        int outer = shape.Dims.Take(shape.BatchAxis).Aggregate(1, (a, d) => a * d);
        int inner = units / outer;
        StridedGather.Copy(values, [count, outer, inner], [inner, count * inner, 1], Fit(ref target, count * units));
    }
}
