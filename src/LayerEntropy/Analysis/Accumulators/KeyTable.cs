using System.Runtime.Intrinsics.X86;

namespace LayerEntropy.Analysis;

/// <summary>
/// Numbers 128-bit keys 0, 1, 2, … in order of first appearance: an open-addressing table with linear probing,
/// indexed by the key's low bits (the keys are hashes, so their bits are already well mixed). A slot holds the
/// key's low half and its number (16 bytes), so a probe touches one cache line; the full key is checked in the
/// numbered list.
/// </summary>
internal sealed class KeyTable
{
    private Slot[] slots;
    private UInt128[] keys;
    private int mask;

    public KeyTable(int capacity = 16)
    {
        int size = 16;
        while (size < 2 * capacity) size <<= 1;
        slots = new Slot[size];
        keys = new UInt128[Math.Max(16, capacity)];
        mask = size - 1;
    }

    public int Count { get; private set; }

    /// <summary>Forgets every key, keeping the memory (a table reused for many sets of keys faults its pages in once).</summary>
    public void Clear()
    {
        Array.Clear(slots);
        Count = 0;
    }

    /// <summary>Starts loading the slot where <paramref name="key"/> would be found (for tables larger than the caches).</summary>
    public unsafe void Prefetch(UInt128 key)
    {
        if (Sse.IsSupported)
            fixed (Slot* s = &slots[(int)(ulong)key & mask]) Sse.Prefetch0(s);
    }

    /// <summary>The number of <paramref name="key"/>, numbering it next when it is new.</summary>
    public int Add(UInt128 key)
    {
        ulong low = (ulong)key;
        int slot = (int)low & mask;
        for (; ; slot = (slot + 1) & mask)
        {
            var s = slots[slot];
            if (s.Number == 0) break;
            if (s.Low == low && keys[s.Number - 1] == key) return (int)s.Number - 1;
        }
        if (Count == keys.Length) Array.Resize(ref keys, 2 * keys.Length);
        keys[Count] = key;
        slots[slot] = new Slot(low, ++Count);
        if (2 * Count > slots.Length) Grow();
        return Count - 1;
    }

    private void Grow()
    {
        slots = new Slot[2 * slots.Length];
        mask = slots.Length - 1;
        for (int k = 0; k < Count; k++)
        {
            ulong low = (ulong)keys[k];
            int slot = (int)low & mask;
            while (slots[slot].Number != 0) slot = (slot + 1) & mask;
            slots[slot] = new Slot(low, k + 1);
        }
    }

    /// <summary>A key's low 64 bits and its number + 1 (0: the slot is empty).</summary>
    private readonly record struct Slot(ulong Low, long Number);
}
