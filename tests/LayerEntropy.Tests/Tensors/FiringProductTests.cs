using LayerEntropy.Tensors;

namespace LayerEntropy.Tests.Tensors;

/// <summary>The integer product of resample weights and firing bits against the triple loop of its definition.</summary>
[Collection(ThreadCountCollection.Name)]
public class FiringProductTests
{
    /// <summary>Every kind this CPU runs.</summary>
    public static TheoryData<string> Kinds
    {
        get
        {
            var kinds = new TheoryData<string> { nameof(FiringProduct.Kind.Sparse) };
            if (System.Runtime.Intrinsics.X86.Avx2.IsSupported) kinds.Add(nameof(FiringProduct.Kind.Avx2));
            if (System.Runtime.Intrinsics.X86.AvxVnni.IsSupported) kinds.Add(nameof(FiringProduct.Kind.AvxVnni));
            return kinds;
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ProductMatchesTheDefinition(string kind)
    {
        var saved = (FiringProduct.Instructions, Compute.Threads, FiringProduct.PackBudget);
        try
        {
            FiringProduct.Instructions = Enum.Parse<FiringProduct.Kind>(kind);
            int seed = 0;
            // Rows around the 6-row tile, k around the quads of 4 and the 2048-row blocks, units around 16 and 64; F packed
            // whole, and 256 rows at a time (a budget of 1 byte: k = 2049 is then 9 slices, the last of one row).
            foreach (long budget in new[] { FiringProduct.PackBudget, 1 })
                foreach (int rows in new[] { 1, 5, 6, 7, 13, 40 })
                    foreach (int k in new[] { 0, 1, 3, 4, 9, 257, 2049 })
                        foreach (int units in new[] { 1, 15, 16, 17, 64, 70, 130 })
                            foreach (int threads in new[] { 1, 2 })
                            {
                                if (k > 100 && rows * units > 2000) continue;
                                (Compute.Threads, FiringProduct.PackBudget) = (threads, budget);
                                Check(rows, k, units, ++seed);
                            }
        }
        finally
        {
            (FiringProduct.Instructions, Compute.Threads, FiringProduct.PackBudget) = saved;
        }
    }

    [Fact]
    public void WideTapsArePackedInSlicesWithinTheBudget()
    {
        Assert.Equal(256, FiringProduct.SliceRows(FiringProduct.Stride(285_696)));
        Assert.Equal(32L << 20, FiringProduct.PackBudget);
        Assert.Equal((32 << 20) / 4096 / 256 * 256, FiringProduct.SliceRows(4096));
    }

    private static void Check(int rows, int k, int units, int seed)
    {
        var random = new Random(seed);
        int words = (units + 63) / 64, aStart = random.Next(3), bitsStart = random.Next(2) * words;
        int lda = (k + 3) / 4 * 4 + random.Next(3);
        var a = new byte[aStart + rows * lda + 4];
        random.NextBytes(a); // weights up to 255, and noise in the padding past k, which must not count
        var bits = new ulong[bitsStart + Math.Max(1, k) * words];
        for (int j = 0; j < k; j++)
            for (int i = 0; i < units; i++)
                if (random.Next(3) == 0) bits[bitsStart + j * words + i / 64] |= 1UL << (i % 64);
        int stride = FiringProduct.Stride(units);
        var c = new int[rows * stride];
        Array.Fill(c, -7); // stale values must be overwritten
        FiringProduct.Multiply(a, aStart, lda, rows, bits, bitsStart, words, k, units, c);
        for (int r = 0; r < rows; r++)
            for (int i = 0; i < units; i++)
            {
                long expected = 0;
                for (int j = 0; j < k; j++)
                    if ((bits[bitsStart + j * words + i / 64] >> (i % 64) & 1) != 0) expected += a[aStart + r * lda + j];
                Assert.True(expected == c[r * stride + i], $"rows {rows}, k {k}, units {units}: C[{r}][{i}] = {c[r * stride + i]}, expected {expected}");
            }
    }
}
