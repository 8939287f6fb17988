using Microsoft.ML.OnnxRuntime.Tensors;

namespace LayerEntropy.Onnx;

/// <summary>
/// Finds, by running the graph, the shape of every value computed from the input and where its batch axis is: a tap's
/// units are all the other axes, so the batch axis must be known, and a file's shape annotations cannot be trusted with
/// it (an attention layer computes [tokens, N, features], and [tokens·N, features] mixes inputs in one axis). The
/// graph runs on two random inputs as a batch of two and on the first alone; a value's batch axis is the one axis that
/// doubles, and only if the first input's slice of the pair equals the first input's own value.
/// </summary>
internal static class RuntimeProbe
{
    /// <param name="inputShape">The input's dims after the batch axis, every free dim settled.</param>
    /// <returns>Every FLOAT value that depends on the input and holds each input's values apart, by name.</returns>
    public static IReadOnlyDictionary<string, ValueShape> Run(OnnxGraph graph, int[] inputShape, int threads)
    {
        var candidates = graph.ComputedValues().Where(v => v != graph.Input.Name).Distinct().ToList();
        candidates.AddRange(graph.Outputs.Where(o => !candidates.Contains(o)));
        using var session = RuntimeSession.Create(graph, candidates, optimize: false, threads);
        var floats = candidates.Where(v => session.Outputs.TryGetValue(v, out var m) && m.IsTensor && m.ElementDataType == TensorElementType.Float).ToList();

        int length = Tensors.Tensor.CheckedLength(inputShape);
        var random = new Random(0x5eed);
        var pair = new float[2 * length];
        for (int i = 0; i < pair.Length; i++) pair[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));

        var single = new Dictionary<string, (long[] Shape, float[] Values)>(StringComparer.Ordinal);
        session.Run(graph.Input.Name, pair[..length], [1, .. inputShape.Select(d => (long)d)], floats, (k, shape, values) => single[floats[k]] = (shape, values.ToArray()));
        var shapes = new Dictionary<string, ValueShape>(StringComparer.Ordinal);
        if (graph.Input.BatchOfOne)
        {
            // One input per run: every value belongs to it whole, whatever its layout.
            foreach (var (name, (shape, _)) in single)
                if (shape.All(d => d > 0)) shapes[name] = new ValueShape([.. shape.Select(d => (int)d)], -1);
            return shapes;
        }
        session.Run(graph.Input.Name, pair, [2, .. inputShape.Select(d => (long)d)], floats, (k, shape, values) =>
        {
            var (alone, first) = single[floats[k]];
            if (BatchAxis(alone, shape) is int axis && FirstSliceMatches(alone, axis, values, first))
                shapes[floats[k]] = new ValueShape([.. alone.Select(d => (int)d)], axis);
        });
        return shapes;
    }

    /// <summary>The one axis whose size doubles from a batch of one to a batch of two, all others equal; else null.</summary>
    private static int? BatchAxis(long[] one, long[] two)
    {
        if (one.Length != two.Length || one.Length == 0) return null;
        int? axis = null;
        for (int k = 0; k < one.Length; k++)
        {
            if (one[k] <= 0) return null;
            if (two[k] == one[k]) continue;
            if (two[k] != 2 * one[k] || axis is not null) return null;
            axis = k;
        }
        return axis;
    }

    /// <summary>Whether the first input's slice of the pair's value (along <paramref name="axis"/>) is the first input's own value.</summary>
    private static bool FirstSliceMatches(long[] one, int axis, ReadOnlySpan<float> pair, float[] alone)
    {
        long outer = 1, inner = 1;
        for (int k = 0; k < axis; k++) outer *= one[k];
        for (int k = axis; k < one.Length; k++) inner *= one[k];
        float scale = 0;
        foreach (float v in alone) if (float.IsFinite(v)) scale = Math.Max(scale, Math.Abs(v));
        // ONNX Runtime may pick other kernels for another batch size: equal up to rounding, not bit for bit.
        double tolerance = 1e-3 * (1 + scale);
        for (long o = 0; o < outer; o++)
            for (long i = 0; i < inner; i++)
            {
                float a = pair[(int)(o * 2 * inner + i)], b = alone[o * inner + i];
                if (float.IsNaN(a) && float.IsNaN(b)) continue;
                if (!(Math.Abs(a - b) <= tolerance)) return false;
            }
        return true;
    }
}

/// <summary>
/// A value's shape for one input (its batch axis of size 1, or of the size one input takes in it) and that axis;
/// <see cref="BatchAxis"/> is −1 when the model runs one input at a time and every value is that input's whole.
/// </summary>
internal sealed record ValueShape(int[] Dims, int BatchAxis)
{
    /// <summary>How many numbers one input has in the value: its units when tapped.</summary>
    public long Units => Dims.Aggregate(1L, (a, d) => a * d);

    /// <summary>The dims of one input without a batch axis of size 1, e.g. [64, 16, 16] for [1, 64, 16, 16].</summary>
    public int[] SampleDims => BatchAxis >= 0 && Dims[BatchAxis] == 1 ? [.. Dims.Where((_, k) => k != BatchAxis)] : Dims;

    /// <summary>"[N,64,16,16]", or "[28,N,192]" when the batch is not the first axis.</summary>
    public string Describe() => BatchAxis < 0
        ? $"[{string.Join(",", Dims)}]"
        : $"[{string.Join(",", Dims.Select((d, k) => k == BatchAxis ? (d == 1 ? "N" : $"N·{d}") : d.ToString(System.Globalization.CultureInfo.InvariantCulture)))}]";
}
