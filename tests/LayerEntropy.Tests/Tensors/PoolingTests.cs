using LayerEntropy.Tensors;

namespace LayerEntropy.Tests.Tensors;

public class PoolingTests
{
    // planes, height, width, kernel, stride: output widths on both sides of the 4- and 8-wide vector paths, odd sizes
    // (a trailing row or column no window covers), and the general path (other kernels, overlapping windows).
    [Theory]
    [InlineData(3, 2, 2, 2, 2)]
    [InlineData(2, 4, 6, 2, 2)]
    [InlineData(2, 5, 9, 2, 2)]
    [InlineData(4, 10, 10, 2, 2)]
    [InlineData(2, 6, 15, 2, 2)]
    [InlineData(2, 8, 16, 2, 2)]
    [InlineData(3, 7, 23, 2, 2)]
    [InlineData(6, 28, 28, 2, 2)]
    [InlineData(2, 9, 41, 2, 2)]
    [InlineData(2, 9, 9, 3, 3)]
    [InlineData(2, 7, 8, 3, 2)]
    [InlineData(1, 6, 6, 2, 1)]
    public void MatchesTheNaiveWindowScan(int planes, int height, int width, int kernel, int stride)
    {
        // Small integers make ties common; a few NaNs test that the first NaN of a window wins.
        var rng = new Random(planes * 1000 + width);
        var x = new float[planes * height * width];
        for (int i = 0; i < x.Length; i++) x[i] = rng.Next(10) == 0 ? float.NaN : rng.Next(-3, 4);
        int oh = Pooling.OutputSize(height, kernel, stride), ow = Pooling.OutputSize(width, kernel, stride);
        var y = new float[planes * oh * ow];
        var arg = new int[y.Length];
        y.AsSpan().Fill(99f);
        Pooling.MaxForward(x, planes, height, width, kernel, stride, y, arg);
        for (int p = 0; p < planes; p++)
            for (int i = 0; i < oh; i++)
                for (int j = 0; j < ow; j++)
                {
                    int best = -1;
                    for (int a = 0; a < kernel; a++)
                        for (int b = 0; b < kernel; b++)
                        {
                            int at = (p * height + i * stride + a) * width + j * stride + b;
                            if (best < 0 || x[at] > x[best] || (float.IsNaN(x[at]) && !float.IsNaN(x[best]))) best = at;
                        }
                    int o = (p * oh + i) * ow + j;
                    Assert.Equal(best, arg[o]);
                    Assert.Equal(x[best], y[o]);
                }
    }
}
