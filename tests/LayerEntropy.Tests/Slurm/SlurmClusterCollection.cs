namespace LayerEntropy.Tests.Slurm;

/// <summary>The tests that share one <see cref="SlurmCluster"/>: it starts before the first and stops after the last.</summary>
[CollectionDefinition(Name)]
public sealed class SlurmClusterCollection : ICollectionFixture<SlurmCluster>
{
    public const string Name = "one-node Slurm cluster";
}
