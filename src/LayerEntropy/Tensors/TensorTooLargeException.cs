namespace LayerEntropy.Tensors;

/// <summary>A tensor of <see cref="Shape"/> would hold more values than one array can.</summary>
internal sealed class TensorTooLargeException(IReadOnlyList<long> shape)
    : ArgumentException($"a tensor of shape [{string.Join(",", shape)}] is too large: more than {Array.MaxLength} values")
{
    public IReadOnlyList<long> Shape { get; } = shape;

    /// <summary>How many values the shape holds (as a double: it may pass long's range).</summary>
    public double Values => Shape.Aggregate(1.0, (n, d) => n * d);
}
