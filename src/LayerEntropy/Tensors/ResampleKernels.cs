using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LayerEntropy.Tensors;

/// <summary>
/// The loops of the bootstrap over resample weights (how often each input is drawn), vectorised. Each runs in a
/// fixed order, so its sums are the same on any thread.
/// </summary>
internal static class ResampleKernels
{
    /// <summary>t[col·rows + r] = w[r·cols + col] for the columns [col0, col1): the weights input by input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Transpose(ReadOnlySpan<ushort> w, int rows, int cols, Span<ushort> t, int col0, int col1)
    {
        int c = col0;
        if (Sse2.IsSupported && rows % 8 == 0)
        {
            ref ushort src = ref MemoryMarshal.GetReference(w);
            ref ushort dst = ref MemoryMarshal.GetReference(t);
            // 8×8 blocks: three rounds of interleaving turn 8 row vectors into 8 column vectors.
            for (; c + 8 <= col1; c += 8)
                for (int r = 0; r < rows; r += 8)
                {
                    var v0 = Vector128.LoadUnsafe(ref src, (nuint)(r * cols + c));
                    var v1 = Vector128.LoadUnsafe(ref src, (nuint)((r + 1) * cols + c));
                    var v2 = Vector128.LoadUnsafe(ref src, (nuint)((r + 2) * cols + c));
                    var v3 = Vector128.LoadUnsafe(ref src, (nuint)((r + 3) * cols + c));
                    var v4 = Vector128.LoadUnsafe(ref src, (nuint)((r + 4) * cols + c));
                    var v5 = Vector128.LoadUnsafe(ref src, (nuint)((r + 5) * cols + c));
                    var v6 = Vector128.LoadUnsafe(ref src, (nuint)((r + 6) * cols + c));
                    var v7 = Vector128.LoadUnsafe(ref src, (nuint)((r + 7) * cols + c));
                    var a0 = Sse2.UnpackLow(v0, v1).AsUInt32();
                    var a1 = Sse2.UnpackHigh(v0, v1).AsUInt32();
                    var a2 = Sse2.UnpackLow(v2, v3).AsUInt32();
                    var a3 = Sse2.UnpackHigh(v2, v3).AsUInt32();
                    var a4 = Sse2.UnpackLow(v4, v5).AsUInt32();
                    var a5 = Sse2.UnpackHigh(v4, v5).AsUInt32();
                    var a6 = Sse2.UnpackLow(v6, v7).AsUInt32();
                    var a7 = Sse2.UnpackHigh(v6, v7).AsUInt32();
                    var b0 = Sse2.UnpackLow(a0, a2).AsUInt64();
                    var b1 = Sse2.UnpackHigh(a0, a2).AsUInt64();
                    var b2 = Sse2.UnpackLow(a1, a3).AsUInt64();
                    var b3 = Sse2.UnpackHigh(a1, a3).AsUInt64();
                    var b4 = Sse2.UnpackLow(a4, a6).AsUInt64();
                    var b5 = Sse2.UnpackHigh(a4, a6).AsUInt64();
                    var b6 = Sse2.UnpackLow(a5, a7).AsUInt64();
                    var b7 = Sse2.UnpackHigh(a5, a7).AsUInt64();
                    Sse2.UnpackLow(b0, b4).AsUInt16().StoreUnsafe(ref dst, (nuint)(c * rows + r));
                    Sse2.UnpackHigh(b0, b4).AsUInt16().StoreUnsafe(ref dst, (nuint)((c + 1) * rows + r));
                    Sse2.UnpackLow(b1, b5).AsUInt16().StoreUnsafe(ref dst, (nuint)((c + 2) * rows + r));
                    Sse2.UnpackHigh(b1, b5).AsUInt16().StoreUnsafe(ref dst, (nuint)((c + 3) * rows + r));
                    Sse2.UnpackLow(b2, b6).AsUInt16().StoreUnsafe(ref dst, (nuint)((c + 4) * rows + r));
                    Sse2.UnpackHigh(b2, b6).AsUInt16().StoreUnsafe(ref dst, (nuint)((c + 5) * rows + r));
                    Sse2.UnpackLow(b3, b7).AsUInt16().StoreUnsafe(ref dst, (nuint)((c + 6) * rows + r));
                    Sse2.UnpackHigh(b3, b7).AsUInt16().StoreUnsafe(ref dst, (nuint)((c + 7) * rows + r));
                }
        }
        for (; c < col1; c++)
            for (int r = 0; r < rows; r++) t[c * rows + r] = w[r * cols + c];
    }

    /// <summary>sum[r] += Σ over <paramref name="cols"/> of t[col·rows + r]: a group's draws in every resample.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddRows(ReadOnlySpan<ushort> t, int rows, ReadOnlySpan<int> cols, Span<int> sum)
    {
        ref int s = ref MemoryMarshal.GetReference(sum[..rows]);
        foreach (int col in cols)
        {
            ref ushort row = ref MemoryMarshal.GetReference(t.Slice(col * rows, rows));
            int r = 0;
            if (Vector256.IsHardwareAccelerated)
                for (; r + 16 <= rows; r += 16)
                {
                    var (lo, hi) = Vector256.Widen(Vector256.LoadUnsafe(ref row, (nuint)r));
                    (Vector256.LoadUnsafe(ref s, (nuint)r) + lo.AsInt32()).StoreUnsafe(ref s, (nuint)r);
                    (Vector256.LoadUnsafe(ref s, (nuint)(r + 8)) + hi.AsInt32()).StoreUnsafe(ref s, (nuint)(r + 8));
                }
            for (; r < rows; r++) Unsafe.Add(ref s, r) += Unsafe.Add(ref row, r);
        }
    }

    /// <summary>Sets bit j of <paramref name="mask"/> when w[j] ≥ k, clears the rest (⌈n/64⌉ words).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AtLeast(ReadOnlySpan<ushort> w, int k, Span<ulong> mask)
    {
        int n = w.Length;
        ref ushort p = ref MemoryMarshal.GetReference(w);
        var limit = Vector256.Create((ushort)(k - 1));
        for (int word = 0; word < (n + 63) >> 6; word++)
        {
            int start = word << 6, count = Math.Min(64, n - start), j = 0;
            ulong bits = 0;
            if (Vector256.IsHardwareAccelerated)
                for (; j + 32 <= count; j += 32)
                {
                    // Comparison lanes are all ones or all zeros, so narrowing them to bytes keeps their top bits.
                    var lo = Vector256.GreaterThan(Vector256.LoadUnsafe(ref p, (nuint)(start + j)), limit);
                    var hi = Vector256.GreaterThan(Vector256.LoadUnsafe(ref p, (nuint)(start + j + 16)), limit);
                    bits |= (ulong)Vector256.Narrow(lo, hi).ExtractMostSignificantBits() << j;
                }
            for (; j < count; j++)
                if (Unsafe.Add(ref p, start + j) >= k) bits |= 1UL << j;
            mask[word] = bits;
        }
    }

    /// <summary>Σ popcount(a[i] &amp; b[i]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long AndPopCount(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        int n = a.Length, i = 0;
        ref ulong pa = ref MemoryMarshal.GetReference(a);
        ref ulong pb = ref MemoryMarshal.GetReference(b[..n]);
        long count = 0;
        if (Avx2.IsSupported)
        {
            // Four words at a time: each nibble's count from a 16-entry table, bytes summed into 64-bit lanes.
            var table = Vector256.Create((byte)0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4, 0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
            var low = Vector256.Create((byte)0x0F);
            Vector256<ulong> total = default;
            while (i + 4 <= n)
            {
                Vector256<byte> bytes = default;
                // At most 8 per byte a step: 31 steps stay below 256.
                for (int step = 0; step < 31 && i + 4 <= n; step++, i += 4)
                {
                    var v = (Vector256.LoadUnsafe(ref pa, (nuint)i) & Vector256.LoadUnsafe(ref pb, (nuint)i)).AsByte();
                    bytes += Avx2.Shuffle(table, v & low) + Avx2.Shuffle(table, Vector256.ShiftRightLogical(v.AsUInt16(), 4).AsByte() & low);
                }
                total += Avx2.SumAbsoluteDifferences(bytes, Vector256<byte>.Zero).AsUInt64();
            }
            count = (long)Vector256.Sum(total);
        }
        for (; i < n; i++) count += BitOperations.PopCount(Unsafe.Add(ref pa, i) & Unsafe.Add(ref pb, i));
        return count;
    }

    /// <summary>
    /// sum[r] += T(counts[r]) and distinct[r] += 1 where counts[r] &gt; 0, for T(n) = n log₂ n read from
    /// <paramref name="table"/> (T(n) at index n) when every count is inside it, computed otherwise.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void AddNLog2N(ReadOnlySpan<int> counts, ReadOnlySpan<double> table, Span<double> sum, Span<long> distinct)
    {
        int n = counts.Length, r = 0;
        if (Avx2.IsSupported)
        {
            int max = 0;
            foreach (int c in counts) max = Math.Max(max, c);
            if (max < table.Length)
                fixed (int* pc = counts)
                fixed (double* pt = table, ps = sum)
                fixed (long* pd = distinct)
                    for (; r + 4 <= n; r += 4)
                    {
                        var index = Sse2.LoadVector128(pc + r);
                        Avx.Store(ps + r, Avx.LoadVector256(ps + r) + Avx2.GatherVector256(pt, index, 8));
                        var drawn = Vector256.WidenLower(Vector128.GreaterThan(index, Vector128<int>.Zero).ToVector256());
                        Avx.Store(pd + r, Avx.LoadVector256(pd + r) - drawn.AsInt64());
                    }
        }
        for (; r < n; r++)
        {
            int c = counts[r];
            sum[r] += c < table.Length ? table[c] : c * Math.Log2(c);
            if (c > 0) distinct[r]++;
        }
    }

    /// <summary>sums[t] = Σ_j w[j]·h[t·n + j] for each of the sums.Length arrays of n = w.Length values in <paramref name="h"/>, in double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WeightedSums(ReadOnlySpan<ushort> w, ReadOnlySpan<double> h, Span<double> sums)
    {
        int n = w.Length, count = sums.Length, j = 0;
        ref ushort pw = ref MemoryMarshal.GetReference(w);
        ref double ph = ref MemoryMarshal.GetReference(h[..(count * n)]);
        sums.Clear();
        if (Avx2.IsSupported && count <= 16)
        {
            // Each 16 weights are widened once and serve every array.
            Span<Vector256<double>> acc = stackalloc Vector256<double>[count];
            acc.Clear();
            for (; j + 16 <= n; j += 16)
            {
                var (lo, hi) = Vector256.Widen(Vector256.LoadUnsafe(ref pw, (nuint)j));
                var w0 = Avx.ConvertToVector256Double(lo.AsInt32().GetLower());
                var w1 = Avx.ConvertToVector256Double(lo.AsInt32().GetUpper());
                var w2 = Avx.ConvertToVector256Double(hi.AsInt32().GetLower());
                var w3 = Avx.ConvertToVector256Double(hi.AsInt32().GetUpper());
                for (int t = 0; t < count; t++)
                {
                    nuint at = (nuint)(t * n + j);
                    acc[t] += (w0 * Vector256.LoadUnsafe(ref ph, at) + w1 * Vector256.LoadUnsafe(ref ph, at + 4))
                        + (w2 * Vector256.LoadUnsafe(ref ph, at + 8) + w3 * Vector256.LoadUnsafe(ref ph, at + 12));
                }
            }
            for (int t = 0; t < count; t++) sums[t] = Vector256.Sum(acc[t]);
        }
        for (; j < n; j++)
            for (int t = 0; t < count; t++) sums[t] += Unsafe.Add(ref pw, j) * Unsafe.Add(ref ph, t * n + j);
    }

    /// <summary>digits[j] = (w[j] &gt;&gt; shift) &amp; 255: one base-256 digit of each weight.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Digit(ReadOnlySpan<ushort> w, int shift, Span<byte> digits)
    {
        int n = w.Length, j = 0;
        ref ushort p = ref MemoryMarshal.GetReference(w);
        ref byte d = ref MemoryMarshal.GetReference(digits[..n]);
        if (Vector256.IsHardwareAccelerated)
            for (; j + 32 <= n; j += 32)
                Vector256.Narrow(Vector256.LoadUnsafe(ref p, (nuint)j) >>> shift, Vector256.LoadUnsafe(ref p, (nuint)(j + 16)) >>> shift)
                    .StoreUnsafe(ref d, (nuint)j);
        for (; j < n; j++) Unsafe.Add(ref d, j) = (byte)(Unsafe.Add(ref p, j) >> shift);
    }

    /// <summary>Σ w[j] and max w[j].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (long Sum, int Max) SumAndMax(ReadOnlySpan<ushort> w)
    {
        int n = w.Length, j = 0;
        ref ushort p = ref MemoryMarshal.GetReference(w);
        long sum = 0;
        int max = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<uint> s = default;
            Vector256<ushort> m = default;
            // 8 lanes of 32 bits hold sums of up to 65536 weights below 2¹⁶ each.
            for (int block = 0; j + 16 <= n; block++)
            {
                var v = Vector256.LoadUnsafe(ref p, (nuint)j);
                var (lo, hi) = Vector256.Widen(v);
                s += lo + hi;
                m = Vector256.Max(m, v);
                j += 16;
                if ((block & 0x7FF) == 0x7FF) { sum += (long)Vector256.Sum(Vector256.WidenLower(s) + Vector256.WidenUpper(s)); s = default; }
            }
            sum += (long)Vector256.Sum(Vector256.WidenLower(s) + Vector256.WidenUpper(s));
            for (int i = 0; i < 16; i++) max = Math.Max(max, m[i]);
        }
        for (; j < n; j++) { sum += Unsafe.Add(ref p, j); max = Math.Max(max, Unsafe.Add(ref p, j)); }
        return (sum, max);
    }
}
