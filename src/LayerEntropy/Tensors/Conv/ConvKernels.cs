using System.Numerics;
using System.Runtime.CompilerServices;

namespace LayerEntropy.Tensors;

/// <summary>
/// Single-threaded products shaped for convolutions over one image (or a few), where one side is small (the output
/// channels) and the other long (the output positions): a generic packed GEMM spends more time packing such
/// operands than multiplying them. Both kernels work straight from the row-major operands with
/// <see cref="Vector{T}"/> registers and fused multiply-adds.
/// </summary>
/// <remarks>
/// Every output value is summed in a fixed order that depends only on the sizes (and the vector width of the CPU),
/// never on how a caller splits the work, so callers can run them on any number of threads and get the same bits.
/// </remarks>
internal static unsafe class ConvKernels
{
    /// <summary>
    /// c[i·ldc + j] = Σ_p a[i·aRow + p·aCol]·b[p·ldb + j], plus bias[i] when <paramref name="bias"/> is not null, for
    /// i &lt; m, j &lt; n, p &lt; k. Each c value is a chain of fused multiply-adds over p in order, starting from 0.
    /// c is only written. With aRow = k, aCol = 1 that is C = A·B; with aRow = 1, aCol = m it is C = Aᵀ·B for A stored k×m.
    /// </summary>
    public static void Multiply(int m, int n, int k, float* a, nint aRow, nint aCol, float* b, nint ldb, float* c, nint ldc, float* bias)
    {
        int i = 0;
        for (; i + 6 <= m; i += 6) RowBlock<R6>(n, k, a + i * aRow, aRow, aCol, b, ldb, c + i * ldc, ldc, bias is null ? null : bias + i);
        float* ai = a + i * aRow, ci = c + i * ldc, bi = bias is null ? null : bias + i;
        switch (m - i)
        {
            case 5: RowBlock<R5>(n, k, ai, aRow, aCol, b, ldb, ci, ldc, bi); break;
            case 4: RowBlock<R4>(n, k, ai, aRow, aCol, b, ldb, ci, ldc, bi); break;
            case 3: RowBlock<R3>(n, k, ai, aRow, aCol, b, ldb, ci, ldc, bi); break;
            case 2: RowBlock<R2>(n, k, ai, aRow, aCol, b, ldb, ci, ldc, bi); break;
            case 1: RowBlock<R1>(n, k, ai, aRow, aCol, b, ldb, ci, ldc, bi); break;
        }
    }

    /// <summary>
    /// d[i·ldd + j] = Σ_s Σ_p x[s·xStep + i·ldx + p]·y[s·yStep + j·ldy + p] for i &lt; m, j &lt; n, p &lt; length and
    /// s &lt; sets: the dot products of rows of x with rows of y, summed over <paramref name="sets"/> pairs of matrices
    /// (the weight gradient dY·colsᵀ summed over a few images). d is only written.
    /// </summary>
    public static void DotRows(int m, int n, int length, int sets, float* x, nint ldx, nint xStep, float* y, nint ldy, nint yStep, float* d, nint ldd)
    {
        if (length < Vector<float>.Count)
        {
            DotRowsScalar(m, n, length, sets, x, ldx, xStep, y, ldy, yStep, d, ldd);
            return;
        }
        for (int i = 0; i < m; i += 4)
        {
            int rows = Math.Min(4, m - i);
            for (int j = 0; j < n; j += 3)
            {
                int cols = Math.Min(3, n - j);
                float* xi = x + i * ldx, yj = y + j * ldy, dij = d + i * ldd + j;
                switch (rows * 4 + cols)
                {
                    case 4 * 4 + 3: DotBlock<R4, R3>(length, sets, xi, ldx, xStep, yj, ldy, yStep, dij, ldd); break;
                    case 4 * 4 + 2: DotBlock<R4, R2>(length, sets, xi, ldx, xStep, yj, ldy, yStep, dij, ldd); break;
                    case 4 * 4 + 1: DotBlock<R4, R1>(length, sets, xi, ldx, xStep, yj, ldy, yStep, dij, ldd); break;
                    case 3 * 4 + 3: DotBlock<R3, R3>(length, sets, xi, ldx, xStep, yj, ldy, yStep, dij, ldd); break;
                    case 3 * 4 + 2: DotBlock<R3, R2>(length, sets, xi, ldx, xStep, yj, ldy, yStep, dij, ldd); break;
                    case 3 * 4 + 1: DotBlock<R3, R1>(length, sets, xi, ldx, xStep, yj, ldy, yStep, dij, ldd); break;
                    case 2 * 4 + 3: DotBlock<R2, R3>(length, sets, xi, ldx, xStep, yj, ldy, yStep, dij, ldd); break;
                    case 2 * 4 + 2: DotBlock<R2, R2>(length, sets, xi, ldx, xStep, yj, ldy, yStep, dij, ldd); break;
                    case 2 * 4 + 1: DotBlock<R2, R1>(length, sets, xi, ldx, xStep, yj, ldy, yStep, dij, ldd); break;
                    case 1 * 4 + 3: DotBlock<R1, R3>(length, sets, xi, ldx, xStep, yj, ldy, yStep, dij, ldd); break;
                    case 1 * 4 + 2: DotBlock<R1, R2>(length, sets, xi, ldx, xStep, yj, ldy, yStep, dij, ldd); break;
                    default: DotBlock<R1, R1>(length, sets, xi, ldx, xStep, yj, ldy, yStep, dij, ldd); break;
                }
            }
        }
    }

    /// <summary>
    /// TR.Count rows of C over all n columns: two vectors of columns at a time, then one, then (when n is not a multiple
    /// of the width) one vector ending at column n that overlaps the previous one and rewrites its values identically.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RowBlock<TR>(int n, int k, float* a, nint aRow, nint aCol, float* b, nint ldb, float* c, nint ldc, float* bias)
        where TR : struct, IRowCount
    {
        int w = Vector<float>.Count;
        if (n < w)
        {
            RowBlockScalar(TR.Count, n, k, a, aRow, aCol, b, ldb, c, ldc, bias);
            return;
        }
        int j = 0;
        for (; j + 2 * w <= n; j += 2 * w) Columns<TR>(true, k, a, aRow, aCol, b + j, ldb, c + j, ldc, bias);
        if (j + w <= n)
        {
            Columns<TR>(false, k, a, aRow, aCol, b + j, ldb, c + j, ldc, bias);
            j += w;
        }
        if (j < n) Columns<TR>(false, k, a, aRow, aCol, b + (n - w), ldb, c + (n - w), ldc, bias);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Columns<TR>(bool two, int k, float* a, nint aRow, nint aCol, float* b, nint ldb, float* c, nint ldc, float* bias)
        where TR : struct, IRowCount
    {
        int w = Vector<float>.Count, rows = TR.Count;
        Vector<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        if (two)
        {
            for (int p = 0; p < k; p++, a += aCol, b += ldb)
            {
                Vector<float> b0 = Vector.Load(b), b1 = Vector.Load(b + w), s;
                s = new Vector<float>(a[0]); c00 = Vector.FusedMultiplyAdd(s, b0, c00); c01 = Vector.FusedMultiplyAdd(s, b1, c01);
                if (rows > 1) { s = new Vector<float>(a[aRow]); c10 = Vector.FusedMultiplyAdd(s, b0, c10); c11 = Vector.FusedMultiplyAdd(s, b1, c11); }
                if (rows > 2) { s = new Vector<float>(a[2 * aRow]); c20 = Vector.FusedMultiplyAdd(s, b0, c20); c21 = Vector.FusedMultiplyAdd(s, b1, c21); }
                if (rows > 3) { s = new Vector<float>(a[3 * aRow]); c30 = Vector.FusedMultiplyAdd(s, b0, c30); c31 = Vector.FusedMultiplyAdd(s, b1, c31); }
                if (rows > 4) { s = new Vector<float>(a[4 * aRow]); c40 = Vector.FusedMultiplyAdd(s, b0, c40); c41 = Vector.FusedMultiplyAdd(s, b1, c41); }
                if (rows > 5) { s = new Vector<float>(a[5 * aRow]); c50 = Vector.FusedMultiplyAdd(s, b0, c50); c51 = Vector.FusedMultiplyAdd(s, b1, c51); }
            }
        }
        else
        {
            for (int p = 0; p < k; p++, a += aCol, b += ldb)
            {
                Vector<float> b0 = Vector.Load(b);
                c00 = Vector.FusedMultiplyAdd(new Vector<float>(a[0]), b0, c00);
                if (rows > 1) c10 = Vector.FusedMultiplyAdd(new Vector<float>(a[aRow]), b0, c10);
                if (rows > 2) c20 = Vector.FusedMultiplyAdd(new Vector<float>(a[2 * aRow]), b0, c20);
                if (rows > 3) c30 = Vector.FusedMultiplyAdd(new Vector<float>(a[3 * aRow]), b0, c30);
                if (rows > 4) c40 = Vector.FusedMultiplyAdd(new Vector<float>(a[4 * aRow]), b0, c40);
                if (rows > 5) c50 = Vector.FusedMultiplyAdd(new Vector<float>(a[5 * aRow]), b0, c50);
            }
        }
        Store(two, c, w, bias, 0, c00, c01);
        if (rows > 1) Store(two, c + ldc, w, bias, 1, c10, c11);
        if (rows > 2) Store(two, c + 2 * ldc, w, bias, 2, c20, c21);
        if (rows > 3) Store(two, c + 3 * ldc, w, bias, 3, c30, c31);
        if (rows > 4) Store(two, c + 4 * ldc, w, bias, 4, c40, c41);
        if (rows > 5) Store(two, c + 5 * ldc, w, bias, 5, c50, c51);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(bool two, float* c, int w, float* bias, int row, Vector<float> v0, Vector<float> v1)
    {
        if (bias is not null)
        {
            var add = new Vector<float>(bias[row]);
            v0 += add;
            v1 += add;
        }
        Vector.Store(v0, c);
        if (two) Vector.Store(v1, c + w);
    }

    /// <summary>Rows narrower than one vector: the same fused chain per value as the vector lanes compute.</summary>
    private static void RowBlockScalar(int rows, int n, int k, float* a, nint aRow, nint aCol, float* b, nint ldb, float* c, nint ldc, float* bias)
    {
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < n; j++)
            {
                float s = 0;
                for (int p = 0; p < k; p++) s = MathF.FusedMultiplyAdd(a[i * aRow + p * aCol], b[p * ldb + j], s);
                c[i * ldc + j] = bias is null ? s : s + bias[i];
            }
    }

    /// <summary>
    /// TX.Count × TY.Count dot products, each accumulated in one vector over whole vectors of p and, when length is not a
    /// multiple of the width, one last vector ending at p = length with the lanes already counted masked to zero
    /// (in both operands, so that no infinity there meets a zero); lanes are summed once at the end.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotBlock<TX, TY>(int length, int sets, float* x, nint ldx, nint xStep, float* y, nint ldy, nint yStep, float* d, nint ldd)
        where TX : struct, IRowCount where TY : struct, IRowCount
    {
        int w = Vector<float>.Count, full = length / w * w, rx = TX.Count, ry = TY.Count;
        // Lanes l ≥ w − (length − full) of the vector at length − w are the ones not yet counted.
        var mask = Vector.GreaterThanOrEqual(Vector<int>.Indices, new Vector<int>(w - (length - full))).As<int, float>();
        Vector<float> d00 = default, d01 = default, d02 = default, d10 = default, d11 = default, d12 = default;
        Vector<float> d20 = default, d21 = default, d22 = default, d30 = default, d31 = default, d32 = default;
        for (int s = 0; s < sets; s++, x += xStep, y += yStep)
        {
            for (int p = 0; p < full; p += w)
            {
                float* xp = x + p, yp = y + p;
                Vector<float> y0 = Vector.Load(yp), y1 = default, y2 = default, xv;
                if (ry > 1) y1 = Vector.Load(yp + ldy);
                if (ry > 2) y2 = Vector.Load(yp + 2 * ldy);
                xv = Vector.Load(xp);
                d00 = Vector.FusedMultiplyAdd(xv, y0, d00);
                if (ry > 1) d01 = Vector.FusedMultiplyAdd(xv, y1, d01);
                if (ry > 2) d02 = Vector.FusedMultiplyAdd(xv, y2, d02);
                if (rx > 1)
                {
                    xv = Vector.Load(xp + ldx);
                    d10 = Vector.FusedMultiplyAdd(xv, y0, d10);
                    if (ry > 1) d11 = Vector.FusedMultiplyAdd(xv, y1, d11);
                    if (ry > 2) d12 = Vector.FusedMultiplyAdd(xv, y2, d12);
                }
                if (rx > 2)
                {
                    xv = Vector.Load(xp + 2 * ldx);
                    d20 = Vector.FusedMultiplyAdd(xv, y0, d20);
                    if (ry > 1) d21 = Vector.FusedMultiplyAdd(xv, y1, d21);
                    if (ry > 2) d22 = Vector.FusedMultiplyAdd(xv, y2, d22);
                }
                if (rx > 3)
                {
                    xv = Vector.Load(xp + 3 * ldx);
                    d30 = Vector.FusedMultiplyAdd(xv, y0, d30);
                    if (ry > 1) d31 = Vector.FusedMultiplyAdd(xv, y1, d31);
                    if (ry > 2) d32 = Vector.FusedMultiplyAdd(xv, y2, d32);
                }
            }
            if (full < length)
            {
                float* xp = x + length - w, yp = y + length - w;
                Vector<float> y0 = Vector.Load(yp) & mask, y1 = default, y2 = default, xv;
                if (ry > 1) y1 = Vector.Load(yp + ldy) & mask;
                if (ry > 2) y2 = Vector.Load(yp + 2 * ldy) & mask;
                xv = Vector.Load(xp) & mask;
                d00 = Vector.FusedMultiplyAdd(xv, y0, d00);
                if (ry > 1) d01 = Vector.FusedMultiplyAdd(xv, y1, d01);
                if (ry > 2) d02 = Vector.FusedMultiplyAdd(xv, y2, d02);
                if (rx > 1)
                {
                    xv = Vector.Load(xp + ldx) & mask;
                    d10 = Vector.FusedMultiplyAdd(xv, y0, d10);
                    if (ry > 1) d11 = Vector.FusedMultiplyAdd(xv, y1, d11);
                    if (ry > 2) d12 = Vector.FusedMultiplyAdd(xv, y2, d12);
                }
                if (rx > 2)
                {
                    xv = Vector.Load(xp + 2 * ldx) & mask;
                    d20 = Vector.FusedMultiplyAdd(xv, y0, d20);
                    if (ry > 1) d21 = Vector.FusedMultiplyAdd(xv, y1, d21);
                    if (ry > 2) d22 = Vector.FusedMultiplyAdd(xv, y2, d22);
                }
                if (rx > 3)
                {
                    xv = Vector.Load(xp + 3 * ldx) & mask;
                    d30 = Vector.FusedMultiplyAdd(xv, y0, d30);
                    if (ry > 1) d31 = Vector.FusedMultiplyAdd(xv, y1, d31);
                    if (ry > 2) d32 = Vector.FusedMultiplyAdd(xv, y2, d32);
                }
            }
        }
        SumRow(d, ry, d00, d01, d02);
        if (rx > 1) SumRow(d + ldd, ry, d10, d11, d12);
        if (rx > 2) SumRow(d + 2 * ldd, ry, d20, d21, d22);
        if (rx > 3) SumRow(d + 3 * ldd, ry, d30, d31, d32);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SumRow(float* d, int ry, Vector<float> a, Vector<float> b, Vector<float> c)
    {
        d[0] = Vector.Sum(a);
        if (ry > 1) d[1] = Vector.Sum(b);
        if (ry > 2) d[2] = Vector.Sum(c);
    }

    private static void DotRowsScalar(int m, int n, int length, int sets, float* x, nint ldx, nint xStep, float* y, nint ldy, nint yStep, float* d, nint ldd)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                float s = 0;
                for (int t = 0; t < sets; t++)
                    for (int p = 0; p < length; p++) s = MathF.FusedMultiplyAdd(x[t * xStep + i * ldx + p], y[t * yStep + j * ldy + p], s);
                d[i * ldd + j] = s;
            }
    }

    /// <summary>A row count fixed at compile time, so that each block size gets its own specialised code.</summary>
    private interface IRowCount
    {
        static abstract int Count { get; }
    }

    private readonly struct R1 : IRowCount { public static int Count => 1; }
    private readonly struct R2 : IRowCount { public static int Count => 2; }
    private readonly struct R3 : IRowCount { public static int Count => 3; }
    private readonly struct R4 : IRowCount { public static int Count => 4; }
    private readonly struct R5 : IRowCount { public static int Count => 5; }
    private readonly struct R6 : IRowCount { public static int Count => 6; }
}
