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
        for (int w = 0; w < words; w++)
        {
            ulong word = 0;
            int start = w << 6, count = Math.Min(64, n - start), j = 0;
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

    /// <summary>
    /// The magnitude entropy of one input (MEASURES.md, magnitude): H = log₂ s − (1/s) Σ |a_i| log₂ |a_i| with
    /// s = Σ|a_i|, or null when every activation is zero. |a| log₂|a| uses float32 logarithms and double sums.
    /// <paramref name="scratch"/> needs N floats.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double? Magnitude(ReadOnlySpan<float> row, Span<float> scratch)
    {
        int n = row.Length;
        var abs = scratch[..n];
        TensorPrimitives.Abs(row, abs);
        var logs = scratch.Slice(n, n);
        TensorPrimitives.Log2(abs, logs);
        double s = 0, t = 0;
        ref float a = ref MemoryMarshal.GetReference(abs);
        ref float l = ref MemoryMarshal.GetReference(logs);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<double> vs = default, vt = default;
            for (; i + 4 <= n; i += 4)
            {
                var av = Vector256.WidenLower(Vector128.LoadUnsafe(ref a, (nuint)i).ToVector256());
                var lv = Vector256.WidenLower(Vector128.LoadUnsafe(ref l, (nuint)i).ToVector256());
                vs += av;
                // 0·log 0 = 0: where a = 0 the logarithm is −∞, so mask the product rather than multiply.
                vt += Vector256.ConditionalSelect(Vector256.GreaterThan(av, Vector256<double>.Zero), av * lv, Vector256<double>.Zero);
            }
            s = Vector256.Sum(vs);
            t = Vector256.Sum(vt);
        }
        for (; i < n; i++)
        {
            double m = Unsafe.Add(ref a, i);
            if (m > 0) { s += m; t += m * Unsafe.Add(ref l, i); }
        }
        return s > 0 ? Math.Max(0, Math.Log2(s) - t / s) : null;
    }

    /// <summary>
    /// The binned vector (MEASURES.md, binned): bin = ⌊(a − lo)·scale⌋ clamped to [0, B−1], scale = B / (hi − lo)
    /// in float32 (all zeros when hi = lo).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Bin(ReadOnlySpan<float> row, float lo, float hi, int bins, Span<byte> output)
    {
        int n = row.Length, i = 0;
        if (!(hi > lo)) { output[..n].Clear(); return; }
        float scale = bins / (hi - lo);
        ref float r = ref MemoryMarshal.GetReference(row);
        if (Vector256.IsHardwareAccelerated)
        {
            var vlo = Vector256.Create(lo);
            var vscale = Vector256.Create(scale);
            var top = Vector256.Create(bins - 1);
            for (; i + 8 <= n; i += 8)
            {
                var b = Vector256.ConvertToInt32(Vector256.Floor((Vector256.LoadUnsafe(ref r, (nuint)i) - vlo) * vscale));
                b = Vector256.Min(Vector256.Max(b, Vector256<int>.Zero), top);
                for (int k = 0; k < 8; k++) output[i + k] = (byte)b.GetElement(k);
            }
        }
        for (; i < n; i++) output[i] = BinOf(Unsafe.Add(ref r, i), lo, scale, bins);
    }

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

    private static ulong Mix(ulong a, ulong b)
    {
        ulong hi = Math.BigMul(a, b, out ulong lo);
        return hi ^ lo;
    }
}
