using LayerEntropy.Experiments;

namespace LayerEntropy.Cli.Commands;

/// <summary>What `layerentropy compare` was asked to do.</summary>
/// <param name="Analyses">The analysis.json files, in the order their runs are listed.</param>
/// <param name="OutputDir">Folder for comparison.json and comparison.csv, or null to write nothing.</param>
/// <param name="Json">Print comparison.json instead of the table.</param>
internal sealed record CompareSettings(IReadOnlyList<string> Analyses, ComparisonOptions Options, string? OutputDir, bool Json);
