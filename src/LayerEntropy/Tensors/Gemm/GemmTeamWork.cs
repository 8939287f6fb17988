namespace LayerEntropy.Tensors;

/// <summary>What <see cref="GemmTeam"/> runs: one call's work, of which each participant takes its own share.</summary>
internal abstract class GemmTeamWork
{
    /// <summary>Does participant <paramref name="index"/>'s share (0 is the calling thread).</summary>
    public abstract void Execute(int index);
}
