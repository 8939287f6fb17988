namespace LayerEntropy.Tests;

/// <summary>
/// Tests that must have the machine to themselves: they run after every parallel test has finished. An allocation
/// count on the calling thread, say, changes when another test keeps the GEMM worker team busy, because a call that
/// finds the team busy runs alone with buffers of its own.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone on the machine";
}
