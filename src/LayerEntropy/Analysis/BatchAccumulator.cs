using LayerEntropy.Tensors;

namespace LayerEntropy.Analysis;

/// <summary>
/// Adds a batch of tap outputs to an <see cref="AnalysisState"/>: the per-row work (firing bits, magnitude entropy,
/// binned keys) runs in parallel into per-row slots, then the records are appended in row order, so the state
/// does not depend on the thread count or the batch size. Rows with NaN or infinite activations are counted
/// per tap; the run fails at the end when there are any.
/// </summary>
internal sealed class BatchAccumulator(AnalysisState state, float threshold, int bins)
{
    private readonly long[] nonFinite = new long[state.Taps.Length];
    private readonly long[] firstNonFinite = Enumerable.Repeat(-1L, state.Taps.Length).ToArray();
    // Two sets of per-row buffers: one batch's records are appended in the background while the next is computed.
    private readonly TapBuffers[][] sets = [[.. state.Taps.Select(t => new TapBuffers(t.Words))], [.. state.Taps.Select(t => new TapBuffers(t.Words))]];
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
            var range = State.Ranges?[t];
            var data = taps[t];
            var b = buffers[t];
            byte[]? binned = range is null ? null : System.Buffers.ArrayPool<byte>.Shared.Rent(tap.Units);
            for (int j = chunk * ChunkRows, end = Math.Min(count, (chunk + 1) * ChunkRows); j < end; j++)
            {
                var row = data.Row(rows[j]);
                var pattern = b.Bits.AsSpan(j * tap.Words, tap.Words);
                TapKernels.FiringBits(row, threshold, pattern);
                TapKernels.CountFiring(row, threshold, counters.For(t, labels[j]));
                TapKernels.AddFixedPoint(row, counters.SumsFor(t, labels[j]));
                b.Keys[j] = CodewordTable.Key(pattern);
                b.Magnitude[j] = TapKernels.Magnitude(row) ?? double.NaN;
                if (binned is null) continue;
                var code = binned.AsSpan(0, tap.Units);
                TapKernels.Bin(row, range!.Min[labels[j]], range.Max[labels[j]], bins, code);
                b.Own[j] = TapKernels.Hash(code);
                TapKernels.Bin(row, range.PooledMin, range.PooledMax, bins, code);
                b.Pooled[j] = TapKernels.Hash(code);
            }
            if (binned is not null) System.Buffers.ArrayPool<byte>.Shared.Return(binned);
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
            for (int j = 0; j < count; j++)
            {
                if (j + Ahead < count) tap.Patterns.Prefetch(b.Keys[j + Ahead]);
                tap.Add(b.Bits.AsSpan(j * tap.Words, tap.Words), b.Keys[j], b.Magnitude[j], b.Own[j], b.Pooled[j]);
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
        }
    }

    /// <summary>One tap's per-row results for a batch, kept from batch to batch.</summary>
    private sealed class TapBuffers(int words)
    {
        public ulong[] Bits = [];
        public UInt128[] Keys = [], Own = [], Pooled = [];
        public double[] Magnitude = [];

        public void Reserve(int rows)
        {
            if (Keys.Length >= rows) return;
            Bits = new ulong[rows * words];
            Keys = new UInt128[rows];
            Own = new UInt128[rows];
            Pooled = new UInt128[rows];
            Magnitude = new double[rows];
        }
    }
}
