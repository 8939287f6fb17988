namespace LayerEntropy.Tensors;

/// <summary>
/// The windows of a 2-D pooling over one h×w plane: kernel, stride, the padding before and after each axis, and
/// the output size (which ceil mode may make one larger than the windows that fit inside the padding).
/// </summary>
internal readonly record struct PoolWindow(
    int Height, int Width, int KernelHeight, int KernelWidth, int StrideHeight, int StrideWidth,
    int PadTop, int PadLeft, int PadBottom, int PadRight, int OutHeight, int OutWidth)
{
    /// <summary>Output length of one axis: ⌊(size + pads − kernel) / stride⌋ + 1, or the ceiling with <paramref name="ceil"/>, less a last window that would start in the end padding.</summary>
    public static int OutputSize(int size, int kernel, int stride, int padBefore, int padAfter, bool ceil)
    {
        int span = size + padBefore + padAfter - kernel;
        if (span < 0) return 0;
        int count = (ceil ? (span + stride - 1) / stride : span / stride) + 1;
        if (ceil && (count - 1) * stride >= size + padBefore) count--;
        return count;
    }
}
