using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LayerEntropy.Tensors;

/// <summary>
/// Tap rows kept compactly for the binned measure: the values other than +0, in order, with a bit mask of where they
/// were. ReLU layers are mostly +0, so a row takes about half its dense size; unpacking restores it bit for bit.
/// </summary>
internal static class RowPacking
{
    /// <summary>
    /// Packs the values of <paramref name="row"/> whose bits are not all zero (every value but +0) into
    /// <paramref name="packed"/>, in order, setting bit j of word w of <paramref name="mask"/> for each kept value
    /// row[64w + j]; returns how many were kept. <see cref="Unpack"/> restores the row bit for bit. ReLU outputs
    /// are mostly +0, so this keeps them in about half the space.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Pack(ReadOnlySpan<float> row, Span<ulong> mask, Span<float> packed)
    {
        int n = row.Length, words = (n + 63) >> 6, kept = 0;
        if (packed.Length < n || mask.Length < words) throw new ArgumentException("pack buffers are too short for the row");
        if (Avx512F.IsSupported) return PackAvx512(row, mask, packed);
        ref int r = ref Unsafe.As<float, int>(ref MemoryMarshal.GetReference(row));
        ref int p = ref Unsafe.As<float, int>(ref MemoryMarshal.GetReference(packed));
        for (int w = 0; w < words; w++)
        {
            ulong word = 0;
            int start = w << 6, count = Math.Min(64, n - start), j = 0;
            if (Vector512.IsHardwareAccelerated)
                for (; j + 16 <= count; j += 16)
                    word |= (~Vector512.Equals(Vector512.LoadUnsafe(ref r, (nuint)(start + j)), Vector512<int>.Zero)).ExtractMostSignificantBits() << j;
            if (Vector256.IsHardwareAccelerated)
                for (; j + 8 <= count; j += 8)
                    word |= (ulong)(~Vector256.Equals(Vector256.LoadUnsafe(ref r, (nuint)(start + j)), Vector256<int>.Zero)).ExtractMostSignificantBits() << j;
            for (; j < count; j++)
                if (Unsafe.Add(ref r, start + j) != 0) word |= 1UL << j;
            mask[w] = word;
            for (ulong v = word; v != 0; v &= v - 1)
                Unsafe.Add(ref p, kept++) = Unsafe.Add(ref r, start + BitOperations.TrailingZeroCount(v));
        }
        return kept;
    }

    /// <summary>The row that <see cref="Pack"/> packed: +0 where the mask's bit is clear, the packed values in order elsewhere.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Unpack(ReadOnlySpan<ulong> mask, ReadOnlySpan<float> packed, Span<float> row)
    {
        int n = row.Length, words = (n + 63) >> 6, kept = 0;
        if (mask.Length < words) throw new ArgumentException("the mask is too short for the row");
        for (int w = 0; w < words; w++) kept += BitOperations.PopCount(mask[w]);
        if (packed.Length < kept) throw new ArgumentException("fewer packed values than the mask's bits");
        if (Avx512F.IsSupported)
        {
            UnpackAvx512(mask, packed, row);
            return;
        }
        row.Clear();
        ref float r = ref MemoryMarshal.GetReference(row);
        ref float p = ref MemoryMarshal.GetReference(packed);
        kept = 0;
        for (int w = 0; w < words; w++)
            for (ulong v = mask[w] & (w == words - 1 && (n & 63) != 0 ? (1UL << (n & 63)) - 1 : ulong.MaxValue); v != 0; v &= v - 1)
                Unsafe.Add(ref r, (w << 6) + BitOperations.TrailingZeroCount(v)) = Unsafe.Add(ref p, kept++);
    }

    /// <summary><see cref="Pack"/> with AVX-512's compressing store, sixteen values at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe int PackAvx512(ReadOnlySpan<float> row, Span<ulong> mask, Span<float> packed)
    {
        int n = row.Length, words = (n + 63) >> 6, kept = 0;
        fixed (float* r = row, p = packed)
        {
            for (int w = 0; w < words; w++)
            {
                ulong word = 0;
                int start = w << 6, count = Math.Min(64, n - start), j = 0;
                for (; j + 16 <= count; j += 16)
                {
                    var v = Vector512.Load(r + start + j);
                    var nonZero = ~Vector512.Equals(v.AsInt32(), Vector512<int>.Zero);
                    ulong bits = nonZero.ExtractMostSignificantBits();
                    Avx512F.CompressStore(p + kept, nonZero.AsSingle(), v);
                    kept += BitOperations.PopCount(bits);
                    word |= bits << j;
                }
                for (; j < count; j++)
                    if (BitConverter.SingleToInt32Bits(r[start + j]) != 0)
                    {
                        word |= 1UL << j;
                        p[kept++] = r[start + j];
                    }
                mask[w] = word;
            }
        }
        return kept;
    }

    /// <summary><see cref="Unpack"/> with AVX-512's expanding load, sixteen values at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void UnpackAvx512(ReadOnlySpan<ulong> mask, ReadOnlySpan<float> packed, Span<float> row)
    {
        int n = row.Length, words = (n + 63) >> 6, kept = 0;
        var lanes = Vector512.Create(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768);
        fixed (float* r = row, p = packed)
        {
            for (int w = 0; w < words; w++)
            {
                ulong word = mask[w];
                int start = w << 6, count = Math.Min(64, n - start), j = 0;
                for (; j + 16 <= count; j += 16)
                {
                    int bits = (int)(word >> j) & 0xFFFF;
                    var take = ~Vector512.Equals(Vector512.Create(bits) & lanes, Vector512<int>.Zero);
                    Avx512F.ExpandLoad(p + kept, take.AsSingle(), Vector512<float>.Zero).Store(r + start + j);
                    kept += BitOperations.PopCount((uint)bits);
                }
                for (; j < count; j++)
                    r[start + j] = (word >> j & 1) != 0 ? p[kept++] : 0f;
            }
        }
    }
}
