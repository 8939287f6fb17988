using LayerEntropy.Tests.Slurm;

namespace LayerEntropy.Tests.Cli;

/// <summary>`analyze --shard i/n -o DIR` into a folder that does not exist yet, and `merge DIR`, as a Slurm array's tasks use them.</summary>
public sealed class ShardFolderTests : IClassFixture<TinyMnistModel>
{
    private readonly TinyMnistModel model;

    public ShardFolderTests(TinyMnistModel model) => this.model = model;

    [Fact]
    public void ShardsMakeTheirFolderAndMergeDirGivesTheSingleRun()
    {
        using var dir = new TempDir();
        string parts = dir.File("new", "parts");
        foreach (int i in new[] { 2, 1 })
        {
            var r = CliRunner.InProcess(["analyze", .. model.Analyze(), "--shard", $"{i}/2", "-o", parts]);
            Assert.True(r.ExitCode == 0, r.Error);
        }
        Assert.Equal(["part-0001-of-0002.json", "part-0002-of-0002.json"], Directory.GetFiles(parts).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var merge = CliRunner.InProcess("merge", parts, "--no-report");
        Assert.True(merge.ExitCode == 0, merge.Error);
        var single = CliRunner.InProcess(["analyze", .. model.Analyze(), "-o", dir.File("single")]);
        Assert.True(single.ExitCode == 0, single.Error);
        Assert.Equal(AnalysisFiles.WithoutDate(dir.File("single", "analysis.json")), AnalysisFiles.WithoutDate(Path.Combine(parts, "analysis.json")));
        Assert.False(File.Exists(Path.Combine(parts, "report.html")));
    }
}
