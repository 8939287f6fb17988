using LayerEntropy.Analysis;

namespace LayerEntropy.Cli.Commands;

/// <summary>What `layerentropy entropy` was asked to do.</summary>
/// <param name="Activations">The .npy files of activations, one per tap, in depth order.</param>
/// <param name="Labels">The .npy file of the M labels.</param>
/// <param name="TapNames">One name per file, or none for the file names without extension.</param>
/// <param name="ClassNames">Names of the classes 0..C−1, or null for the labels' values.</param>
/// <param name="OutputDir">Folder for the result files, or null for a new one named after the first file.</param>
internal sealed record EntropySettings(
    IReadOnlyList<string> Activations,
    string Labels,
    IReadOnlyList<string> TapNames,
    IReadOnlyList<string>? ClassNames,
    string? OutputDir,
    bool Json,
    AnalysisOptions Options);
