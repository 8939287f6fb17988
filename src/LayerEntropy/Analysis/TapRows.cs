namespace LayerEntropy.Analysis;

/// <summary>
/// One tap's output for a batch as rows of N values, and which rows belong to the analysis: row
/// <c>Rows[j]</c> is the input with dataset id <c>Ids[j]</c> and label <c>Labels[j]</c>.
/// </summary>
internal readonly record struct TapRows(float[] Values, int Units, int Offset = 0)
{
    public ReadOnlySpan<float> Row(int row) => Values.AsSpan(Offset + row * Units, Units);
}
