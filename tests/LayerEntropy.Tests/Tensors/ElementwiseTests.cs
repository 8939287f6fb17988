using LayerEntropy.Tensors;

namespace LayerEntropy.Tests.Tensors;

/// <summary>The vectorised elementwise and optimiser kernels against their formulas, evaluated one element at a time in double.</summary>
public class ElementwiseTests
{
    public static TheoryData<int> Lengths => [.. Enumerable.Range(0, 41).Concat([63, 64, 65, 127, 255, 256, 257])];

    private static float[] Map(float[] x, float[] y, Func<double, double, double> f) =>
        [.. x.Select((v, i) => (float)f(v, y[i]))];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ActivationGradients(int n)
    {
        float[] x = KernelCheck.Random(n, n), dy = KernelCheck.Random(n + 1000, n), dx = new float[n];
        Elementwise.ReluGrad(x, dy, dx);
        KernelCheck.AssertClose(Map(x, dy, (a, g) => a > 0 ? g : 0), dx, "relu grad");
        Elementwise.LeakyReluGrad(x, dy, 0.1f, dx);
        KernelCheck.AssertClose(Map(x, dy, (a, g) => a > 0 ? g : 0.1 * g), dx, "leaky relu grad");
        Elementwise.LeakyRelu(x, 0.1f, dx);
        KernelCheck.AssertClose(Map(x, x, (a, _) => a > 0 ? a : 0.1 * a), dx, "leaky relu");
        Elementwise.SigmoidGrad(x, dy, dx);
        KernelCheck.AssertClose(Map(x, dy, (y, g) => g * y * (1 - y)), dx, "sigmoid grad");
        Elementwise.TanhGrad(x, dy, dx);
        KernelCheck.AssertClose(Map(x, dy, (y, g) => g * (1 - y * y)), dx, "tanh grad");
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 7)]
    [InlineData(5, 33)]
    [InlineData(17, 10)]
    public void RowAndChannelSums(int rows, int cols)
    {
        float[] x = KernelCheck.Random(rows * 31 + cols, rows * cols), sum = new float[cols];
        Elementwise.SumRows(x, rows, cols, sum);
        var expected = Enumerable.Range(0, cols).Select(j => (float)Enumerable.Range(0, rows).Sum(r => (double)x[r * cols + j])).ToArray();
        KernelCheck.AssertClose(expected, sum, "column sums");

        // rows images × 3 channels of cols/… positions: sum over images and positions per channel.
        int plane = cols;
        float[] y = KernelCheck.Random(7, rows * 3 * plane), channels = new float[3];
        Elementwise.SumChannels(y, rows, 3, plane, channels);
        var perChannel = Enumerable.Range(0, 3).Select(c => (float)Enumerable.Range(0, rows).Sum(n => Enumerable.Range(0, plane).Sum(p => (double)y[(n * 3 + c) * plane + p]))).ToArray();
        KernelCheck.AssertClose(perChannel, channels, "channel sums", Enumerable.Repeat((float)(rows * plane), 3).ToArray());
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void SumRoundsInOneOrderOnEveryCpu(int n)
    {
        // Eight running lane sums, folded pairwise, then the tail, in float: the order the kernel promises whatever the
        // vector width of the machine, so a CNN trains to the same bits on AVX2 and AVX-512.
        float[] x = KernelCheck.Random(n + 77, n);
        var lanes = new float[8];
        int blocks = n / 8;
        for (int b = 0; b < blocks; b++)
            for (int l = 0; l < 8; l++) lanes[l] += x[8 * b + l];
        float expected = ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
        for (int i = 8 * blocks; i < n; i++) expected += x[i];
        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(Elementwise.Sum(x)));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void AdamStepIsTorchsFormula(int n)
    {
        float[] p = KernelCheck.Random(n, n), g = KernelCheck.Random(n + 1, n), m = KernelCheck.Random(n + 2, n);
        float[] v = KernelCheck.Abs(KernelCheck.Random(n + 3, n));
        const double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8, wd = 0.01, c1 = 0.271, c2 = 0.0039;
        var expected = new float[n];
        for (int i = 0; i < n; i++)
        {
            double gi = g[i] + wd * p[i], mi = b1 * m[i] + (1 - b1) * gi, vi = b2 * v[i] + (1 - b2) * gi * gi;
            expected[i] = (float)(p[i] - lr * (mi / c1) / (Math.Sqrt(vi / c2) + eps));
        }
        OptimizerKernels.Adam(p, g, m, v, (float)lr, (float)b1, (float)b2, (float)eps, (float)wd, (float)c1, (float)c2);
        KernelCheck.AssertClose(expected, p, "adam");
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void SgdStepIsTorchsFormula(int n)
    {
        float[] p = KernelCheck.Random(n, n), g = KernelCheck.Random(n + 1, n), v = KernelCheck.Random(n + 2, n);
        var expected = Enumerable.Range(0, n).Select(i => (float)(p[i] - 0.1 * (0.9 * v[i] + g[i] + 0.001 * p[i]))).ToArray();
        OptimizerKernels.Sgd(p, g, v, 0.1f, 0.9f, 0.001f);
        KernelCheck.AssertClose(expected, p, "sgd");
    }

    [Fact]
    public void MaxPoolPicksTheFirstMaximumAndRoutesTheGradientThere()
    {
        // One 3×4 plane, 2×2 windows with stride 2; ties go to the first position in row-major order.
        float[] x = [1, 5, 2, 2, 5, 3, 2, 0, 9, 9, 4, -1];
        float[] y = new float[2];
        int[] arg = new int[2];
        Pooling.MaxForward(x, 1, 3, 4, 2, 2, y, arg);
        Assert.Equal([5f, 2f], y);
        Assert.Equal([1, 2], arg);
        float[] dx = new float[12];
        Pooling.MaxBackward([10f, 20f], arg, dx);
        Assert.Equal([0f, 10, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0], dx);
    }
}
