namespace LayerEntropy.Nn;

/// <summary>The names of the optimisers as files record them ("adam", "sgd").</summary>
internal static class OptimizerKinds
{
    /// <summary>The name a model's metadata and state file record: "adam" or "sgd".</summary>
    public static string Name(this OptimizerKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>The optimiser of a recorded name (any case); null for a name that is none.</summary>
    public static OptimizerKind? Parse(string? name)
    {
        foreach (var kind in Enum.GetValues<OptimizerKind>())
            if (string.Equals(kind.Name(), name, StringComparison.OrdinalIgnoreCase)) return kind;
        return null;
    }
}
