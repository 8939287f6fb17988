using System.Numerics.Tensors;

namespace LayerEntropy.Analysis;

/// <summary>
/// The first pass of the binned measure: each tap's [min, max] per class over the inputs that will be analysed.
/// The bins need the whole set's range before any input can be binned, and no exact single-pass scheme exists
/// without holding every activation, so the analysis runs its inputs twice when binned is asked for (docs/FORMATS.md).
/// </summary>
internal sealed class RangePass(int taps, int classes)
{
    public TapRange[] Ranges { get; } = [.. Enumerable.Range(0, taps).Select(_ => new TapRange(classes))];

    public void Add(IReadOnlyList<TapRows> rowsPerTap, IReadOnlyList<int> rows, IReadOnlyList<int> labels)
    {
        for (int t = 0; t < rowsPerTap.Count; t++)
            for (int j = 0; j < rows.Count; j++)
            {
                var row = rowsPerTap[t].Row(rows[j]);
                float min = TensorPrimitives.Min(row), max = TensorPrimitives.Max(row);
                // Non-finite rows are left out here and reported by the main pass.
                if (float.IsFinite(min) && float.IsFinite(max)) Ranges[t].Include(labels[j], min, max);
            }
    }
}
