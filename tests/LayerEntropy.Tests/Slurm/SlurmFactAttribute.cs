namespace LayerEntropy.Tests.Slurm;

/// <summary>A test on the one-node Slurm cluster: skipped, with the reason, where Slurm or munge is not installed (CI installs them).</summary>
public sealed class SlurmFactAttribute : FactAttribute
{
    public SlurmFactAttribute()
    {
        if (SlurmCluster.Missing() is { } reason) Skip = reason;
    }
}
