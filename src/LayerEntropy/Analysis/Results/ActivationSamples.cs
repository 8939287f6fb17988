using System.Text.Json.Serialization;

namespace LayerEntropy.Analysis;

/// <summary>
/// The first inputs of each class (by dataset position) with every tap's activations: what the activation maps
/// show. <see cref="InputShape"/> is (channels, rows, columns) of the inputs; null when the activations were
/// recorded elsewhere and no images exist.
/// </summary>
public sealed record ActivationSamples(
    [property: JsonPropertyOrder(-2)] IReadOnlyList<int>? InputShape,
    IReadOnlyList<SampleInput> Inputs)
{
    /// <summary>
    /// (channels, rows, columns) of the stored images when they are smaller than the inputs: images larger than
    /// 64×64 are kept shrunk to fit it (area average, aspect kept). Null when the images are stored at
    /// <see cref="InputShape"/>.
    /// </summary>
    [JsonPropertyOrder(-1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<int>? ImageShape { get; init; }

    /// <summary>The shape the images' bytes are laid out in: <see cref="ImageShape"/>, else <see cref="InputShape"/>.</summary>
    [JsonIgnore]
    public IReadOnlyList<int>? StoredShape => ImageShape ?? InputShape;
}

/// <summary>
/// One sample input: its position in the dataset's split, its set (class name), its image bytes (0–255,
/// channel-major, laid out in <see cref="ActivationSamples.StoredShape"/>; null without images) and one activation
/// vector per tap, in tap order.
/// </summary>
public sealed record SampleInput(long Id, string Set, IReadOnlyList<int>? Image, IReadOnlyList<IReadOnlyList<float>> Taps);
