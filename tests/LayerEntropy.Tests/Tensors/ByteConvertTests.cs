using LayerEntropy.Tensors;

namespace LayerEntropy.Tests.Tensors;

public class ByteConvertTests
{
    public static TheoryData<float, float> Parameters => new()
    {
        { 0f, 255f },
        { (float)(255.0 * 0.1307), (float)(255.0 * 0.3081) },
        { 128f, 1f },
        { -3.5f, 0.001f },
    };

    [Theory]
    [MemberData(nameof(Parameters))]
    public void VectorPathMatchesReferenceBitForBitAtEveryLength(float offset, float divisor)
    {
        var random = new Random(1234);
        var source = new byte[256 + 3];
        random.NextBytes(source);
        for (int start = 0; start < 3; start++) // unaligned starts too
            for (int n = 0; n <= 256; n++)
            {
                ReadOnlySpan<byte> src = source.AsSpan(start, n);
                var fast = new float[n + 1];
                var naive = new float[n + 1];
                fast[n] = naive[n] = -7f; // must stay untouched
                ByteConvert.ToFloat(src, fast, offset, divisor);
                ByteConvert.ToFloatReference(src, naive, offset, divisor);
                Assert.Equal(naive, fast);
            }
    }

    [Fact]
    public void UnitScalingIsExactForEveryByte()
    {
        byte[] all = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var result = new float[256];
        ByteConvert.ToFloat(all, result, 0f, 255f);
        for (int i = 0; i < 256; i++) Assert.Equal(i / 255f, result[i]);
        Assert.Equal(1.0f, result[255]);
        Assert.Equal(0.0f, result[0]);
    }

    [Fact]
    public void ShortDestinationIsRejected() =>
        Assert.Throws<ArgumentException>(() => ByteConvert.ToFloat(new byte[4], new float[3], 0f, 255f));
}
