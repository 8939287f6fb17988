using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using LayerEntropy.Data;
using LayerEntropy.Tensors;

namespace LayerEntropy.Analysis;

/// <summary>
/// The distinct binary firing patterns of one tap, stored exactly (⌈N/64⌉ words each) and numbered in order of
/// first appearance. Patterns are found by a 128-bit key and then compared word for word, so two inputs share a
/// codeword exactly when they fire alike (a key collision only moves the pattern to the next free key).
/// </summary>
/// <remarks>
/// Patterns are kept in chunks of about 1 MiB. The first chunks, as many as <c>memoryBudget</c> bytes hold, stay in
/// memory; the later ones are written, chunk by chunk, to a temporary file without a name (it goes when the process
/// ends, however it ends) and read back by positioned reads, so a wide tap over many inputs costs disk, not memory.
/// Patterns may be read from several threads at once once every pattern is in.
/// </remarks>
internal sealed class CodewordTable
{
    /// <summary>The bytes of patterns per chunk: large enough to be cheap, small enough to keep the waste of a last chunk low.</summary>
    private const int ChunkBytes = 1 << 20;

    private readonly KeyTable index = new();
    private readonly int perChunk;
    private readonly int residentChunks;
    private readonly List<ulong[]> resident = [];
    private ulong[]? tail;
    private int written;
    private SafeFileHandle? file;
    private readonly ulong[] scratch;

    /// <param name="words">Words per pattern.</param>
    /// <param name="memoryBudget">The most bytes of patterns kept in memory (whole chunks); the rest go to a temporary file.</param>
    public CodewordTable(int words, long memoryBudget = long.MaxValue)
    {
        Words = words;
        perChunk = Math.Max(1, ChunkBytes / (8 * Math.Max(1, words)));
        residentChunks = (int)Math.Min(int.MaxValue, memoryBudget / (8L * perChunk * Math.Max(1, words)));
        scratch = new ulong[words];
    }

    public int Words { get; }
    public int Count => index.Count;

    /// <summary>Whether the patterns have outgrown the memory budget: the later ones go to disk a chunk at a time.</summary>
    public bool Spilled => tail is not null;

    public static UInt128 Key(ReadOnlySpan<ulong> pattern) => TapKernels.Hash(MemoryMarshal.AsBytes(pattern));

    /// <summary>Copies pattern <paramref name="k"/> into <paramref name="into"/> (at least <see cref="Words"/> words).</summary>
    public void Read(int k, Span<ulong> into)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)k, (uint)Count, nameof(k));
        if (InMemory(k, out var span))
        {
            span.CopyTo(into);
            return;
        }
        var bytes = MemoryMarshal.AsBytes(into[..Words]);
        long offset = ((long)(k / perChunk - residentChunks) * perChunk + k % perChunk) * Words * 8;
        if (RandomAccess.Read(file!, bytes, offset) != bytes.Length)
            throw new IOException("the firing patterns' temporary file ends early");
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
                Store(k, pattern);
                return k;
            }
            if (Same(k, pattern)) return k;
        }
    }

    /// <summary>Pattern <paramref name="k"/> where it is in memory (false where it is in the file).</summary>
    private bool InMemory(int k, out ReadOnlySpan<ulong> pattern)
    {
        int chunk = k / perChunk, at = k % perChunk * Words;
        pattern = chunk < residentChunks ? resident[chunk].AsSpan(at, Words)
            : chunk - residentChunks == written ? tail.AsSpan(at, Words) : default;
        return chunk < residentChunks || chunk - residentChunks == written;
    }

    private bool Same(int k, ReadOnlySpan<ulong> pattern)
    {
        if (InMemory(k, out var stored)) return stored.SequenceEqual(pattern);
        Read(k, scratch);
        return scratch.AsSpan().SequenceEqual(pattern);
    }

    private void Store(int k, ReadOnlySpan<ulong> pattern)
    {
        int chunk = k / perChunk, at = k % perChunk * Words;
        if (chunk < residentChunks)
        {
            if (at == 0) resident.Add(GC.AllocateUninitializedArray<ulong>(perChunk * Words));
            pattern.CopyTo(resident[chunk].AsSpan(at, Words));
            return;
        }
        if (tail is null) tail = GC.AllocateUninitializedArray<ulong>(perChunk * Words);
        else if (at == 0)
        {
            // The chunk in memory is full: it goes to the file, and its array takes the next chunk.
            file ??= TempFiles.Unnamed("patterns");
            RandomAccess.Write(file, MemoryMarshal.AsBytes(tail.AsSpan()), (long)written * tail.Length * 8);
            written++;
        }
        pattern.CopyTo(tail.AsSpan(at, Words));
    }
}
