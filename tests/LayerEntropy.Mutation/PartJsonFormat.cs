namespace LayerEntropy.Mutation;

/// <summary>The two part files of a sharded analysis of the trained MLP, read by merge.</summary>
internal sealed class PartJsonFormat : IMutationFormat
{
    private readonly List<(string Path, byte[] Bytes)> parts = [];
    private string[] args = [];
    private string output = "";

    public string Name => "part-json";

    public IReadOnlyList<MutationCase> Prepare(Workspace work)
    {
        string folder = Path.Combine(work.Root, "part-json");
        foreach (string shard in new[] { "1/2", "2/2" })
            Workspace.Run(["analyze", work.Model, "--dataset", "mnist", "--data-dir", work.CleanData, "--shard", shard, "-o", folder, "--limit-per-class", "3", "--bootstrap", "20", "--samples", "1", "-q"]);
        foreach (string path in Directory.GetFiles(folder).Order(StringComparer.Ordinal)) parts.Add((path, File.ReadAllBytes(path)));
        output = work.Folder("out/merge");
        args = ["merge", folder, "-o", Path.Combine(output, "analysis.json"), "--no-report", "-q"];
        return [new(parts[0].Path, parts[0].Bytes, "clean", args, output)];
    }

    public MutationCase Draw(Random random)
    {
        var (path, bytes) = parts[random.Next(parts.Count)];
        var (mutated, what) = JsonMutator.Mutate(bytes, random);
        return new(path, mutated, $"{Path.GetFileName(path)}: {what}", args, output);
    }
}
