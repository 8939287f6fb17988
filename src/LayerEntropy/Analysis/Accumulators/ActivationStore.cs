using LayerEntropy.Data;
using LayerEntropy.Tensors;

namespace LayerEntropy.Analysis;

/// <summary>
/// One tap's activations for every input, kept for the binned measure while the inputs run forward once: each row is
/// packed without its +0 values (<see cref="RowPacking.Pack"/>), so ReLU layers take about half their dense size.
/// Rows are numbered in the order added, which is the tap's record order. A store made with a file keeps its rows
/// there instead of in memory (rows too many for memory cost disk, not a second forward pass); the file has no name
/// once open, so it goes when the store is disposed or the process ends, however it ends.
/// </summary>
internal sealed class ActivationStore(int units, bool onDisk = false) : IDisposable
{
    /// <summary>Values per chunk (4 MiB): large enough to be cheap, small enough to keep the waste at a chunk's end low.</summary>
    private const int ChunkValues = 1 << 20;

    private readonly int words = (units + 63) >> 6;
    private readonly List<float[]> chunks = [];
    private ulong[] masks = [];
    private long[] starts = [];
    private int fill;
    private readonly FileStream? file = onDisk ? new FileStream(TempFiles.Unnamed("rows"), FileAccess.ReadWrite, 1 << 20) : null;
    private long written;

    public int Units { get; } = units;
    public int Count { get; private set; }

    /// <summary>
    /// The most memory a dense store of <paramref name="inputs"/> rows of <paramref name="units"/> values could take
    /// (bytes): an upper bound, reached only when no activation is +0.
    /// </summary>
    public static long MaxBytes(long inputs, int units) => inputs * (4L * units + 8L * ((units + 63) >> 6) + 8);

    public void Reserve(int more)
    {
        int total = Count + more;
        if (starts.Length >= total) return;
        int capacity = Math.Max(total, 2 * starts.Length);
        Array.Resize(ref starts, capacity);
        Array.Resize(ref masks, capacity * words);
    }

    /// <summary>Adds one row as <see cref="RowPacking.Pack"/> packed it.</summary>
    public void Add(ReadOnlySpan<ulong> mask, ReadOnlySpan<float> packed)
    {
        Reserve(1);
        mask[..words].CopyTo(masks.AsSpan(Count * words, words));
        if (file is not null)
        {
            starts[Count++] = written;
            file.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(packed));
            written += 4L * packed.Length;
            return;
        }
        if (chunks.Count == 0 || fill + packed.Length > chunks[^1].Length)
        {
            chunks.Add(GC.AllocateUninitializedArray<float>(Math.Max(ChunkValues, Units)));
            fill = 0;
        }
        packed.CopyTo(chunks[^1].AsSpan(fill));
        starts[Count] = ((long)(chunks.Count - 1) << 32) | (uint)fill;
        fill += packed.Length;
        Count++;
    }

    /// <summary>
    /// Writes row <paramref name="index"/> (in the order added) into <paramref name="row"/>, bit for bit as it was added.
    /// Rows may be read from several threads at once once every row is in; <paramref name="scratch"/> (at least
    /// <see cref="Units"/> values) holds a row read from disk.
    /// </summary>
    public void Row(int index, Span<float> row, Span<float> scratch)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        var mask = masks.AsSpan(index * words, words);
        if (file is null)
        {
            long start = starts[index];
            RowPacking.Unpack(mask, chunks[(int)(start >> 32)].AsSpan((int)(uint)start), row[..Units]);
            return;
        }
        int kept = 0;
        foreach (ulong w in mask) kept += System.Numerics.BitOperations.PopCount(w);
        var packed = scratch[..kept];
        if (RandomAccess.Read(file.SafeFileHandle, System.Runtime.InteropServices.MemoryMarshal.AsBytes(packed), starts[index]) != 4 * kept)
            throw new IOException("the kept activations' temporary file ends early");
        RowPacking.Unpack(mask, packed, row[..Units]);
    }

    /// <summary>Writes what is buffered to the file, before rows are read back.</summary>
    public void Flush() => file?.Flush();

    public void Dispose() => file?.Dispose();
}
