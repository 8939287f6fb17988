using LayerEntropy.Tensors;

namespace LayerEntropy.Tests.Tensors;

public class Im2ColTests
{
    // batch, channels, height, width, out channels, kernel h/w, stride h/w, padding h/w
    [Theory]
    [InlineData(2, 3, 7, 7, 4, 3, 3, 1, 1, 1, 1)]
    [InlineData(1, 2, 8, 6, 3, 3, 2, 2, 1, 1, 0)]
    [InlineData(2, 1, 5, 5, 2, 5, 5, 1, 1, 2, 2)]
    [InlineData(1, 4, 9, 11, 5, 1, 1, 2, 3, 0, 0)]
    [InlineData(3, 2, 6, 6, 3, 2, 2, 2, 2, 0, 0)]
    [InlineData(1, 2, 10, 10, 2, 2, 2, 3, 3, 1, 1)]
    [InlineData(2, 3, 12, 9, 6, 5, 3, 2, 1, 2, 1)]
    [InlineData(1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0)]
    [InlineData(1, 1, 3, 4, 2, 3, 3, 1, 1, 3, 3)]
    public void ConvolutionThroughColumnsMatchesDirectConvolution(
        int batch, int channels, int height, int width, int outChannels, int kh, int kw, int sh, int sw, int ph, int pw)
    {
        var g = new ConvGeometry(channels, height, width, kh, kw, sh, sw, ph, pw);
        int rows = g.ColumnRows, count = g.ColumnCount;
        float[] x = KernelCheck.Random(1, batch * g.ImageLength), w = KernelCheck.Random(2, outChannels * rows);
        float[] dy = KernelCheck.Random(3, batch * outChannels * count);
        var cols = new float[rows * count];
        var y = new float[batch * outChannels * count];
        var dx = new float[batch * g.ImageLength];
        var dw = new float[outChannels * rows];
        for (int n = 0; n < batch; n++)
        {
            Span<float> xn = x.AsSpan(n * g.ImageLength, g.ImageLength);
            Span<float> yn = y.AsSpan(n * outChannels * count, outChannels * count);
            Span<float> dyn = dy.AsSpan(n * outChannels * count, outChannels * count);
            // Stale values in the buffer must be overwritten, as a layer reusing it across batches relies on.
            cols.AsSpan().Fill(float.NaN);
            Im2Col.Expand(g, xn, cols);
            Gemm.Multiply(false, false, outChannels, count, rows, 1f, w, rows, cols, count, 0f, yn, count);
            Gemm.Multiply(false, true, outChannels, rows, count, 1f, dyn, count, cols, count, n == 0 ? 0f : 1f, dw, rows);
            Gemm.Multiply(true, false, rows, count, outChannels, 1f, w, rows, dyn, count, 0f, cols, count);
            Im2Col.Accumulate(g, cols, dx.AsSpan(n * g.ImageLength, g.ImageLength));
        }

        string what = $"{batch}x{channels}x{height}x{width} -> {outChannels}, kernel {kh}x{kw}, stride {sh}x{sw}, pad {ph}x{pw}";
        KernelCheck.AssertClose(ConvReference.Forward(g, batch, outChannels, x, w), y, "forward " + what);
        KernelCheck.AssertClose(ConvReference.InputGradient(g, batch, outChannels, dy, w), dx, "input gradient " + what);
        KernelCheck.AssertClose(ConvReference.WeightGradient(g, batch, outChannels, x, dy), dw, "weight gradient " + what);
    }

    [Fact]
    public void ColumnLayoutIsChannelKernelRowKernelColumnMajor()
    {
        // 1 channel 3×3 image holding 1..9, 2×2 kernel, stride 1, no padding: 4 output positions.
        var g = new ConvGeometry(1, 3, 3, 2, 2);
        float[] image = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        var cols = new float[g.ColumnRows * g.ColumnCount];
        Im2Col.Expand(g, image, cols);
        float[] expected =
        [
            1, 2, 4, 5, // kernel (0, 0) at each output (0,0), (0,1), (1,0), (1,1)
            2, 3, 5, 6, // kernel (0, 1)
            4, 5, 7, 8, // kernel (1, 0)
            5, 6, 8, 9, // kernel (1, 1)
        ];
        Assert.Equal(expected, cols);
    }

    [Fact]
    public void AccumulateAddsOntoTheImage()
    {
        var g = new ConvGeometry(1, 2, 2, 1, 1);
        float[] image = [10, 20, 30, 40];
        Im2Col.Accumulate(g, new float[] { 1, 2, 3, 4 }, image);
        Assert.Equal(new float[] { 11, 22, 33, 44 }, image);
    }
}
