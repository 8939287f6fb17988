using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LayerEntropy.Tensors;

namespace LayerEntropy.Analysis;

/// <summary>
/// Adds a batch of tap outputs to an <see cref="AnalysisState"/>: the per-row work (firing bits, magnitude entropy,
/// binned keys) runs in parallel into per-row slots, then the records are appended in row order, so the state
/// does not depend on the thread count or the batch size. Rows with NaN or infinite activations are counted
/// per tap; the run fails at the end when there are any.
/// </summary>
/// <remarks>
/// With <paramref name="storeForBins"/>, the state's ranges start empty: each row widens its class's range and is kept
/// in an <see cref="ActivationStore"/>, and <see cref="BinStored"/> makes the binned keys once every input has been
/// seen, so the inputs run forward once. Otherwise the ranges are known beforehand (a first pass over the inputs) and
/// each row is binned as it comes. Both give the same keys.
/// </remarks>
internal sealed class BatchAccumulator(AnalysisState state, float threshold, int bins, bool storeForBins = false, bool storeOnDisk = false)
{
    private readonly long[] nonFinite = new long[state.Taps.Length];
    private readonly long[] firstNonFinite = Enumerable.Repeat(-1L, state.Taps.Length).ToArray();
    // Two sets of per-row buffers: one batch's records are appended in the background while the next is computed.
    private readonly TapBuffers[][] sets = [[.. state.Taps.Select(t => new TapBuffers(t.Units, storeForBins))], [.. state.Taps.Select(t => new TapBuffers(t.Units, storeForBins))]];
    private ActivationStore[]? stores = storeForBins && state.Ranges is not null && bins > 0 ? [.. state.Taps.Select(t => new ActivationStore(t.Units, storeOnDisk))] : null;
    private int current;
    private readonly Stack<FiringCounters> idle = [];
    private Task? appending;

    public AnalysisState State { get; } = state;

    /// <param name="taps">Each tap's rows for this batch, in the state's tap order.</param>
    /// <param name="rows">The batch rows to add, with their dataset ids and labels.</param>
    public void Add(IReadOnlyList<TapRows> taps, IReadOnlyList<int> rows, IReadOnlyList<long> ids, IReadOnlyList<int> labels)
    {
        int count = rows.Count, chunks = Chunks(count);
        var buffers = sets[current];
        current ^= 1;
        foreach (var b in buffers) b.Reserve(count);
        // Every tap's rows in one parallel loop: one work item is one tap's chunk of rows. Each worker counts firing
        // units per class in counters of its own, summed into the taps after the loop (integer sums: any order).
        Parallel.For(0, taps.Count * chunks, new ParallelOptions { MaxDegreeOfParallelism = Compute.Threads }, TakeCounters, (item, _, counters) =>
        {
            int t = item / chunks, chunk = item % chunks;
            var tap = State.Taps[t];
            var range = stores is null ? State.Ranges?[t] : null;
            var data = taps[t];
            var b = buffers[t];
            byte[]? binned = range is null ? null : ArrayPool<byte>.Shared.Rent(tap.Units);
            for (int j = chunk * ChunkRows, end = Math.Min(count, (chunk + 1) * ChunkRows); j < end; j++)
            {
                var row = data.Row(rows[j]);
                var pattern = b.Bits.AsSpan(j * tap.Words, tap.Words);
                TapKernels.FiringBits(row, threshold, pattern);
                TapKernels.CountFiring(row, threshold, counters.For(t, labels[j]));
                TapKernels.AddFixedPoint(row, counters.SumsFor(t, labels[j]));
                b.Keys[j] = CodewordTable.Key(pattern);
                b.Magnitude[j] = TapKernels.Magnitude(row) ?? double.NaN;
                if (stores is not null)
                {
                    float min = TensorPrimitives.Min(row), max = TensorPrimitives.Max(row);
                    // Non-finite rows are left out of the ranges, as by a first pass, and fail the run at the end.
                    if (float.IsFinite(min) && float.IsFinite(max)) counters.Include(t, labels[j], min, max);
                    b.Kept[j] = RowPacking.Pack(row, b.NonZero.AsSpan(j * tap.Words, tap.Words), b.Packed.AsSpan(j * tap.Units, tap.Units));
                }
                if (binned is null) continue;
                var code = binned.AsSpan(0, tap.Units);
                if (range!.Edges is { } edges) TapKernels.BinByEdges(row, edges[labels[j]], code);
                else TapKernels.Bin(row, range.Min[labels[j]], range.Max[labels[j]], bins, code);
                b.Own[j] = TapKernels.Hash(code);
                if (range.PooledEdges is { } pooledEdges) TapKernels.BinByEdges(row, pooledEdges, code);
                else TapKernels.Bin(row, range.PooledMin, range.PooledMax, bins, code);
                b.Pooled[j] = TapKernels.Hash(code);
            }
            if (binned is not null) ArrayPool<byte>.Shared.Return(binned);
            return counters;
        }, counters => { lock (idle) idle.Push(counters); });
        foreach (var counters in idle) counters.FlushInto(State);
        // A row with NaN or infinite activations fails the run at the end (ThrowIfNonFinite); it is counted here.
        for (int t = 0; t < taps.Count; t++)
            for (int j = 0; j < count; j++)
                if (double.IsNaN(buffers[t].Magnitude[j]) && !RowIsZero(taps[t].Row(rows[j])) && nonFinite[t]++ == 0)
                    firstNonFinite[t] = ids[j];
        for (int j = 0; j < count; j++)
        {
            State.Ids.Add(ids[j]);
            State.Labels.Add(labels[j]);
            if (State.Samples.Wants(labels[j], ids[j]))
                State.Samples.Add(new Sample(ids[j], labels[j], [.. taps.Select(t => t.Row(rows[j]).ToArray())]));
        }
        // The previous batch's records must be in before this one's; taps are independent, so each appends its records
        // in row order on its own thread. The append runs while the caller computes the next batch (its cache misses
        // in the codeword tables overlap that work); Complete waits for it.
        Complete();
        appending = Task.Run(() => Parallel.For(0, taps.Count, new ParallelOptions { MaxDegreeOfParallelism = Compute.Threads }, t =>
        {
            var tap = State.Taps[t];
            var b = buffers[t];
            tap.Reserve(count);
            var store = stores?[t];
            store?.Reserve(count);
            for (int j = 0; j < count; j++)
            {
                if (j + Ahead < count) tap.Patterns.Prefetch(b.Keys[j + Ahead]);
                tap.Add(b.Bits.AsSpan(j * tap.Words, tap.Words), b.Keys[j], b.Magnitude[j], b.Own[j], b.Pooled[j]);
                store?.Add(b.NonZero.AsSpan(j * tap.Words, tap.Words), b.Packed.AsSpan(j * tap.Units, b.Kept[j]));
            }
        }));
    }

    /// <summary>Waits until every batch added so far is in the state.</summary>
    public void Complete()
    {
        var task = appending;
        appending = null;
        task?.GetAwaiter().GetResult();
    }

    /// <summary>
    /// After the last batch (and <see cref="Complete"/>), when the rows were stored: bins every stored row with its
    /// class's range and with the pooled range, now that the ranges are whole, and sets the records' binned keys.
    /// The stores are released afterwards.
    /// </summary>
    public void BinStored(CancellationToken cancel = default)
    {
        if (stores is null) return;
        var ranges = State.Ranges!;
        foreach (var store in stores) store.Flush();
        const int chunk = 256;
        int records = stores.Length == 0 ? 0 : stores[0].Count, chunks = (records + chunk - 1) / chunk;
        Parallel.For(0, stores.Length * chunks, new ParallelOptions { MaxDegreeOfParallelism = Compute.Threads, CancellationToken = cancel }, item =>
        {
            int t = item / chunks, first = item % chunks * chunk, end = Math.Min(records, first + chunk);
            var own = CollectionsMarshal.AsSpan(State.Taps[t].BinnedOwn);
            var pooled = CollectionsMarshal.AsSpan(State.Taps[t].BinnedPooled);
            BinRows(stores[t], ranges[t], CollectionsMarshal.AsSpan(State.Labels), bins, first, end, own, pooled);
        });
        foreach (var store in stores) store.Dispose();
        stores = null;
        // The kept rows (about 120 MB for MNIST's 70,000 images through the README's MLP) are garbage now: collect them
        // before the measures and the bootstrap allocate, so that the process's peak holds one or the other.
        GC.Collect();
    }

    /// <summary>The binned keys of stored rows first..end−1 under their class's range and under the pooled range.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BinRows(ActivationStore store, TapRange range, ReadOnlySpan<int> labels, int bins, int first, int end,
        Span<UInt128> own, Span<UInt128> pooled)
    {
        float pooledMin = range.PooledMin, pooledMax = range.PooledMax;
        float[] row = ArrayPool<float>.Shared.Rent(store.Units), scratch = ArrayPool<float>.Shared.Rent(store.Units);
        byte[] code = ArrayPool<byte>.Shared.Rent(2 * store.Units);
        var values = row.AsSpan(0, store.Units);
        Span<byte> ownCode = code.AsSpan(0, store.Units), pooledCode = code.AsSpan(store.Units, store.Units);
        for (int x = first; x < end; x++)
        {
            store.Row(x, values, scratch);
            int label = labels[x];
            TapKernels.Bin(values, range.Min[label], range.Max[label], bins, ownCode);
            TapKernels.Bin(values, pooledMin, pooledMax, bins, pooledCode);
            (own[x], pooled[x]) = TapKernels.Hash(ownCode, pooledCode);
        }
        ArrayPool<float>.Shared.Return(row);
        ArrayPool<float>.Shared.Return(scratch);
        ArrayPool<byte>.Shared.Return(code);
    }

    /// <summary>Fails, naming the tap and how many inputs, if any row had NaN or infinite activations.</summary>
    public void ThrowIfNonFinite(string source)
    {
        for (int t = 0; t < nonFinite.Length; t++)
            if (nonFinite[t] > 0)
                throw new LayerEntropyException($"{source}: tap {State.Taps[t].Name} has NaN or infinite activations for {nonFinite[t]} input{(nonFinite[t] == 1 ? "" : "s")} (the first is input {firstNonFinite[t]})");
    }

    private const int ChunkRows = 32;

    /// <summary>How many rows ahead the codeword tables' slots are prefetched.</summary>
    private const int Ahead = 8;

    private static int Chunks(int count) => (count + ChunkRows - 1) / ChunkRows;

    private static bool RowIsZero(ReadOnlySpan<float> row)
    {
        foreach (float v in row)
            if (v != 0) return false; // −0 counts as zero; NaN does not
        return true;
    }

    private FiringCounters TakeCounters()
    {
        lock (idle) return idle.Count > 0 ? idle.Pop() : new FiringCounters(State);
    }

    /// <summary>One worker's firing counts and activation sums per tap, class and unit, kept from batch to batch and emptied into the state.</summary>
    private sealed class FiringCounters(AnalysisState state)
    {
        private readonly int[]?[][] counts = [.. state.Taps.Select(_ => new int[]?[state.Classes])];
        private readonly long[]?[][] sums = [.. state.Taps.Select(_ => new long[]?[state.Classes])];
        private readonly TapRange[] ranges = [.. state.Taps.Select(_ => new TapRange(state.Classes))];

        public void Include(int tap, int label, float min, float max) => ranges[tap].Include(label, min, max);

        public Span<int> For(int tap, int label) => counts[tap][label] ??= new int[state.Taps[tap].Units];

        public Span<long> SumsFor(int tap, int label) => sums[tap][label] ??= new long[state.Taps[tap].Units];

        public void FlushInto(AnalysisState target)
        {
            for (int t = 0; t < counts.Length; t++)
                for (int c = 0; c < counts[t].Length; c++)
                {
                    if (counts[t][c] is { } f)
                    {
                        target.Taps[t].AddFiring(c, f);
                        Array.Clear(f);
                    }
                    if (sums[t][c] is { } a)
                    {
                        target.Taps[t].AddActivations(c, a);
                        Array.Clear(a);
                    }
                }
            // Minima and maxima: the same in any order. Only a state whose ranges are being found has them widened.
            for (int t = 0; t < ranges.Length; t++)
            {
                var r = ranges[t];
                if (target.Ranges is { } found && r.Min.Any(float.IsFinite))
                {
                    found[t].Merge(r);
                    Array.Fill(r.Min, float.PositiveInfinity);
                    Array.Fill(r.Max, float.NegativeInfinity);
                }
            }
        }
    }

    /// <summary>One tap's per-row results for a batch, kept from batch to batch.</summary>
    private sealed class TapBuffers(int units, bool packs)
    {
        private readonly int words = (units + 63) >> 6;
        public ulong[] Bits = [], NonZero = [];
        public UInt128[] Keys = [], Own = [], Pooled = [];
        public double[] Magnitude = [];
        public float[] Packed = [];
        public int[] Kept = [];

        public void Reserve(int rows)
        {
            if (Keys.Length >= rows) return;
            Bits = new ulong[rows * words];
            Keys = new UInt128[rows];
            Own = new UInt128[rows];
            Pooled = new UInt128[rows];
            Magnitude = new double[rows];
            if (!packs) return;
            NonZero = new ulong[rows * words];
            Packed = new float[rows * units];
            Kept = new int[rows];
        }
    }
}
