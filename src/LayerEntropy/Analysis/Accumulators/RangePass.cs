using System.Numerics.Tensors;
using LayerEntropy.Tensors;

namespace LayerEntropy.Analysis;

/// <summary>
/// The first pass of the binned measure: each tap's [min, max] per class over the inputs that will be analysed.
/// The bins need the whole set's range before any input can be binned, and no exact single-pass scheme exists
/// without holding every activation, so the analysis runs its inputs twice when binned is asked for (docs/FORMATS.md).
/// </summary>
/// <remarks>With <c>--bins auto</c> it also counts each tap's values per class for the equal-mass edges.</remarks>
internal sealed class RangePass(int taps, int classes, bool quantiles = false)
{
    public TapRange[] Ranges { get; } = [.. Enumerable.Range(0, taps).Select(_ => new TapRange(classes))];

    private readonly TapQuantiles[]? counts = quantiles ? [.. Enumerable.Range(0, taps).Select(_ => new TapQuantiles(classes))] : null;

    /// <summary>Sets every tap's equal-mass edges, <paramref name="bins"/>[t] bins per unit (with <c>--bins auto</c>).</summary>
    public void SetEdges(IReadOnlyList<int> bins)
    {
        if (counts is null) return;
        for (int t = 0; t < Ranges.Length; t++)
        {
            Ranges[t].Edges = [.. Enumerable.Range(0, classes).Select(c => counts[t].Edges(c, bins[t]))];
            Ranges[t].PooledEdges = counts[t].Edges(null, bins[t]);
        }
    }

    public void Add(IReadOnlyList<TapRows> rowsPerTap, IReadOnlyList<int> rows, IReadOnlyList<int> labels)
    {
        // Taps are independent: one tap per worker, its rows in order.
        Parallel.For(0, rowsPerTap.Count, new ParallelOptions { MaxDegreeOfParallelism = counts is null ? 1 : Compute.Threads }, t =>
        {
            for (int j = 0; j < rows.Count; j++)
            {
                var row = rowsPerTap[t].Row(rows[j]);
                float min = TensorPrimitives.Min(row), max = TensorPrimitives.Max(row);
                // Non-finite rows are left out here and reported by the main pass.
                if (!float.IsFinite(min) || !float.IsFinite(max)) continue;
                Ranges[t].Include(labels[j], min, max);
                counts?[t].Add(labels[j], row);
            }
        });
    }
}
