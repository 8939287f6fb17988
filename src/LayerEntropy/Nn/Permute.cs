using LayerEntropy.Tensors;

namespace LayerEntropy.Nn;

/// <summary>Reorders the axes of each sample (ONNX Transpose with the batch axis kept first), e.g. NHWC to NCHW.</summary>
internal sealed class Permute : ForwardOnlyLayer
{
    private readonly int[] perm;
    private Tensor? output;

    /// <param name="perm">Output axis k is input axis perm[k], both per sample.</param>
    public Permute(int[] perm)
    {
        Require(perm.Order().SequenceEqual(Enumerable.Range(0, perm.Length)), $"[{string.Join(",", perm)}] is not a permutation");
        this.perm = (int[])perm.Clone();
    }

    public override string Kind => "Transpose";
    public IReadOnlyList<int> Perm => perm;

    public override int[] OutputShape(int[] inputShape)
    {
        Require(inputShape.Length == perm.Length, $"{this} permutes {perm.Length} axes, got {Format(inputShape)}");
        return [.. perm.Select(k => inputShape[k])];
    }

    public override Tensor Forward(Tensor input, bool training)
    {
        var s = OutputShape(input.Shape[1..]);
        var y = Tensor.Ensure(ref output, [input.Dim(0), .. s]);
        Permutation.Apply(input.Data, input.Shape.AsSpan(1), perm, y.Data);
        return y;
    }
}
