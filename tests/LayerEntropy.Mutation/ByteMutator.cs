namespace LayerEntropy.Mutation;

/// <summary>Format-blind mutations of a file's bytes: flips, overwrites, truncations, insertions, deletions, duplications.</summary>
internal static class ByteMutator
{
    private static readonly byte[] Interesting = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0xFE, (byte)'(', (byte)',', (byte)'\'', (byte)'9'];

    /// <summary>One mutation; positions fall in the first <paramref name="head"/> bytes half of the time (the header, where damage matters most).</summary>
    public static (byte[] Bytes, string What) Mutate(byte[] original, Random random, int head)
    {
        int Position(int length) =>
            length == 0 ? 0 : random.Next(2) == 0 ? random.Next(Math.Min(Math.Max(head, 1), length)) : random.Next(length);

        byte[] b = (byte[])original.Clone();
        switch (random.Next(8))
        {
            case 0:
            {
                int n = 1 + random.Next(8);
                var at = new List<int>();
                for (int i = 0; i < n; i++)
                {
                    int p = Position(b.Length);
                    b[p] ^= (byte)(1 << random.Next(8));
                    at.Add(p);
                }
                return (b, $"bit flips at {string.Join(",", at)}");
            }
            case 1:
            {
                int p = Position(b.Length);
                byte v = Interesting[random.Next(Interesting.Length)];
                b[p] = v;
                return (b, $"byte {p} set to 0x{v:X2}");
            }
            case 2:
            {
                int p = Position(b.Length);
                return (original[..p], $"truncated to {p} bytes");
            }
            case 3:
            {
                int p = Position(b.Length), n = 1 + random.Next(64);
                var insert = new byte[n];
                random.NextBytes(insert);
                return ([.. original.AsSpan(0, p), .. insert, .. original.AsSpan(p)], $"{n} random bytes inserted at {p}");
            }
            case 4:
            {
                int p = Position(b.Length), n = Math.Min(1 + random.Next(64), original.Length - p);
                return ([.. original.AsSpan(0, p), .. original.AsSpan(p + n)], $"{n} bytes deleted at {p}");
            }
            case 5:
            {
                int p = Position(b.Length), n = Math.Min(1 + random.Next(256), original.Length - p);
                return ([.. original.AsSpan(0, p + n), .. original.AsSpan(p, n), .. original.AsSpan(p + n)], $"{n} bytes at {p} duplicated");
            }
            case 6:
            {
                int p = Position(b.Length), n = Math.Min(1 + random.Next(32), b.Length - p);
                random.NextBytes(b.AsSpan(p, n));
                return (b, $"{n} random bytes written at {p}");
            }
            default:
            {
                var tail = new byte[1 + random.Next(4096)];
                random.NextBytes(tail);
                return ([.. original, .. tail], $"{tail.Length} random bytes appended");
            }
        }
    }

    /// <summary>A 32-bit field's values worth trying: edges, off by one, huge, negative as signed.</summary>
    public static uint InterestingValue(Random random, uint current) => random.Next(12) switch
    {
        0 => 0,
        1 => 1,
        2 => current + 1,
        3 => current - 1,
        4 => current * 2,
        5 => 0x7FFFFFFF,
        6 => 0x80000000,
        7 => 0xFFFFFFFF,
        8 => 65535,
        9 => 65536,
        10 => current / 2,
        _ => (uint)random.NextInt64(0, 1L << 32),
    };
}
