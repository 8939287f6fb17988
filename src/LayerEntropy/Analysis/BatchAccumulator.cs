using LayerEntropy.Tensors;

namespace LayerEntropy.Analysis;

/// <summary>
/// Adds a batch of tap outputs to an <see cref="AnalysisState"/>: the per-row work (firing bits, magnitude entropy,
/// binned keys) runs in parallel into per-row slots, then the records are appended in row order, so the state
/// does not depend on the thread count or the batch size. Rows with NaN or infinite activations are counted
/// per tap and left out; the run fails at the end when there are any.
/// </summary>
internal sealed class BatchAccumulator(AnalysisState state, float threshold, int bins)
{
    private readonly long[] nonFinite = new long[state.Taps.Length];
    private readonly long[] firstNonFinite = Enumerable.Repeat(-1L, state.Taps.Length).ToArray();

    public AnalysisState State { get; } = state;

    /// <param name="taps">Each tap's rows for this batch, in the state's tap order.</param>
    /// <param name="rows">The batch rows to add, with their dataset ids and labels.</param>
    public void Add(IReadOnlyList<TapRows> taps, IReadOnlyList<int> rows, IReadOnlyList<long> ids, IReadOnlyList<int> labels)
    {
        int count = rows.Count;
        var keep = new bool[count];
        Array.Fill(keep, true);
        var perTap = new (ulong[] Bits, UInt128[] Keys, double[] Magnitude, UInt128[] Own, UInt128[] Pooled)[taps.Count];
        for (int t = 0; t < taps.Count; t++)
        {
            var tap = State.Taps[t];
            var range = State.Ranges?[t];
            var data = taps[t];
            var bits = new ulong[count * tap.Words];
            var keys = new UInt128[count];
            var magnitude = new double[count];
            var own = new UInt128[count];
            var pooled = new UInt128[count];
            Parallel.For(0, Chunks(count), new ParallelOptions { MaxDegreeOfParallelism = Compute.Threads }, chunk =>
            {
                var scratch = new float[2 * tap.Units];
                var binned = range is null ? [] : new byte[tap.Units];
                for (int j = chunk * ChunkRows; j < Math.Min(count, (chunk + 1) * ChunkRows); j++)
                {
                    var row = data.Row(rows[j]);
                    var pattern = bits.AsSpan(j * tap.Words, tap.Words);
                    TapKernels.FiringBits(row, threshold, pattern);
                    keys[j] = CodewordTable.Key(pattern);
                    magnitude[j] = TapKernels.Magnitude(row, scratch) ?? double.NaN;
                    if (range is null) continue;
                    TapKernels.Bin(row, range.Min[labels[j]], range.Max[labels[j]], bins, binned);
                    own[j] = TapKernels.Hash(System.Runtime.InteropServices.MemoryMarshal.AsBytes(binned.AsSpan()));
                    TapKernels.Bin(row, range.PooledMin, range.PooledMax, bins, binned);
                    pooled[j] = TapKernels.Hash(binned);
                }
            });
            perTap[t] = (bits, keys, magnitude, own, pooled);
            for (int j = 0; j < count; j++)
                if (double.IsNaN(magnitude[j]) && !RowIsZero(data.Row(rows[j])))
                {
                    keep[j] = false;
                    if (nonFinite[t]++ == 0) firstNonFinite[t] = ids[j];
                }
        }
        for (int j = 0; j < count; j++)
        {
            if (!keep[j]) continue;
            State.Ids.Add(ids[j]);
            State.Labels.Add(labels[j]);
        }
        // Taps are independent: each appends its records in row order on its own thread.
        Parallel.For(0, taps.Count, new ParallelOptions { MaxDegreeOfParallelism = Compute.Threads }, t =>
        {
            var tap = State.Taps[t];
            var (bits, keys, magnitude, own, pooled) = perTap[t];
            for (int j = 0; j < count; j++)
                if (keep[j]) tap.Add(bits.AsSpan(j * tap.Words, tap.Words), keys[j], magnitude[j], own[j], pooled[j]);
        });
    }

    /// <summary>Fails, naming the tap and how many inputs, if any row had NaN or infinite activations.</summary>
    public void ThrowIfNonFinite(string source)
    {
        for (int t = 0; t < nonFinite.Length; t++)
            if (nonFinite[t] > 0)
                throw new LayerEntropyException($"{source}: tap {State.Taps[t].Name} has NaN or infinite activations for {nonFinite[t]} input{(nonFinite[t] == 1 ? "" : "s")} (the first is input {firstNonFinite[t]})");
    }

    private const int ChunkRows = 32;

    private static int Chunks(int count) => (count + ChunkRows - 1) / ChunkRows;

    private static bool RowIsZero(ReadOnlySpan<float> row)
    {
        foreach (float v in row)
            if (v != 0) return false; // −0 counts as zero; NaN does not
        return true;
    }
}
