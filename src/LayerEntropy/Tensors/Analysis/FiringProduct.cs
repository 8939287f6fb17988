using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LayerEntropy.Tensors;

/// <summary>
/// C = A·F for byte weights A (rows × k) and binary rows F (k rows of packed bits): C[r][i] = Σ_j A[r][j]·(bit i of
/// row j), exact in 32-bit integers. The bootstrap counts with it how often each unit fires under every resample at
/// once (A holds the resamples' draw counts, F the inputs' firing patterns). F is expanded to bytes four rows at a
/// time, the layout of the dot-product instructions: AVX-VNNI's vpdpbusd adds four u8·s8 products into each 32-bit
/// lane, 32 multiply-adds an instruction; plain AVX2 does the same with vpmaddubsw and vpmaddwd. Tiles of 6 rows ×
/// 16 units keep 12 accumulators in registers while a block of 512 quads of F (32 KiB) stays in L1.
/// </summary>
internal static unsafe class FiringProduct
{
    private const int MR = 6, NR = 16, QuadsPerBlock = 512, TileRowsPerItem = 6;

    /// <summary>The row length of C: the units rounded up to a whole tile.</summary>
    public static int Stride(int units) => (units + NR - 1) / NR * NR;

    /// <summary>The instructions a product runs on.</summary>
    internal enum Kind
    {
        /// <summary>Plain loops: each weight added to the units its row fires.</summary>
        Sparse,

        /// <summary>AVX2's vpmaddubsw and vpmaddwd.</summary>
        Avx2,

        /// <summary>AVX-VNNI's vpdpbusd.</summary>
        AvxVnni,
    }

    /// <summary>The kind <see cref="Multiply"/> runs (the best this CPU has unless set otherwise, for tests).</summary>
    internal static Kind Instructions { get; set; } =
        System.Runtime.Intrinsics.X86.AvxVnni.IsSupported ? Kind.AvxVnni : System.Runtime.Intrinsics.X86.Avx2.IsSupported ? Kind.Avx2 : Kind.Sparse;

    /// <summary>
    /// Overwrites C (rows × <see cref="Stride"/>(units), from <paramref name="cStart"/>) with A·F. A row starts every <paramref name="lda"/> bytes at
    /// <paramref name="aStart"/> and is read up to k rounded up to a multiple of 4 (the bytes past k meet zero rows);
    /// F's rows are <paramref name="words"/> words each from word <paramref name="bitsStart"/>, with no bits set past
    /// <paramref name="units"/>.
    /// </summary>
    public static void Multiply(byte[] a, int aStart, int lda, int rows, ulong[] bits, int bitsStart, int words, int k, int units, int[] c, int cStart = 0)
    {
        int stride = Stride(units);
        Array.Clear(c, cStart, rows * stride);
        if (k == 0 || rows == 0) return;
        if (Instructions == Kind.Sparse)
        {
            Sparse(a, aStart, lda, rows, bits, bitsStart, words, k, c, cStart, stride);
            return;
        }
        // F expands to a byte per bit: k rows of a wide tap are packed a slice at a time, each slice's products added to C.
        int slice = SliceRows(stride);
        for (int j = 0; j < k; j += slice)
        {
            int n = Math.Min(slice, k - j);
            if (Instructions == Kind.AvxVnni) Packed<Vnni, Vector256<int>>(a, aStart + j, lda, rows, bits, bitsStart + j * words, words, n, stride, c, cStart);
            else Packed<Madd, Vector256<short>>(a, aStart + j, lda, rows, bits, bitsStart + j * words, words, n, stride, c, cStart);
        }
    }

    /// <summary>About how many bytes the packed rows of F may take at once.</summary>
    internal static long PackBudget { get; set; } = 32L << 20;

    /// <summary>The rows of F packed at once: as many as fit <see cref="PackBudget"/>, a multiple of 256 (64 quads), at least 256.</summary>
    internal static int SliceRows(int stride) => (int)Math.Clamp(PackBudget / stride / 256, 1, int.MaxValue / 256) * 256;

    private static void Packed<TDot, TAcc>(byte[] a, int aStart, int lda, int rows, ulong[] bits, int bitsStart, int words, int k, int stride, int[] c, int cStart)
        where TDot : struct, IDot<TAcc>
        where TAcc : struct
    {
        int quads = (k + 3) >> 2, panels = stride / NR;
        byte[] packed = ArrayPool<byte>.Shared.Rent(panels * quads * 64);
        try
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = Compute.Threads };
            int chunk = Math.Max(64, quads / (4 * Compute.Threads));
            Parallel.For(0, (quads + chunk - 1) / chunk, options, part =>
                Pack(bits, bitsStart, words, k, panels, quads, part * chunk, Math.Min(quads, (part + 1) * chunk), packed));
            int tiles = (rows + MR - 1) / MR, rowItems = (tiles + TileRowsPerItem - 1) / TileRowsPerItem;
            Parallel.For(0, panels * rowItems, options, item =>
            {
                int panel = item % panels, firstTile = item / panels * TileRowsPerItem;
                int lastTile = Math.Min(tiles, firstTile + TileRowsPerItem);
                fixed (byte* pa = a, pb = packed)
                fixed (int* pc = c)
                    for (int q0 = 0; q0 < quads; q0 += QuadsPerBlock)
                    {
                        int n = Math.Min(QuadsPerBlock, quads - q0);
                        byte* panelStart = pb + ((long)panel * quads + q0) * 64;
                        for (int t = firstTile; t < lastTile; t++)
                        {
                            int r0 = t * MR;
                            byte* ar = pa + aStart + (long)r0 * lda + 4 * q0;
                            int* cr = pc + cStart + (long)r0 * stride + panel * NR;
                            if (r0 + MR <= rows) Tile6<TDot, TAcc>(ar, lda, panelStart, n, cr, stride);
                            else
                                for (int r = r0; r < rows; r++) Tile1<TDot, TAcc>(ar + (long)(r - r0) * lda, panelStart, n, cr + (long)(r - r0) * stride);
                        }
                    }
            });
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(packed);
        }
    }

    /// <summary>
    /// Expands quads [q0, q1) of F into <paramref name="packed"/>: for each panel of 16 units and each quad, two
    /// vectors of 8 lanes, lane l holding the 4 rows' bits of unit l as bytes 0 or 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Pack(ulong[] bits, int bitsStart, int words, int k, int panels, int quads, int q0, int q1, byte[] packed)
    {
        // Lane l keeps bit l of each of its four bytes.
        var laneBit = Vector256.Create(0x01010101u, 0x02020202u, 0x04040404u, 0x08080808u, 0x10101010u, 0x20202020u, 0x40404040u, 0x80808080u).AsByte();
        var one = Vector256<byte>.One;
        fixed (ulong* pbits = bits)
        fixed (byte* pp = packed)
        {
            byte* rowBytes = (byte*)(pbits + bitsStart);
            for (int q = q0; q < q1; q++)
            {
                int j = 4 * q;
                byte* r0 = rowBytes + (long)j * words * 8;
                long step = words * 8L;
                int present = Math.Min(4, k - j);
                for (int g = 0; g < 2 * panels; g++)
                {
                    uint d = r0[g];
                    if (present > 1) d |= (uint)r0[step + g] << 8;
                    if (present > 2) d |= (uint)r0[2 * step + g] << 16;
                    if (present > 3) d |= (uint)r0[3 * step + g] << 24;
                    var v = Vector256.Min(Vector256.Create(d).AsByte() & laneBit, one);
                    v.Store(pp + ((long)(g >> 1) * quads + q) * 64 + (g & 1) * 32);
                }
            }
        }
    }

    /// <summary>How a tile accumulates four u8·s8 products per 32-bit lane, and for how many quads before widening.</summary>
    private interface IDot<TAcc>
        where TAcc : struct
    {
        static abstract int Quads { get; }

        static abstract TAcc Dot(TAcc acc, Vector256<byte> a, Vector256<sbyte> b);

        static abstract Vector256<int> Widen(TAcc acc);
    }

    /// <summary>vpdpbusd: the four products straight into 32-bit lanes.</summary>
    private readonly struct Vnni : IDot<Vector256<int>>
    {
        public static int Quads => int.MaxValue;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<int> Dot(Vector256<int> acc, Vector256<byte> a, Vector256<sbyte> b) =>
            System.Runtime.Intrinsics.X86.AvxVnni.MultiplyWideningAndAdd(acc, a, b);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<int> Widen(Vector256<int> acc) => acc;
    }

    /// <summary>
    /// vpmaddubsw: pairs of products into 16-bit lanes (at most 2·255 a step, so 64 steps stay below 2¹⁵), widened
    /// to 32 bits by vpmaddwd, which also adds the two pairs of each 32-bit lane.
    /// </summary>
    private readonly struct Madd : IDot<Vector256<short>>
    {
        public static int Quads => 64;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<short> Dot(Vector256<short> acc, Vector256<byte> a, Vector256<sbyte> b) =>
            Avx2.Add(acc, Avx2.MultiplyAddAdjacent(a, b));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<int> Widen(Vector256<short> acc) => Avx2.MultiplyAddAdjacent(acc, Vector256<short>.One);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Quad(byte* a) => Vector256.Create(Unsafe.ReadUnaligned<uint>(a)).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile6<TDot, TAcc>(byte* a, int lda, byte* b, int quads, int* c, int ldc)
        where TDot : struct, IDot<TAcc>
        where TAcc : struct
    {
        byte* a0 = a, a1 = a + lda, a2 = a + 2L * lda, a3 = a + 3L * lda, a4 = a + 4L * lda, a5 = a + 5L * lda;
        for (int q0 = 0; q0 < quads; q0 += Math.Min(TDot.Quads, quads - q0))
        {
            TAcc c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
            TAcc c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
            int q1 = q0 + Math.Min(TDot.Quads, quads - q0);
            for (int q = q0; q < q1; q++)
            {
                var b0 = Vector256.Load((sbyte*)b);
                var b1 = Vector256.Load((sbyte*)b + 32);
                int o = 4 * q;
                var av = Quad(a0 + o);
                c00 = TDot.Dot(c00, av, b0);
                c01 = TDot.Dot(c01, av, b1);
                av = Quad(a1 + o);
                c10 = TDot.Dot(c10, av, b0);
                c11 = TDot.Dot(c11, av, b1);
                av = Quad(a2 + o);
                c20 = TDot.Dot(c20, av, b0);
                c21 = TDot.Dot(c21, av, b1);
                av = Quad(a3 + o);
                c30 = TDot.Dot(c30, av, b0);
                c31 = TDot.Dot(c31, av, b1);
                av = Quad(a4 + o);
                c40 = TDot.Dot(c40, av, b0);
                c41 = TDot.Dot(c41, av, b1);
                av = Quad(a5 + o);
                c50 = TDot.Dot(c50, av, b0);
                c51 = TDot.Dot(c51, av, b1);
                b += 64;
            }
            Add(c, TDot.Widen(c00), TDot.Widen(c01));
            Add(c + ldc, TDot.Widen(c10), TDot.Widen(c11));
            Add(c + 2L * ldc, TDot.Widen(c20), TDot.Widen(c21));
            Add(c + 3L * ldc, TDot.Widen(c30), TDot.Widen(c31));
            Add(c + 4L * ldc, TDot.Widen(c40), TDot.Widen(c41));
            Add(c + 5L * ldc, TDot.Widen(c50), TDot.Widen(c51));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile1<TDot, TAcc>(byte* a, byte* b, int quads, int* c)
        where TDot : struct, IDot<TAcc>
        where TAcc : struct
    {
        for (int q0 = 0; q0 < quads; q0 += Math.Min(TDot.Quads, quads - q0))
        {
            TAcc c0 = default, c1 = default;
            int q1 = q0 + Math.Min(TDot.Quads, quads - q0);
            for (int q = q0; q < q1; q++)
            {
                var av = Quad(a + 4 * q);
                c0 = TDot.Dot(c0, av, Vector256.Load((sbyte*)b));
                c1 = TDot.Dot(c1, av, Vector256.Load((sbyte*)b + 32));
                b += 64;
            }
            Add(c, TDot.Widen(c0), TDot.Widen(c1));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(int* c, Vector256<int> lo, Vector256<int> hi)
    {
        (Vector256.Load(c) + lo).Store(c);
        (Vector256.Load(c + 8) + hi).Store(c + 8);
    }

    private static void Sparse(byte[] a, int aStart, int lda, int rows, ulong[] bits, int bitsStart, int words, int k, int[] c, int cStart, int stride)
    {
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < k; j++)
            {
                int w = a[aStart + r * lda + j];
                if (w == 0) continue;
                for (int wd = 0; wd < words; wd++)
                    for (ulong v = bits[bitsStart + j * words + wd]; v != 0; v &= v - 1)
                        c[cStart + r * stride + (wd << 6) + BitOperations.TrailingZeroCount(v)] += w;
            }
    }
}
