using LayerEntropy.Tensors;

namespace LayerEntropy.Tests.Tensors;

public class ConvolutionTests
{
    // batch, channels, height, width, out channels, kernel, stride, padding; batches below, at and past a chunk.
    public static readonly TheoryData<int, int, int, int, int, int, int, int> Shapes = new()
    {
        { 1, 1, 1, 1, 1, 1, 1, 0 },
        { 3, 1, 28, 28, 6, 5, 1, 2 },
        { 9, 6, 14, 14, 16, 5, 1, 0 },
        { 17, 3, 7, 9, 4, 3, 1, 1 },
        { 8, 2, 11, 10, 5, 3, 2, 1 },
        { 5, 4, 9, 7, 7, 1, 1, 0 },
        { 2, 2, 6, 13, 3, 4, 3, 2 },
        { 11, 5, 5, 5, 2, 5, 1, 4 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MatchesTheDirectConvolution(int batch, int channels, int height, int width, int outChannels, int kernel, int stride, int pad)
    {
        var g = new ConvGeometry(channels, height, width, kernel, kernel, stride, stride, pad, pad);
        float[] x = KernelCheck.Random(1, batch * g.ImageLength), w = KernelCheck.Random(2, outChannels * g.ColumnRows);
        float[] bias = KernelCheck.Random(3, outChannels), dy = KernelCheck.Random(4, batch * outChannels * g.ColumnCount);
        var (y, dw, dx) = Run(g, outChannels, batch, x, w, bias, dy, threads: 2);

        var expected = ConvReference.Forward(g, batch, outChannels, x, w);
        for (int i = 0; i < expected.Length; i++) expected[i] += bias[i / g.ColumnCount % outChannels];
        string what = $"{batch}x{channels}x{height}x{width} -> {outChannels}, kernel {kernel}, stride {stride}, pad {pad}";
        KernelCheck.AssertClose(expected, y, "forward " + what, ConvReference.Forward(g, batch, outChannels, KernelCheck.Abs(x), KernelCheck.Abs(w)));
        KernelCheck.AssertClose(ConvReference.InputGradient(g, batch, outChannels, dy, w), dx, "input gradient " + what,
            ConvReference.InputGradient(g, batch, outChannels, KernelCheck.Abs(dy), KernelCheck.Abs(w)));
        KernelCheck.AssertClose(ConvReference.WeightGradient(g, batch, outChannels, x, dy), dw, "weight gradient " + what,
            ConvReference.WeightGradient(g, batch, outChannels, KernelCheck.Abs(x), KernelCheck.Abs(dy)));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ResultsAreTheSameBitsForAnyThreadCount(int batch, int channels, int height, int width, int outChannels, int kernel, int stride, int pad)
    {
        var g = new ConvGeometry(channels, height, width, kernel, kernel, stride, stride, pad, pad);
        float[] x = KernelCheck.Random(5, batch * g.ImageLength), w = KernelCheck.Random(6, outChannels * g.ColumnRows);
        float[] bias = KernelCheck.Random(7, outChannels), dy = KernelCheck.Random(8, batch * outChannels * g.ColumnCount);
        var one = Run(g, outChannels, batch, x, w, bias, dy, threads: 1);
        foreach (int threads in new[] { 2, 3 })
        {
            var many = Run(g, outChannels, batch, x, w, bias, dy, threads);
            Assert.Equal(one.Y, many.Y);
            Assert.Equal(one.Dw, many.Dw);
            Assert.Equal(one.Dx, many.Dx);
        }
    }

    [Fact]
    public void BuffersAreReusedAcrossCallsAndBatchSizes()
    {
        // One instance through a large batch, then a smaller one (an epoch's last batch), then without an input gradient.
        var g = new ConvGeometry(2, 9, 9, 3, 3, 1, 1, 1, 1);
        int outChannels = 3;
        var conv = new Convolution();
        foreach (int batch in new[] { 20, 5, 20 })
        {
            float[] x = KernelCheck.Random(batch, batch * g.ImageLength), w = KernelCheck.Random(9, outChannels * g.ColumnRows);
            float[] dy = KernelCheck.Random(10, batch * outChannels * g.ColumnCount), bias = new float[outChannels];
            var y = new float[batch * outChannels * g.ColumnCount];
            var dw = new float[w.Length];
            var dx = new float[x.Length];
            conv.Forward(g, outChannels, batch, x, w, bias, y, threads: 2);
            conv.Backward(g, outChannels, batch, x, dy, w, dw, batch == 5 ? null : dx, threads: 2);
            var fresh = Run(g, outChannels, batch, x, w, bias, dy, threads: 1);
            Assert.Equal(fresh.Y, y);
            Assert.Equal(fresh.Dw, dw);
            if (batch != 5) Assert.Equal(fresh.Dx, dx);
        }
    }

    [Fact]
    public void SteadyStateSingleThreadedCallsAllocateNothing()
    {
        var g = new ConvGeometry(6, 14, 14, 5, 5);
        int batch = 19, outChannels = 16;
        float[] x = KernelCheck.Random(1, batch * g.ImageLength), w = KernelCheck.Random(2, outChannels * g.ColumnRows);
        float[] dy = KernelCheck.Random(3, batch * outChannels * g.ColumnCount), bias = new float[outChannels];
        float[] y = new float[dy.Length], dw = new float[w.Length], dx = new float[x.Length];
        var conv = new Convolution();
        for (int i = 0; i < 2; i++)
        {
            conv.Forward(g, outChannels, batch, x, w, bias, y, threads: 1);
            conv.Backward(g, outChannels, batch, x, dy, w, dw, dx, threads: 1);
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 3; i++)
        {
            conv.Forward(g, outChannels, batch, x, w, bias, y, threads: 1);
            conv.Backward(g, outChannels, batch, x, dy, w, dw, dx, threads: 1);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static (float[] Y, float[] Dw, float[] Dx) Run(in ConvGeometry g, int outChannels, int batch, float[] x, float[] w, float[] bias, float[] dy, int threads)
    {
        var conv = new Convolution();
        var y = new float[batch * outChannels * g.ColumnCount];
        var dw = new float[w.Length];
        var dx = new float[x.Length];
        // Stale contents must be overwritten.
        y.AsSpan().Fill(float.NaN);
        dw.AsSpan().Fill(float.NaN);
        dx.AsSpan().Fill(float.NaN);
        conv.Forward(g, outChannels, batch, x, w, bias, y, threads);
        conv.Backward(g, outChannels, batch, x, dy, w, dw, dx, threads);
        return (y, dw, dx);
    }
}
