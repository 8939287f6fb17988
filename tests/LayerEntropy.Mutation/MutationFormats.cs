namespace LayerEntropy.Mutation;

/// <summary>The formats of the campaign and which of them run by default.</summary>
internal static class MutationFormats
{
    /// <summary>
    /// Whether the default campaign includes the analysis.json and shard part formats (report, compare, merge).
    /// They can always be run by name: --formats analysis-json,part-json.
    /// </summary>
    public const bool JsonFormatsOn = false;

    public static IReadOnlyList<IMutationFormat> All =>
        [new IdxFormat(), new CifarFormat(), new NpyFormat(), new OnnxFormat(), new PngFormat(), new JpegFormat(), new AnalysisJsonFormat(), new PartJsonFormat()];

    public static IReadOnlyList<IMutationFormat> Default => All.Where(f => JsonFormatsOn || f is not (AnalysisJsonFormat or PartJsonFormat)).ToArray();

    public static IReadOnlyList<IMutationFormat> Named(IEnumerable<string> names) => names
        .Select(n => All.FirstOrDefault(f => f.Name == n) ?? throw new ArgumentException($"unknown format {n}; known: {string.Join(", ", All.Select(f => f.Name))}"))
        .ToArray();
}
