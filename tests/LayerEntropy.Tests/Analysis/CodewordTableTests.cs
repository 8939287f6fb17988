using LayerEntropy.Analysis;

namespace LayerEntropy.Tests.Analysis;

/// <summary>
/// The distinct patterns are numbered in order of first appearance and come back word for word, whether they are kept
/// in memory or, beyond the table's memory budget, in a temporary file that leaves nothing behind.
/// </summary>
public class CodewordTableTests
{
    [Theory]
    [InlineData(2048, 300, long.MaxValue)] // 64 patterns a chunk: five chunks, all in memory
    [InlineData(2048, 300, 2L << 20)]      // two chunks in memory, the rest on disk
    [InlineData(2048, 300, 0L)]            // every chunk on disk but the one being filled
    [InlineData(1, 400_000, 0L)]           // one-word patterns: 131,072 a chunk, two chunks written
    [InlineData(3, 5000, 24L << 10)]       // a budget of less than a chunk keeps none
    public void NumbersFirstAppearancesAndReadsEveryPatternBack(int words, int inputs, long budget)
    {
        var before = Directory.GetFiles(Path.GetTempPath(), "layerentropy-patterns-*").Length;
        var random = new Random(words);
        var table = new CodewordTable(words, budget);
        var reference = new Dictionary<string, int>();
        var distinct = new List<ulong[]>();
        for (int x = 0; x < inputs; x++)
        {
            // About one input in four repeats an earlier pattern.
            ulong[] pattern = distinct.Count > 0 && random.Next(4) == 0 ? distinct[random.Next(distinct.Count)]
                : [.. Enumerable.Range(0, words).Select(_ => (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40))];
            string key = string.Join(",", pattern);
            if (!reference.TryGetValue(key, out int expected))
            {
                reference[key] = expected = distinct.Count;
                distinct.Add(pattern);
            }
            Assert.Equal(expected, table.Add(pattern));
        }
        Assert.Equal(distinct.Count, table.Count);
        Assert.Equal(budget < (long)distinct.Count * words * 8, table.Spilled);
        // Its file has no name from the start: a killed run leaves nothing in the temporary folder.
        Assert.Equal(before, Directory.GetFiles(Path.GetTempPath(), "layerentropy-patterns-*").Length);
        var read = new ulong[words];
        for (int k = distinct.Count - 1; k >= 0; k -= 1 + k % 3)
        {
            table.Read(k, read);
            Assert.Equal(distinct[k], read);
        }
        // Read from several threads at once, as the bootstrap does.
        Parallel.For(0, distinct.Count, () => new ulong[words], (k, _, into) =>
        {
            table.Read(k, into);
            Assert.True(into.AsSpan().SequenceEqual(distinct[k]));
            return into;
        }, _ => { });
        Assert.Throws<ArgumentOutOfRangeException>(() => table.Read(distinct.Count, read));
    }

    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(0L)]
    public void PatternsUnderOneKeyStayApartInMemoryAndOnDisk(long budget)
    {
        // Every pattern is given the same key: only the word-for-word comparison (read back from disk when spilled) tells them apart.
        const int words = 40_000; // 3 patterns a chunk
        var table = new CodewordTable(words, budget);
        var patterns = Enumerable.Range(0, 10).Select(i => Enumerable.Repeat((ulong)i * 0x9E3779B97F4A7C15UL, words).ToArray()).ToArray();
        UInt128 key = 12345;
        for (int i = 0; i < patterns.Length; i++) Assert.Equal(i, table.Add(patterns[i], key));
        for (int i = patterns.Length - 1; i >= 0; i--) Assert.Equal(i, table.Add(patterns[i], key));
        Assert.Equal(patterns.Length, table.Count);
        Assert.Equal(budget == 0, table.Spilled);
    }
}
