namespace LayerEntropy.Analysis;

/// <summary>
/// The distinct binary firing patterns of one tap, stored exactly (⌈N/64⌉ words each) and numbered in order of
/// first appearance. Lookups compare whole patterns, so two inputs share a codeword exactly when they fire alike.
/// </summary>
internal sealed class CodewordTable
{
    private readonly HashSet<int> index;
    private ulong[] storage;

    public CodewordTable(int words)
    {
        Words = words;
        storage = new ulong[Math.Max(1, words) * 64];
        index = new HashSet<int>(new SlotComparer(this));
    }

    public int Words { get; }
    public int Count { get; private set; }

    public ReadOnlySpan<ulong> Pattern(int k) => storage.AsSpan(k * Words, Words);

    /// <summary>The number of <paramref name="pattern"/>, adding it when it is new.</summary>
    public int Add(ReadOnlySpan<ulong> pattern)
    {
        // The candidate goes into the next free slot; if an equal pattern exists, the slot is simply reused later.
        if ((Count + 1) * Words > storage.Length) Array.Resize(ref storage, Math.Max(storage.Length * 2, (Count + 1) * Words));
        pattern.CopyTo(storage.AsSpan(Count * Words, Words));
        if (index.TryGetValue(Count, out int existing)) return existing;
        index.Add(Count);
        return Count++;
    }

    private sealed class SlotComparer(CodewordTable table) : IEqualityComparer<int>
    {
        public bool Equals(int a, int b) => table.Pattern(a).SequenceEqual(table.Pattern(b));

        public int GetHashCode(int k)
        {
            var hash = new HashCode();
            foreach (ulong w in table.Pattern(k)) hash.Add(w);
            return hash.ToHashCode();
        }
    }
}
