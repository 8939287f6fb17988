namespace LayerEntropy.Data;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014): a tiny generator whose output is fixed by its published definition,
/// so a shuffle seeded today is the same shuffle on any runtime version (System.Random makes no such promise).
/// </summary>
internal struct SplitMix64(ulong seed)
{
    private ulong state = seed;

    public ulong Next()
    {
        ulong z = state += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    /// <summary>A value in [0, n). Multiply-shift: the bias is below n/2^64, far under anything a shuffle could show.</summary>
    public int Below(int n) => (int)Math.BigMul(Next(), (ulong)(uint)n, out _);

    /// <summary>Fisher-Yates shuffle in place.</summary>
    public void Shuffle(Span<int> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = Below(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
