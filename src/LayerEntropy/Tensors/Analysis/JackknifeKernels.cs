using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LayerEntropy.Tensors;

/// <summary>
/// The loop of the jackknife over firing patterns, vectorised: a leave-one-out value of a per-unit sum changes only
/// at the units the left-out input fires, so it is a sum of per-unit changes over the set bits of its pattern.
/// It runs in a fixed order, so its sums are the same on any thread.
/// </summary>
internal static class JackknifeKernels
{
    /// <summary>Lane masks of the 16 nibbles: lane j all ones where bit j of the nibble is set.</summary>
    private static readonly Vector256<ulong>[] Nibbles = [.. Enumerable.Range(0, 16).Select(n =>
        Vector256.Create(Lane(n, 0), Lane(n, 1), Lane(n, 2), Lane(n, 3)))];

    private static ulong Lane(int nibble, int j) => (nibble >> j & 1) != 0 ? ulong.MaxValue : 0;

    /// <summary>
    /// Σ values[i] over the i &lt; values.Length whose bit is set in <paramref name="bits"/> (bit i of word i/64, at
    /// least ⌈n/64⌉ words; bits past n are ignored).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double MaskedSum(ReadOnlySpan<ulong> bits, ReadOnlySpan<double> values)
    {
        int n = values.Length, i = 0;
        ref double v = ref MemoryMarshal.GetReference(values);
        double sum = 0;
        if (Vector256.IsHardwareAccelerated && n >= 64)
        {
            // Two accumulators, so that consecutive adds do not wait on each other.
            Vector256<double> a0 = default, a1 = default;
            for (; i + 64 <= n; i += 64)
            {
                ulong word = bits[i >> 6];
                if (word == 0) continue;
                for (int j = 0; j < 64; j += 8, word >>= 8)
                {
                    a0 += Vector256.LoadUnsafe(ref v, (nuint)(i + j)) & Nibbles[(int)(word & 15)].AsDouble();
                    a1 += Vector256.LoadUnsafe(ref v, (nuint)(i + j + 4)) & Nibbles[(int)(word >> 4 & 15)].AsDouble();
                }
            }
            sum = Vector256.Sum(a0 + a1);
        }
        for (; i < n; i += 64)
        {
            ulong word = bits[i >> 6];
            if (n - i < 64) word &= (1UL << (n - i)) - 1;
            for (; word != 0; word &= word - 1) sum += Unsafe.Add(ref v, i + BitOperations.TrailingZeroCount(word));
        }
        return sum;
    }
}
