namespace LayerEntropy.Mutation;

/// <summary>An input format under test: its clean files and commands, and a seeded mutation of them.</summary>
internal interface IMutationFormat
{
    string Name { get; }

    /// <summary>Writes the clean input files under <paramref name="work"/>; returns each command's clean run, which must succeed and whose output folder becomes the earlier output.</summary>
    IReadOnlyList<MutationCase> Prepare(Workspace work);

    /// <summary>The case drawn from <paramref name="random"/>.</summary>
    MutationCase Draw(Random random);
}
