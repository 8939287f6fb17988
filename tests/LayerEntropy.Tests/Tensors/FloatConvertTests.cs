using LayerEntropy.Tensors;

namespace LayerEntropy.Tests.Tensors;

public class FloatConvertTests
{
    [Theory]
    [InlineData(0f, 1f)]
    [InlineData(0.1307f, 0.3081f)]
    [InlineData(-3.5f, 0.001f)]
    public void StandardizeMatchesReferenceBitForBitAtEveryLength(float offset, float divisor)
    {
        var random = new Random(99);
        float[] source = Enumerable.Range(0, 100).Select(_ => (float)(random.NextDouble() * 200 - 100)).ToArray();
        for (int start = 0; start < 3; start++)
            for (int n = 0; n <= 96; n++)
            {
                ReadOnlySpan<float> src = source.AsSpan(start, n);
                var fast = new float[n + 1];
                var naive = new float[n + 1];
                fast[n] = naive[n] = -7f; // must stay untouched
                FloatConvert.Standardize(src, fast, offset, divisor);
                FloatConvert.StandardizeReference(src, naive, offset, divisor);
                Assert.Equal(naive, fast);
            }
    }

    [Fact]
    public void RangeAndDisplayBytes()
    {
        Assert.Equal((-2f, 5f), FloatConvert.Range([3f, -2f, 5f, 0f]));
        Assert.Equal(-1, FloatConvert.FirstNonFinite([1f, 2f]));
        Assert.Equal(1, FloatConvert.FirstNonFinite([1f, float.NegativeInfinity, float.NaN]));
        var bytes = new byte[5];
        FloatConvert.ToBytes([0f, 1f, 0.5f, 2f / 255, -1f], bytes, 0f, 1f);
        Assert.Equal(new byte[] { 0, 255, 128, 2, 0 }, bytes); // 127.5 rounds to even; below min clamps
    }

    [Fact]
    public void ChannelsLastBecomePlanes()
    {
        int[] hwc = [1, 10, 100, 2, 20, 200, 3, 30, 300, 4, 40, 400];
        var chw = new int[12];
        ChannelLayout.ToPlanar<int>(hwc, chw, 3);
        Assert.Equal([1, 2, 3, 4, 10, 20, 30, 40, 100, 200, 300, 400], chw);
        Assert.Throws<ArgumentException>(() => ChannelLayout.ToPlanar<int>(hwc.AsSpan(0, 11), chw, 3));
    }
}
