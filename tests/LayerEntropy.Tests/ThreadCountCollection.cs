namespace LayerEntropy.Tests;

/// <summary>
/// Tests that set the process-wide <c>Compute.Threads</c> run one after another, so that none changes the thread
/// count under another (results never depend on it, but the single-threaded allocation check does).
/// </summary>
[CollectionDefinition(Name)]
public sealed class ThreadCountCollection
{
    public const string Name = "process-wide thread count";
}
