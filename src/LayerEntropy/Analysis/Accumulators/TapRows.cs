namespace LayerEntropy.Analysis;

/// <summary>One tap's output for a batch (or a whole recorded array) as rows of N values.</summary>
internal readonly record struct TapRows(float[] Values, int Units, int Offset = 0)
{
    public ReadOnlySpan<float> Row(int row) => Values.AsSpan(Offset + row * Units, Units);
}
