using LayerEntropy.Onnx.Proto;

namespace LayerEntropy.Onnx;

/// <summary>
/// A tensor known when the model is read: its dims and its values, floating-point (FLOAT, DOUBLE) or integer
/// (INT64 and smaller, BOOL). In integer shape values the unknown batch size is <see cref="OnnxFolding.Batch"/>.
/// </summary>
internal sealed record OnnxConstant(long[] Dims, float[]? Floats, long[]? Longs)
{
    public bool IsFloat => Floats is not null;

    public int Count => Floats?.Length ?? Longs!.Length;

    public int Rank => Dims.Length;

    public static OnnxConstant Read(TensorProto t, string path) =>
        OnnxTensors.IsFloat(t) ? new([.. t.Dims], OnnxTensors.ToFloats(t, path), null) : new([.. t.Dims], null, OnnxTensors.ToLongs(t, path));

    public static OnnxConstant Of(long[] dims, long[] values) => new(dims, null, values);

    public static OnnxConstant Of(long[] dims, float[] values) => new(dims, values, null);

    public TensorProto ToProto(string name) =>
        Floats is { } f ? OnnxTensors.FromFloats(name, [.. Dims.Select(d => (int)d)], f) : OnnxTensors.FromLongs(name, Dims, Longs!);

    /// <summary>The same values taken at <paramref name="indices"/> (flat positions), with new dims.</summary>
    public OnnxConstant Pick(long[] dims, IReadOnlyList<int> indices) =>
        Floats is { } f ? Of(dims, [.. indices.Select(i => f[i])]) : Of(dims, [.. indices.Select(i => Longs![i])]);

    /// <summary>Product of the dims from <paramref name="start"/> to <paramref name="end"/> (exclusive).</summary>
    public int Size(int start, int end)
    {
        long n = 1;
        for (int i = start; i < end; i++) n *= Dims[i];
        return (int)n;
    }
}
