namespace LayerEntropy.Data;

/// <summary>What a check of one dataset file found.</summary>
public enum FileCheck
{
    /// <summary>Present, and its SHA-256 is the published one.</summary>
    Ok,

    /// <summary>Present with the published size; no checksum is published for it (CIFAR-10 batches).</summary>
    SizeOnly,

    /// <summary>Present, but its size or SHA-256 differs from the published one.</summary>
    Mismatch,

    /// <summary>Not in the folder where the dataset was found (or the dataset was found nowhere).</summary>
    Missing,
}

/// <summary>One file of a dataset as <see cref="DatasetCatalog.Survey"/> found it; <paramref name="Detail"/> is one readable line.</summary>
public sealed record FileStatus(string Name, string? Path, FileCheck Check, string Detail);
