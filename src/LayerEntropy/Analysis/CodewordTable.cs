using System.Runtime.InteropServices;
using LayerEntropy.Tensors;

namespace LayerEntropy.Analysis;

/// <summary>
/// The distinct binary firing patterns of one tap, stored exactly (⌈N/64⌉ words each) and numbered in order of
/// first appearance. Patterns are found by a 128-bit key and then compared word for word, so two inputs share a
/// codeword exactly when they fire alike (a key collision only moves the pattern to the next free key).
/// </summary>
internal sealed class CodewordTable(int words)
{
    private readonly KeyTable index = new();
    private ulong[] storage = new ulong[Math.Max(1, words) * 64];

    public int Words { get; } = words;
    public int Count => index.Count;

    public ReadOnlySpan<ulong> Pattern(int k) => storage.AsSpan(k * Words, Words);

    public static UInt128 Key(ReadOnlySpan<ulong> pattern) => TapKernels.Hash(MemoryMarshal.AsBytes(pattern));

    /// <summary>Makes room for the patterns of <paramref name="count"/> in all (at most one per input).</summary>
    public void Reserve(int count)
    {
        if (count * Words > storage.Length) Array.Resize(ref storage, count * Words);
    }

    /// <summary>Starts loading where <paramref name="key"/>'s pattern would be looked up.</summary>
    public void Prefetch(UInt128 key) => index.Prefetch(key);

    /// <summary>The number of <paramref name="pattern"/>, adding it when it is new.</summary>
    public int Add(ReadOnlySpan<ulong> pattern) => Add(pattern, Key(pattern));

    /// <summary>As <see cref="Add(ReadOnlySpan{ulong})"/>, with the key computed beforehand (in parallel).</summary>
    public int Add(ReadOnlySpan<ulong> pattern, UInt128 key)
    {
        for (; ; key++)
        {
            // One probe finds the key or numbers it next; a new key's pattern is stored under that number.
            int count = index.Count, k = index.Add(key);
            if (k == count)
            {
                if ((count + 1) * Words > storage.Length) Array.Resize(ref storage, Math.Max(storage.Length * 2, (count + 1) * Words));
                pattern.CopyTo(storage.AsSpan(count * Words, Words));
                return k;
            }
            if (Pattern(k).SequenceEqual(pattern)) return k;
        }
    }
}
