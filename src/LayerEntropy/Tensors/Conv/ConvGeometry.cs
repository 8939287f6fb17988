namespace LayerEntropy.Tensors;

/// <summary>
/// The shape of a 2-D convolution over one NCHW image: channels, spatial size, kernel, stride and zero padding
/// (the same padding on both sides of an axis).
/// </summary>
internal readonly record struct ConvGeometry(
    int Channels, int Height, int Width, int KernelHeight, int KernelWidth,
    int StrideHeight = 1, int StrideWidth = 1, int PadHeight = 0, int PadWidth = 0)
{
    public int OutHeight => Im2Col.OutputSize(Height, KernelHeight, StrideHeight, PadHeight);
    public int OutWidth => Im2Col.OutputSize(Width, KernelWidth, StrideWidth, PadWidth);

    /// <summary>Values in one input image, C·H·W.</summary>
    public int ImageLength => Channels * Height * Width;

    /// <summary>Rows of the column matrix, C·kh·kw (also the length of one output channel's weights).</summary>
    public int ColumnRows => Channels * KernelHeight * KernelWidth;

    /// <summary>Columns of the column matrix, outH·outW.</summary>
    public int ColumnCount => OutHeight * OutWidth;

    public void Validate()
    {
        if (Channels < 1 || Height < 1 || Width < 1) throw new ArgumentException($"image {Channels}×{Height}×{Width} must be non-empty");
        if (KernelHeight < 1 || KernelWidth < 1) throw new ArgumentException($"kernel {KernelHeight}×{KernelWidth} must be non-empty");
        if (StrideHeight < 1 || StrideWidth < 1) throw new ArgumentException("strides must be at least 1");
        if (PadHeight < 0 || PadWidth < 0) throw new ArgumentException("padding must not be negative");
        if (Height + 2 * PadHeight < KernelHeight || Width + 2 * PadWidth < KernelWidth)
            throw new ArgumentException($"kernel {KernelHeight}×{KernelWidth} is larger than the padded image");
    }
}
