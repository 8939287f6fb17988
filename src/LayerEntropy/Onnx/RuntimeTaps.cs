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
    private readonly string[] fetch;
    // Two sets of buffers, used in turn: one batch's values stay valid while the next batch runs.
    private readonly float[][][] rows;
    private readonly float[][] logits = [[], []];
    private int turn;

    internal RuntimeTaps(ImportedModel model, IReadOnlyList<TapPoint> taps, int threads, byte[]? bytes = null, string? path = null)
    {
        this.model = model;
        this.taps = [.. taps];
        fetch = [.. taps.Select(t => t.Value).Prepend(model.Graph.Outputs[0]).Distinct()];
        session = bytes is null
            ? RuntimeSession.Create(model.Graph, fetch, optimize: true, threads)
            : RuntimeSession.Create(path!, model.Graph.BytesWithOutputsOf(bytes, fetch), optimize: true, threads, model.Graph.HasExternalData);
        rows = [[.. taps.Select(_ => Array.Empty<float>())], [.. taps.Select(_ => Array.Empty<float>())]];
    }

    /// <summary>
    /// Runs the <paramref name="count"/> inputs in <paramref name="input"/> (each of the model's input shape) and
    /// returns the prediction's rows (null when the output is not one row per input) and each tap's rows; both stay
    /// valid until the call after next (so that one batch can be consumed while the next runs).
    /// </summary>
    public (float[]? Logits, float[][] Taps) Run(float[] input, int count)
    {
        var rows = this.rows[turn];
        ref float[] logits = ref this.logits[turn];
        turn ^= 1;
        if (model.Graph.Input.BatchOfOne && count > 1)
            throw new ArgumentException("the model takes one input at a time", nameof(count));
        long[] shape = [count, .. model.InputShape.Select(d => (long)d)];
        bool hasLogits = model.Classes is not null;
        float[] scores = logits;
        session.Run(model.Graph.Input.Name, input, shape, fetch, (k, dims, values) =>
        {
            string name = fetch[k];
            if (k == 0 && hasLogits) Copy(values, ref scores, count * model.Classes!.Value);
            for (int t = 0; t < taps.Length; t++)
                if (taps[t].Value == name) Rows(taps[t].Shape, dims, values, count, ref rows[t]);
        });
        logits = scores;
        return (hasLogits ? scores : null, rows);
    }

    public void Dispose() => session.Dispose();

    private static void Copy(ReadOnlySpan<float> values, ref float[] target, int length)
    {
        if (values.Length != length) throw new InvalidOperationException($"expected {length} values, ONNX Runtime gave {values.Length}");
        if (target.Length != length) target = new float[length];
        values.CopyTo(target);
    }

    /// <summary>The value's numbers as one row per input: [outer, count·size, inner] read as count rows of outer·size·inner.</summary>
    private static void Rows(ValueShape shape, long[] dims, ReadOnlySpan<float> values, int count, ref float[] target)
    {
        int units = checked((int)shape.Units);
        if (shape.BatchAxis <= 0 || shape.Dims.Take(shape.BatchAxis).All(d => d == 1))
        {
            Copy(values, ref target, checked(count * units));
            return;
        }
        int outer = shape.Dims.Take(shape.BatchAxis).Aggregate(1, (a, d) => a * d);
        int inner = units / outer;
        if (values.Length != (long)count * units || dims[shape.BatchAxis] != (long)count * shape.Dims[shape.BatchAxis])
            throw new InvalidOperationException($"the value's shape [{string.Join(",", dims)}] is not {count} inputs of {shape.Describe()}");
        if (target.Length != count * units) target = new float[count * units];
        StridedGather.Copy(values, [count, outer, inner], [inner, count * inner, 1], target);
    }
}
