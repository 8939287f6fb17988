namespace LayerEntropy.Tensors;

/// <summary>Process-wide compute settings. Results are bitwise reproducible for a fixed <see cref="Threads"/>.</summary>
public static class Compute
{
    private static int threads = Environment.ProcessorCount;

    /// <summary>Worker threads used by the kernels (at least 1).</summary>
    public static int Threads
    {
        get => threads;
        set => threads = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), "threads must be at least 1");
    }
}
