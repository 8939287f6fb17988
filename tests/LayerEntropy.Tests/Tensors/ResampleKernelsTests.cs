using System.Numerics;
using LayerEntropy.Tensors;

namespace LayerEntropy.Tests.Tensors;

/// <summary>The bootstrap's weight kernels against plain loops, at lengths around their vector widths.</summary>
public class ResampleKernelsTests
{
    public static TheoryData<int> Lengths => [.. Enumerable.Range(0, 70).Concat([127, 128, 129, 200, 255, 1000])];

    private static ushort[] Weights(int n, int seed, int max = 7)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => (ushort)(random.Next(10) == 0 ? random.Next(65536) : random.Next(max + 1)))];
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void TransposeMatchesTheDefinition(int cols)
    {
        foreach (int rows in new[] { 1, 8, 13, 200 })
        {
            var w = Weights(rows * cols, cols + rows);
            var t = new ushort[cols * rows];
            int c0 = cols / 3, c1 = cols - cols / 5;
            ResampleKernels.Transpose(w, rows, cols, t, c0, c1);
            for (int c = 0; c < cols; c++)
                for (int r = 0; r < rows; r++)
                    Assert.Equal(c >= c0 && c < c1 ? w[r * cols + c] : 0, t[c * rows + r]);
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void AddRowsMatchesTheDefinition(int rows)
    {
        var t = Weights(5 * rows, rows);
        int[] cols = [4, 1, 4, 0];
        var sum = Enumerable.Range(0, rows).Select(r => r * 3).ToArray();
        var expected = sum.Select((s, r) => s + cols.Sum(c => (int)t[c * rows + r])).ToArray();
        ResampleKernels.AddRows(t, rows, cols, sum);
        Assert.Equal(expected, sum);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void AtLeastMatchesTheDefinition(int n)
    {
        var w = Weights(n, n);
        foreach (int k in new[] { 1, 2, 3, 7, 300, 65535 })
        {
            var mask = Enumerable.Repeat(ulong.MaxValue, (n + 63) / 64).ToArray(); // stale bits must be cleared
            ResampleKernels.AtLeast(w, k, mask);
            for (int j = 0; j < n; j++) Assert.Equal(w[j] >= k, (mask[j / 64] >> (j % 64) & 1) != 0);
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void AndPopCountMatchesTheDefinition(int n)
    {
        var random = new Random(n);
        var a = Enumerable.Range(0, n).Select(_ => (ulong)random.NextInt64() ^ (ulong)random.Next() << 63).ToArray();
        var b = Enumerable.Range(0, n).Select(i => i % 5 == 0 ? ulong.MaxValue : (ulong)random.NextInt64()).ToArray();
        Assert.Equal(a.Zip(b).Sum(p => (long)BitOperations.PopCount(p.First & p.Second)), ResampleKernels.AndPopCount(a, b));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void AddNLog2NMatchesTheDefinition(int n)
    {
        var random = new Random(n);
        double[] table = [.. Enumerable.Range(0, 100).Select(v => v < 2 ? 0 : v * Math.Log2(v))];
        foreach (int limit in new[] { 100, 150 }) // all counts inside the table, and some past it
        {
            var counts = Enumerable.Range(0, n).Select(_ => random.Next(3) == 0 ? 0 : random.Next(limit)).ToArray();
            var sum = Enumerable.Range(0, n).Select(r => 0.5 * r).ToArray();
            var distinct = Enumerable.Range(0, n).Select(r => (long)r).ToArray();
            ResampleKernels.AddNLog2N(counts, table, sum, distinct);
            for (int r = 0; r < n; r++)
            {
                int c = counts[r];
                Assert.Equal(0.5 * r + (c < 2 ? 0 : c * Math.Log2(c)), sum[r], 1e-9);
                Assert.Equal(r + (c > 0 ? 1 : 0), distinct[r]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void WeightedSumDigitsAndTotalsMatchTheDefinition(int n)
    {
        var w = Weights(n, n + 1);
        foreach (int count in new[] { 1, 3, 5 })
        {
            var h = KernelCheck.Random(n + count, count * n).Select(v => (double)v).ToArray();
            var sums = new double[count];
            ResampleKernels.WeightedSums(w, h, sums);
            for (int t = 0; t < count; t++)
            {
                double expected = 0, scale = 0;
                for (int j = 0; j < n; j++) { expected += w[j] * h[t * n + j]; scale += w[j] * Math.Abs(h[t * n + j]); }
                Assert.True(Math.Abs(sums[t] - expected) <= 1e-12 * (1 + scale), $"array {t} of {count}: {sums[t]} against {expected}");
            }
        }
        foreach (int shift in new[] { 0, 8 })
        {
            var digits = new byte[n];
            ResampleKernels.Digit(w, shift, digits);
            Assert.Equal(w.Select(v => (byte)(v >> shift)), digits);
        }
        Assert.Equal((w.Sum(v => (long)v), n == 0 ? 0 : w.Max(v => (int)v)), ResampleKernels.SumAndMax(w));
    }

    [Fact]
    public void SumAndMaxOfManyLargeWeights()
    {
        var w = Enumerable.Repeat((ushort)65535, 70_000).ToArray();
        Assert.Equal((65535L * 70_000, 65535), ResampleKernels.SumAndMax(w));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void MaskedSumMatchesTheDefinition(int n)
    {
        var random = new Random(n + 5);
        var values = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        // Random words, a zero word and a full one; the bits past n must be ignored.
        var bits = Enumerable.Range(0, (n + 63) / 64).Select(w => w % 3 == 1 ? 0 : w % 3 == 2 ? ulong.MaxValue : (ulong)random.NextInt64() ^ (ulong)random.Next() << 63).ToArray();
        double expected = 0, scale = 0;
        for (int i = 0; i < n; i++)
            if ((bits[i / 64] >> (i % 64) & 1) != 0) { expected += values[i]; scale += Math.Abs(values[i]); }
        double sum = JackknifeKernels.MaskedSum(bits, values);
        Assert.True(Math.Abs(sum - expected) <= 1e-12 * (1 + scale), $"{sum} against {expected}");
    }
}
