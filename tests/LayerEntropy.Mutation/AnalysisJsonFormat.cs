namespace LayerEntropy.Mutation;

/// <summary>Two analysis.json files of the trained MLP, read by report (which draws the page) and by compare.</summary>
internal sealed class AnalysisJsonFormat : IMutationFormat
{
    private string first = "", second = "", reportOut = "", compareOut = "";
    private byte[] clean = [];

    public string Name => "analysis-json";

    public IReadOnlyList<MutationCase> Prepare(Workspace work)
    {
        first = Path.Combine(work.Folder("analysis-json/a"), "analysis.json");
        second = Path.Combine(work.Folder("analysis-json/b"), "analysis.json");
        string made = Path.Combine(work.Root, "analysis-json/made");
        Workspace.Run(["analyze", work.Model, "--dataset", "mnist", "--data-dir", work.CleanData, "-o", made, "--limit-per-class", "3", "--bootstrap", "20", "--samples", "1", "--no-report", "-q"]);
        clean = File.ReadAllBytes(Path.Combine(made, "analysis.json"));
        File.WriteAllBytes(first, clean);
        Workspace.Run(["analyze", work.Model, "--dataset", "mnist", "--data-dir", work.CleanData, "-o", made, "--limit-per-class", "4", "--bootstrap", "0", "--no-report", "-q"]);
        File.Copy(Path.Combine(made, "analysis.json"), second);
        reportOut = work.Folder("out/report");
        compareOut = Path.Combine(work.Root, "out/compare");
        return [new(first, clean, "clean", Report(), reportOut), new(first, clean, "clean", Compare(), compareOut)];
    }

    public MutationCase Draw(Random random)
    {
        var (bytes, what) = JsonMutator.Mutate(clean, random);
        bool report = random.Next(2) == 0;
        return new(first, bytes, what, report ? Report() : Compare(), report ? reportOut : compareOut);
    }

    private string[] Report() => ["report", first, "-o", Path.Combine(reportOut, "report.html")];

    private string[] Compare() => ["compare", first, second, "--accuracy", "none", "-o", compareOut];
}
