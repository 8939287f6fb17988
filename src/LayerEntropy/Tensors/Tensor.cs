namespace LayerEntropy.Tensors;

/// <summary>A dense, row-major float32 tensor. The first axis is the batch axis wherever a batch is meant.</summary>
public sealed class Tensor
{
    public Tensor(params int[] shape) : this(new float[CheckedLength(shape)], shape) { }

    public Tensor(float[] data, params int[] shape)
    {
        if (data.Length != CheckedLength(shape))
            throw new ArgumentException($"shape [{string.Join(",", shape)}] needs {CheckedLength(shape)} values, got {data.Length}");
        Data = data;
        Shape = (int[])shape.Clone();
    }

    public float[] Data { get; }
    public int[] Shape { get; }
    public int Rank => Shape.Length;
    public int Length => Data.Length;
    public Span<float> Span => Data;

    /// <summary>Number of values in one batch item (the product of every axis but the first).</summary>
    public int ItemLength => Rank == 0 ? 1 : (Shape[0] == 0 ? CheckedLength(Shape[1..]) : Length / Shape[0]);

    public int Dim(int axis) => Shape[axis < 0 ? Rank + axis : axis];

    /// <summary>A view with another shape over the same values.</summary>
    public Tensor Reshape(params int[] shape) => new(Data, shape);

    public Tensor Clone() => new((float[])Data.Clone(), Shape);

    public float this[int i] { get => Data[i]; set => Data[i] = value; }

    public override string ToString() => $"Tensor[{string.Join("x", Shape)}]";

    public static int CheckedLength(ReadOnlySpan<int> shape)
    {
        long n = 1;
        foreach (int d in shape)
        {
            if (d < 0) throw new ArgumentException("negative dimension");
            n *= d;
            if (n > Array.MaxLength) throw new TensorTooLargeException([.. shape.ToArray().Select(x => (long)x)]);
        }
        return (int)n;
    }

    /// <summary>Returns <paramref name="t"/> when it already has <paramref name="shape"/>, else a new zeroed tensor; lets layers reuse buffers across batches.</summary>
    internal static Tensor Ensure(ref Tensor? t, params int[] shape)
    {
        if (t is not null && t.Shape.AsSpan().SequenceEqual(shape)) return t;
        if (t is not null && t.Length == CheckedLength(shape)) return t = t.Reshape(shape);
        return t = new Tensor(shape);
    }
}
