using LayerEntropy.Tensors;

namespace LayerEntropy.Tests.Tensors;

public unsafe class ConvKernelsTests
{
    // m, n, k: every row-block size (1..6 and past), rows narrower than, equal to and between vector widths.
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(2, 3, 5)]
    [InlineData(5, 7, 3)]
    [InlineData(6, 8, 25)]
    [InlineData(7, 9, 4)]
    [InlineData(11, 16, 6)]
    [InlineData(13, 17, 9)]
    [InlineData(6, 784, 25)]
    [InlineData(16, 100, 150)]
    [InlineData(150, 100, 16)]
    [InlineData(4, 33, 2)]
    public void MultiplyIsTheFusedChainOfTheNaiveLoop(int m, int n, int k)
    {
        float[] a = KernelCheck.Random(1, m * k), b = KernelCheck.Random(2, k * n), bias = KernelCheck.Random(3, m);
        foreach (bool transposed in new[] { false, true })
            foreach (bool withBias in new[] { false, true })
            {
                // A as m×k (row stride k) or as k×m read transposed (row stride 1, column stride m).
                nint aRow = transposed ? 1 : k, aCol = transposed ? m : 1;
                var c = new float[m * n];
                c.AsSpan().Fill(float.NaN);
                fixed (float* pa = a, pb = b, pc = c, pbias = bias)
                    ConvKernels.Multiply(m, n, k, pa, aRow, aCol, pb, n, pc, n, withBias ? pbias : null);
                var expected = new float[m * n];
                for (int i = 0; i < m; i++)
                    for (int j = 0; j < n; j++)
                    {
                        float s = 0;
                        for (int p = 0; p < k; p++) s = MathF.FusedMultiplyAdd(a[i * aRow + p * aCol], b[p * n + j], s);
                        expected[i * n + j] = withBias ? s + bias[i] : s;
                    }
                // The documented summation order, bit for bit, whatever the vector width and block edges.
                Assert.Equal(expected, c);
            }
    }

    [Fact]
    public void MultiplyHonoursLeadingDimensions()
    {
        // C is a 3×10 window of a 5×12 buffer; B is 4×10 inside rows of 13: the padding must stay untouched.
        int m = 3, n = 10, k = 4, ldb = 13, ldc = 12;
        float[] a = KernelCheck.Random(4, m * k), b = KernelCheck.Random(5, k * ldb);
        var c = new float[5 * ldc];
        c.AsSpan().Fill(7f);
        fixed (float* pa = a, pb = b, pc = c)
            ConvKernels.Multiply(m, n, k, pa, k, 1, pb, ldb, pc + ldc + 1, ldc, null);
        for (int r = 0; r < 5; r++)
            for (int j = 0; j < ldc; j++)
            {
                bool inside = r >= 1 && r <= m && j >= 1 && j <= n;
                if (!inside) Assert.Equal(7f, c[r * ldc + j]);
                else
                {
                    double s = 0;
                    for (int p = 0; p < k; p++) s += (double)a[(r - 1) * k + p] * b[p * ldb + j - 1];
                    Assert.Equal(s, c[r * ldc + j], 1e-5);
                }
            }
    }

    // m, n, length, sets: block edges of the 4×3 tiling, lengths below, at and between vector widths.
    [Theory]
    [InlineData(1, 1, 1, 1)]
    [InlineData(2, 2, 3, 2)]
    [InlineData(3, 5, 7, 1)]
    [InlineData(4, 3, 8, 3)]
    [InlineData(5, 4, 9, 2)]
    [InlineData(6, 25, 784, 3)]
    [InlineData(16, 150, 100, 8)]
    [InlineData(7, 7, 17, 5)]
    [InlineData(9, 11, 33, 1)]
    public void DotRowsMatchesTheNaiveSum(int m, int n, int length, int sets)
    {
        // Each set is a pair of row-major blocks placed with a gap, as images of a chunk are.
        int ldx = length + 1, ldy = length + 2, xStep = m * ldx + 3, yStep = n * ldy + 5;
        float[] x = KernelCheck.Random(6, sets * xStep), y = KernelCheck.Random(7, sets * yStep);
        var d = new float[m * (n + 1)];
        d.AsSpan().Fill(float.NaN);
        fixed (float* px = x, py = y, pd = d)
            ConvKernels.DotRows(m, n, length, sets, px, ldx, xStep, py, ldy, yStep, pd, n + 1);
        var expected = new float[m * n];
        var magnitude = new float[m * n];
        var actual = new float[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0, mag = 0;
                for (int t = 0; t < sets; t++)
                    for (int p = 0; p < length; p++)
                    {
                        double v = (double)x[t * xStep + i * ldx + p] * y[t * yStep + j * ldy + p];
                        s += v;
                        mag += Math.Abs(v);
                    }
                expected[i * n + j] = (float)s;
                magnitude[i * n + j] = (float)mag;
                actual[i * n + j] = d[i * (n + 1) + j];
            }
        KernelCheck.AssertClose(expected, actual, $"dot rows {m}x{n}, length {length}, {sets} sets", magnitude);
        for (int i = 0; i < m; i++) Assert.True(float.IsNaN(d[i * (n + 1) + n]), "the column past n must stay untouched");
    }

    [Theory]
    [InlineData(9)]
    [InlineData(13)]
    [InlineData(21)]
    public void DotRowsTailDoesNotTurnAnInfinityIntoNaN(int length)
    {
        // The last vector ends at length and overlaps values already counted, which are masked to zero in both
        // operands: an infinity there (in either operand) adds nothing more, so the sum stays +∞ instead of NaN.
        int w = System.Numerics.Vector<float>.Count;
        if (length <= w || length % w == 0) return;
        int overlapped = length / w * w - 1;
        foreach (bool inX in new[] { true, false })
        {
            float[] x = new float[length], y = new float[length];
            x.AsSpan().Fill(1f);
            y.AsSpan().Fill(1f);
            (inX ? x : y)[overlapped] = float.PositiveInfinity;
            float d = 0;
            fixed (float* px = x, py = y)
                ConvKernels.DotRows(1, 1, length, 1, px, length, 0, py, length, 0, &d, 1);
            Assert.Equal(float.PositiveInfinity, d);
        }
    }
}
