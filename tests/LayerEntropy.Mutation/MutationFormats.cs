namespace LayerEntropy.Mutation;

/// <summary>The formats of the campaign: every one runs by default, or those named with --formats.</summary>
internal static class MutationFormats
{
    public static IReadOnlyList<IMutationFormat> All =>
        [new IdxFormat(), new CifarFormat(), new NpyFormat(), new OnnxFormat(), new PngFormat(), new JpegFormat(), new AnalysisJsonFormat(), new PartJsonFormat()];

    public static IReadOnlyList<IMutationFormat> Default => All;

    public static IReadOnlyList<IMutationFormat> Named(IEnumerable<string> names) => names
        .Select(n => All.FirstOrDefault(f => f.Name == n) ?? throw new ArgumentException($"unknown format {n}; known: {string.Join(", ", All.Select(f => f.Name))}"))
        .ToArray();
}
