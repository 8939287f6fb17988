using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LayerEntropy.Tensors;

/// <summary>
/// The per-input work of the analysis on one tap row (one input's N activations), vectorised. Each kernel runs
/// in a fixed order from the row's start, whatever the row's address, so a row gives the same bits and the
/// same numbers in any batch, on any thread. <see cref="TapKernelsReference"/> holds the plain versions.
/// </summary>
internal static class TapKernels
{
    /// <summary>
    /// Sets bit j of word w when row[64w + j] &gt; τ (the unit fires), clears the rest; returns the number of firing units.
    /// <paramref name="bits"/> holds ⌈N/64⌉ words.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int FiringBits(ReadOnlySpan<float> row, float threshold, Span<ulong> bits)
    {
        int n = row.Length, words = (n + 63) >> 6, fired = 0;
        ref float r = ref MemoryMarshal.GetReference(row);
        var tau = Vector256.Create(threshold);
        var tau512 = Vector512.Create(threshold);
        for (int w = 0; w < words; w++)
        {
            ulong word = 0;
            int start = w << 6, count = Math.Min(64, n - start), j = 0;
            if (Vector512.IsHardwareAccelerated)
                for (; j + 16 <= count; j += 16)
                    word |= Vector512.GreaterThan(Vector512.LoadUnsafe(ref r, (nuint)(start + j)), tau512).ExtractMostSignificantBits() << j;
            if (Vector256.IsHardwareAccelerated)
                for (; j + 8 <= count; j += 8)
                    word |= (ulong)Vector256.GreaterThan(Vector256.LoadUnsafe(ref r, (nuint)(start + j)), tau).ExtractMostSignificantBits() << j;
            for (; j < count; j++)
                if (Unsafe.Add(ref r, start + j) > threshold) word |= 1UL << j;
            bits[w] = word;
            fired += BitOperations.PopCount(word);
        }
        return fired;
    }

    /// <summary>Adds one to counts[i] for every unit that fires (row[i] &gt; τ).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CountFiring(ReadOnlySpan<float> row, float threshold, Span<int> counts)
    {
        int n = row.Length, i = 0;
        ref float r = ref MemoryMarshal.GetReference(row);
        ref int c = ref MemoryMarshal.GetReference(counts[..n]);
        if (Vector512.IsHardwareAccelerated)
        {
            var tau = Vector512.Create(threshold);
            for (; i + 16 <= n; i += 16)
                (Vector512.LoadUnsafe(ref c, (nuint)i) - Vector512.GreaterThan(Vector512.LoadUnsafe(ref r, (nuint)i), tau).AsInt32())
                    .StoreUnsafe(ref c, (nuint)i);
        }
        if (Vector256.IsHardwareAccelerated)
        {
            var tau = Vector256.Create(threshold);
            // A true comparison lane is all ones, −1 as an integer.
            for (; i + 8 <= n; i += 8)
                (Vector256.LoadUnsafe(ref c, (nuint)i) - Vector256.GreaterThan(Vector256.LoadUnsafe(ref r, (nuint)i), tau).AsInt32())
                    .StoreUnsafe(ref c, (nuint)i);
        }
        for (; i < n; i++)
            if (Unsafe.Add(ref r, i) > threshold) Unsafe.Add(ref c, i)++;
    }

    /// <summary>Fixed-point units per activation unit of <see cref="AddFixedPoint"/>: 2¹⁶, a resolution of 1.5·10⁻⁵.</summary>
    public const double FixedPointScale = 65536;

    /// <summary>Activations are clamped to ±2²⁴ before <see cref="AddFixedPoint"/>, so 2²³ inputs sum without overflow.</summary>
    public const double FixedPointLimit = 16777216;

    /// <summary>
    /// sums[i] += round(clamp(row[i], ±2²⁴) · 2¹⁶), rounding half to even: activation sums in integers, which add
    /// up to the same total in any order, so class means do not depend on the batch size or the thread count.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddFixedPoint(ReadOnlySpan<float> row, Span<long> sums)
    {
        int n = row.Length, i = 0;
        ref float r = ref MemoryMarshal.GetReference(row);
        ref long s = ref MemoryMarshal.GetReference(sums[..n]);
        if (Vector512.IsHardwareAccelerated)
        {
            var scale = Vector512.Create(FixedPointScale);
            var hi = Vector512.Create(FixedPointLimit * FixedPointScale);
            var lo = -hi;
            for (; i + 8 <= n; i += 8)
            {
                var x = Vector512.WidenLower(Vector256.LoadUnsafe(ref r, (nuint)i).ToVector512Unsafe());
                var q = Vector512.Round(Vector512.Min(Vector512.Max(x * scale, lo), hi));
                (Vector512.LoadUnsafe(ref s, (nuint)i) + Vector512.ConvertToInt64(q)).StoreUnsafe(ref s, (nuint)i);
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            var scale = Vector256.Create(FixedPointScale);
            var hi = Vector256.Create(FixedPointLimit * FixedPointScale);
            var lo = -hi;
            for (; i + 4 <= n; i += 4)
            {
                var x = Vector256.WidenLower(Vector128.LoadUnsafe(ref r, (nuint)i).ToVector256Unsafe());
                var q = Vector256.Round(Vector256.Min(Vector256.Max(x * scale, lo), hi));
                (Vector256.LoadUnsafe(ref s, (nuint)i) + Vector256.ConvertToInt64(q)).StoreUnsafe(ref s, (nuint)i);
            }
        }
        for (; i < n; i++) Unsafe.Add(ref s, i) += FixedPoint(Unsafe.Add(ref r, i));
    }

    /// <summary>One activation in the fixed point of <see cref="AddFixedPoint"/>.</summary>
    public static long FixedPoint(float a) => (long)Math.Round(Math.Clamp(a * FixedPointScale, -FixedPointLimit * FixedPointScale, FixedPointLimit * FixedPointScale));

    /// <summary>
    /// The magnitude entropy of one input (MEASURES.md, magnitude): H = log₂ s − (1/s) Σ |a_i| log₂ |a_i| with
    /// s = Σ|a_i|, or null when every activation is zero. |a| log₂|a| uses float32 logarithms and double sums,
    /// in one pass over the row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double? Magnitude(ReadOnlySpan<float> row)
    {
        int n = row.Length, i = 0;
        ref float r = ref MemoryMarshal.GetReference(row);
        double s = 0, t = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<double> s0 = default, s1 = default, t0 = default, t1 = default;
            var smallest = Vector256.Create(1.17549435E-38f); // the smallest normal float
            for (; i + 8 <= n; i += 8)
            {
                var a = Vector256.Abs(Vector256.LoadUnsafe(ref r, (nuint)i));
                var positive = Vector256.GreaterThan(a, Vector256<float>.Zero);
                // 0·log 0 = 0: where a = 0 the product is masked out. Subnormal values take the scalar path.
                if ((Vector256.LessThan(a, smallest) & positive) != Vector256<float>.Zero) break;
                var p = Vector256.ConditionalSelect(positive, a * Log2(a), Vector256<float>.Zero);
                var (alo, ahi) = Vector256.Widen(a);
                var (plo, phi) = Vector256.Widen(p);
                s0 += alo;
                s1 += ahi;
                t0 += plo;
                t1 += phi;
            }
            s = Vector256.Sum(s0 + s1);
            t = Vector256.Sum(t0 + t1);
        }
        for (; i < n; i++)
        {
            float m = MathF.Abs(Unsafe.Add(ref r, i));
            s += m; // NaN propagates into s, and the input is reported as non-finite
            if (m > 0) t += m * MathF.Log2(m);
        }
        return s > 0 ? Math.Max(0, Math.Log2(s) - t / s) : null;
    }

    /// <summary>
    /// The binned vector (MEASURES.md, binned): bin = ⌊(a − lo)·scale⌋ clamped to [0, B−1], scale = B / (hi − lo)
    /// in float32 (all zeros when hi = lo). B is at most 255.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Bin(ReadOnlySpan<float> row, float lo, float hi, int bins, Span<byte> output)
    {
        int n = row.Length, i = 0;
        if (!(hi > lo)) { output[..n].Clear(); return; }
        float scale = bins / (hi - lo);
        ref float r = ref MemoryMarshal.GetReference(row);
        ref byte o = ref MemoryMarshal.GetReference(output);
        if (Vector512.IsHardwareAccelerated && output.Length >= n)
        {
            var vlo = Vector512.Create(lo);
            var vscale = Vector512.Create(scale);
            var top = Vector512.Create(bins - 1);
            for (; i + 64 <= n; i += 64)
            {
                var low = Vector512.Narrow(BinsOf(ref r, i, vlo, vscale, top), BinsOf(ref r, i + 16, vlo, vscale, top));
                var high = Vector512.Narrow(BinsOf(ref r, i + 32, vlo, vscale, top), BinsOf(ref r, i + 48, vlo, vscale, top));
                Vector512.Narrow(low.AsUInt16(), high.AsUInt16()).StoreUnsafe(ref o, (nuint)i);
            }
        }
        if (Vector256.IsHardwareAccelerated && output.Length >= n)
        {
            var vlo = Vector256.Create(lo);
            var vscale = Vector256.Create(scale);
            var top = Vector256.Create(bins - 1);
            for (; i + 32 <= n; i += 32)
            {
                var low = Vector256.Narrow(BinsOf(ref r, i, vlo, vscale, top), BinsOf(ref r, i + 8, vlo, vscale, top));
                var high = Vector256.Narrow(BinsOf(ref r, i + 16, vlo, vscale, top), BinsOf(ref r, i + 24, vlo, vscale, top));
                Vector256.Narrow(low.AsUInt16(), high.AsUInt16()).StoreUnsafe(ref o, (nuint)i);
            }
        }
        for (; i < n; i++) output[i] = BinOf(Unsafe.Add(ref r, i), lo, scale, bins);
    }

    /// <summary>
    /// The binned vector of <c>--bins auto</c> (MEASURES.md, binned): bin = how many of the ascending edges lie below
    /// the value, so a value equal to an edge takes the lower bin.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void BinByEdges(ReadOnlySpan<float> row, ReadOnlySpan<float> edges, Span<byte> output)
    {
        for (int i = 0; i < row.Length; i++)
        {
            float a = row[i];
            int bin = 0;
            foreach (float e in edges)
                if (a > e) bin++;
            output[i] = (byte)bin;
        }
    }

    /// <summary>
    /// log₂ of positive normal floats to within a few ulp: a = 2^e·m with m in [√½, √2), ln m by Cephes' logf
    /// polynomial, scaled by log₂ e. Zero, subnormal and non-finite lanes give meaningless values.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Log2(Vector256<float> a)
    {
        var bits = a.AsInt32();
        var e = Vector256.ShiftRightArithmetic(bits, 23) - Vector256.Create(127);
        var m = ((bits & Vector256.Create(0x007FFFFF)) | Vector256.Create(0x3F800000)).AsSingle();
        var big = Vector256.GreaterThan(m, Vector256.Create(1.41421356f));
        m = Vector256.ConditionalSelect(big, m * 0.5f, m);
        var ef = Vector256.ConvertToSingle(e - big.AsInt32()); // a true lane is −1
        var x = m - Vector256<float>.One;
        var z = x * x;
        var y = Vector256.Create(7.0376836292E-2f);
        y = Vector256.FusedMultiplyAdd(y, x, Vector256.Create(-1.1514610310E-1f));
        y = Vector256.FusedMultiplyAdd(y, x, Vector256.Create(1.1676998740E-1f));
        y = Vector256.FusedMultiplyAdd(y, x, Vector256.Create(-1.2420140846E-1f));
        y = Vector256.FusedMultiplyAdd(y, x, Vector256.Create(1.4249322787E-1f));
        y = Vector256.FusedMultiplyAdd(y, x, Vector256.Create(-1.6668057665E-1f));
        y = Vector256.FusedMultiplyAdd(y, x, Vector256.Create(2.0000714765E-1f));
        y = Vector256.FusedMultiplyAdd(y, x, Vector256.Create(-2.4999993993E-1f));
        y = Vector256.FusedMultiplyAdd(y, x, Vector256.Create(3.3333331174E-1f));
        var ln = x + Vector256.FusedMultiplyAdd(y * x, z, -0.5f * z);
        return Vector256.FusedMultiplyAdd(ln, Vector256.Create(1.44269504f), ef);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> BinsOf(ref float r, int at, Vector256<float> lo, Vector256<float> scale, Vector256<int> top) =>
        Vector256.Min(Vector256.Max(Vector256.ConvertToInt32(Vector256.Floor((Vector256.LoadUnsafe(ref r, (nuint)at) - lo) * scale)), Vector256<int>.Zero), top);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> BinsOf(ref float r, int at, Vector512<float> lo, Vector512<float> scale, Vector512<int> top) =>
        Vector512.Min(Vector512.Max(Vector512.ConvertToInt32(Vector512.Floor((Vector512.LoadUnsafe(ref r, (nuint)at) - lo) * scale)), Vector512<int>.Zero), top);

    public static byte BinOf(float a, float lo, float scale, int bins) =>
        (byte)Math.Clamp((int)MathF.Floor((a - lo) * scale), 0, bins - 1);

    /// <summary>
    /// A 128-bit key of a byte string: two 64-bit multiply-fold hashes (wyhash's mixing) with independent seeds. Two
    /// different strings share a key with probability about 2⁻¹²⁸, so a million inputs collide with odds below 10⁻²⁷.
    /// </summary>
    public static UInt128 Hash(ReadOnlySpan<byte> data)
    {
        ulong h1 = 0xA0761D6478BD642FUL ^ (ulong)data.Length, h2 = 0xE7037ED1A0B428DBUL ^ ((ulong)data.Length << 17);
        int i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            ulong w = MemoryMarshal.Read<ulong>(data[i..]);
            h1 = Mix(h1 ^ w, 0x8EBC6AF09C88C6E3UL);
            h2 = Mix(h2 ^ w ^ 0x589965CC75374CC3UL, 0x1D8E4E27C47D124FUL);
        }
        if (i < data.Length)
        {
            ulong w = 0;
            for (int k = 0; i + k < data.Length; k++) w |= (ulong)data[i + k] << (8 * k);
            h1 = Mix(h1 ^ w ^ 0x2D358DCCAA6C78A5UL, 0x8EBC6AF09C88C6E3UL);
            h2 = Mix(h2 ^ w ^ 0x4B33A62ED433D4A3UL, 0x1D8E4E27C47D124FUL);
        }
        return new UInt128(Mix(h1, 0x9E3779B97F4A7C15UL), Mix(h2, 0xD6E8FEB86659FD93UL));
    }

    /// <summary>
    /// <see cref="Hash"/> of two byte strings of the same length at once: the same keys, with the four multiply
    /// chains interleaved so that their latencies overlap.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (UInt128 First, UInt128 Second) Hash(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        if (first.Length != second.Length) return (Hash(first), Hash(second));
        int n = first.Length, i = 0;
        ulong a1 = 0xA0761D6478BD642FUL ^ (ulong)n, a2 = 0xE7037ED1A0B428DBUL ^ ((ulong)n << 17), b1 = a1, b2 = a2;
        ref byte f = ref MemoryMarshal.GetReference(first);
        ref byte g = ref MemoryMarshal.GetReference(second);
        for (; i + 8 <= n; i += 8)
        {
            ulong u = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref f, i)), v = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref g, i));
            a1 = Mix(a1 ^ u, 0x8EBC6AF09C88C6E3UL);
            b1 = Mix(b1 ^ v, 0x8EBC6AF09C88C6E3UL);
            a2 = Mix(a2 ^ u ^ 0x589965CC75374CC3UL, 0x1D8E4E27C47D124FUL);
            b2 = Mix(b2 ^ v ^ 0x589965CC75374CC3UL, 0x1D8E4E27C47D124FUL);
        }
        if (i < n)
        {
            ulong u = 0, v = 0;
            for (int k = 0; i + k < n; k++)
            {
                u |= (ulong)Unsafe.Add(ref f, i + k) << (8 * k);
                v |= (ulong)Unsafe.Add(ref g, i + k) << (8 * k);
            }
            a1 = Mix(a1 ^ u ^ 0x2D358DCCAA6C78A5UL, 0x8EBC6AF09C88C6E3UL);
            b1 = Mix(b1 ^ v ^ 0x2D358DCCAA6C78A5UL, 0x8EBC6AF09C88C6E3UL);
            a2 = Mix(a2 ^ u ^ 0x4B33A62ED433D4A3UL, 0x1D8E4E27C47D124FUL);
            b2 = Mix(b2 ^ v ^ 0x4B33A62ED433D4A3UL, 0x1D8E4E27C47D124FUL);
        }
        return (new UInt128(Mix(a1, 0x9E3779B97F4A7C15UL), Mix(a2, 0xD6E8FEB86659FD93UL)),
            new UInt128(Mix(b1, 0x9E3779B97F4A7C15UL), Mix(b2, 0xD6E8FEB86659FD93UL)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong a, ulong b)
    {
        ulong hi = Math.BigMul(a, b, out ulong lo);
        return hi ^ lo;
    }
}
