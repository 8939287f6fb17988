using LayerEntropy.Analysis;
using LayerEntropy.Tensors;

namespace LayerEntropy.Tests.Tensors;

/// <summary>The analysis kernels against their plain references for every row length 0..256 and awkward values.</summary>
public class TapKernelsTests
{
    public static TheoryData<int> Lengths => [.. Enumerable.Range(0, 257).Where(n => n < 80 || n % 17 == 0 || n is 127 or 128 or 255 or 256)];

    /// <summary>ReLU-like rows: a third exactly zero, some −0, some negative, magnitudes over several decades.</summary>
    private static float[] Row(int n, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(i => (i % 3) switch
        {
            0 => i % 2 == 0 ? 0f : -0f,
            1 => (float)(random.NextDouble() * Math.Pow(10, random.Next(-3, 3))),
            _ => (float)(random.NextDouble() - 0.5),
        })];
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void FiringBitsMatchTheReference(int n)
    {
        var row = Row(n, n);
        foreach (float threshold in new[] { 0f, 0.25f, -0.1f })
        {
            var fast = new ulong[(n + 63) / 64];
            var slow = new ulong[(n + 63) / 64];
            Array.Fill(fast, ulong.MaxValue); // stale bits must be cleared
            Assert.Equal(TapKernelsReference.FiringBits(row, threshold, slow), TapKernels.FiringBits(row, threshold, fast));
            Assert.Equal(slow, fast);
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void FiringCountsMatchTheReference(int n)
    {
        var row = Row(n, n + 3);
        foreach (float threshold in new[] { 0f, 0.25f, -0.1f })
        {
            int[] fast = [.. Enumerable.Range(0, n).Select(i => i * 7)], slow = [.. fast];
            TapKernels.CountFiring(row, threshold, fast);
            TapKernelsReference.CountFiring(row, threshold, slow);
            Assert.Equal(slow, fast);
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void FixedPointSumsMatchTheReference(int n)
    {
        var row = Row(n, n + 5);
        // Ties at the fixed point's resolution (round half to even), values past the clamp, and large sums.
        for (int i = 0; i < n; i += 5)
            row[i] = (i % 4) switch { 0 => 2.5f / 65536, 1 => -3.5f / 65536, 2 => 3e7f, _ => -1e30f };
        long[] fast = [.. Enumerable.Range(0, n).Select(i => (long)i << 40)], slow = [.. fast];
        TapKernels.AddFixedPoint(row, fast);
        TapKernelsReference.AddFixedPoint(row, slow);
        Assert.Equal(slow, fast);
        if (n > 0) Assert.Equal(2, TapKernels.FixedPoint(2.5f / 65536));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void MagnitudeMatchesTheDefinition(int n)
    {
        var row = Row(n, n + 1);
        double? expected = Measures.MagnitudeOfInput(row);
        double? actual = TapKernels.Magnitude(row);
        if (expected is null) { Assert.Null(actual); return; }
        // Float32 logarithms: |error| ≤ 1e-6 bits + 1e-6 relative, far below any difference the measures report.
        Assert.True(Math.Abs(actual!.Value - expected.Value) <= 1e-6 + 1e-6 * expected.Value, $"n={n}: {actual} vs {expected}");
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void BinsMatchTheReference(int n)
    {
        var row = Row(n, n + 2);
        foreach (var (lo, hi, bins) in new[] { (-0.5f, 1000f, 30), (0f, 1f, 7), (-0.5f, 0.5f, 255), (0.3f, 0.3f, 30), (0f, 0.5f, 30), (-1e30f, 1e30f, 2), (0f, 1e-30f, 30) })
        {
            byte[] fast = new byte[n], slow = new byte[n];
            TapKernels.Bin(row, lo, hi, bins, fast);
            TapKernelsReference.Bin(row, lo, hi, bins, slow);
            Assert.Equal(slow, fast);
            Assert.All(fast, b => Assert.InRange(b, 0, bins - 1));
        }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(40)]
    public void MagnitudeOfARowWithNaNIsNaN(int at)
    {
        var row = Row(64, 9);
        row[at] = float.NaN;
        Assert.True(double.IsNaN(TapKernels.Magnitude(row) ?? double.NaN));
        Assert.True(double.IsNaN(TapKernels.Magnitude(row.AsSpan(0, 7)) ?? double.NaN) == (at < 7));
    }

    [Fact]
    public void MagnitudeWithSubnormalValuesMatchesTheDefinition()
    {
        var row = Row(40, 11);
        row[3] = 1e-40f;
        row[30] = -3e-39f;
        double expected = Measures.MagnitudeOfInput(row)!.Value;
        double actual = TapKernels.Magnitude(row)!.Value;
        Assert.True(Math.Abs(actual - expected) <= 1e-6 + 1e-6 * expected, $"{actual} vs {expected}");
    }

    [Fact]
    public void RowsGiveTheSameResultsWhereverTheyStart()
    {
        // The same 97 values at every offset of a larger buffer: bits and magnitudes must not depend on alignment.
        var row = Row(97, 5);
        double reference = TapKernels.Magnitude(row)!.Value;
        for (int offset = 0; offset < 16; offset++)
        {
            var buffer = new float[offset + 97];
            row.CopyTo(buffer, offset);
            var view = buffer.AsSpan(offset, 97);
            Assert.Equal(reference, TapKernels.Magnitude(view));
        }
    }

    [Fact]
    public void HashSeparatesNearbyKeys()
    {
        var seen = new HashSet<UInt128>();
        var key = new byte[40];
        for (int i = 0; i < key.Length; i++)
            for (int v = 0; v < 256; v++)
            {
                key[i] = (byte)v;
                seen.Add(TapKernels.Hash(key));
                key[i] = 0;
            }
        Assert.Equal(40 * 255 + 1, seen.Count);
        Assert.NotEqual(TapKernels.Hash(new byte[3]), TapKernels.Hash(new byte[4]));
    }
    [Theory]
    [MemberData(nameof(Lengths))]
    public void PackAndUnpackRestoreEveryBitPattern(int n)
    {
        var row = Row(n, n + 11);
        // Besides +0 and −0: NaN with a payload, infinities and a subnormal, which must all come back as they were.
        for (int i = 4; i < n; i += 9)
            row[i] = (i % 4) switch { 0 => BitConverter.Int32BitsToSingle(0x7FC01234), 1 => float.PositiveInfinity, 2 => float.NegativeInfinity, _ => 1e-42f };
        int words = (n + 63) / 64;
        var mask = Enumerable.Repeat(ulong.MaxValue, words).ToArray(); // stale bits must be cleared
        var packed = new float[n];
        int kept = RowPacking.Pack(row, mask, packed);

        var keptValues = row.Where(v => BitConverter.SingleToInt32Bits(v) != 0).ToArray();
        Assert.Equal(keptValues.Length, kept);
        Assert.Equal(keptValues.Select(BitConverter.SingleToInt32Bits), packed.Take(kept).Select(BitConverter.SingleToInt32Bits));
        for (int i = 0; i < n; i++)
            Assert.Equal(BitConverter.SingleToInt32Bits(row[i]) != 0, (mask[i >> 6] >> (i & 63) & 1) == 1);

        var back = Enumerable.Repeat(7f, n).ToArray(); // stale values must be overwritten
        RowPacking.Unpack(mask, packed.AsSpan(0, kept), back);
        Assert.Equal(row.Select(BitConverter.SingleToInt32Bits), back.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void UnpackRefusesTooFewPackedValues()
    {
        var row = new float[70];
        row[3] = 1;
        row[69] = 2;
        var mask = new ulong[2];
        var packed = new float[70];
        Assert.Equal(2, RowPacking.Pack(row, mask, packed));
        Assert.Throws<ArgumentException>(() => RowPacking.Unpack(mask, packed.AsSpan(0, 1), new float[70]));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void HashOfTwoStringsAtOnceEqualsTheirHashesOneByOne(int n)
    {
        var random = new Random(n);
        var first = new byte[n];
        var second = new byte[n];
        random.NextBytes(first);
        random.NextBytes(second);
        Assert.Equal((TapKernels.Hash(first), TapKernels.Hash(second)), TapKernels.Hash(first, second));
        Assert.Equal((TapKernels.Hash(first), TapKernels.Hash(second.AsSpan(0, n / 2))), TapKernels.Hash(first, second.AsSpan(0, n / 2)));
    }
}
