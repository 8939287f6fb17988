namespace LayerEntropy.Analysis;

/// <summary>
/// The first inputs of each class (by dataset position) with every tap's activations: what the activation maps
/// show. <see cref="InputShape"/> is (channels, rows, columns) of the images; null when the activations were
/// recorded elsewhere and no images exist.
/// </summary>
public sealed record ActivationSamples(IReadOnlyList<int>? InputShape, IReadOnlyList<SampleInput> Inputs);

/// <summary>
/// One sample input: its position in the dataset's split, its set (class name), its image bytes (0–255,
/// channel-major; null without images) and one activation vector per tap, in tap order.
/// </summary>
public sealed record SampleInput(long Id, string Set, IReadOnlyList<int>? Image, IReadOnlyList<IReadOnlyList<float>> Taps);
