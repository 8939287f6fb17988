using System.Text.RegularExpressions;
using LayerEntropy.Tests.Cli;
using Xunit.Abstractions;

namespace LayerEntropy.Tests.Slurm;

/// <summary>
/// `layerentropy slurm analyze` on a real one-node Slurm cluster: the array's parts, merged by the summary job,
/// give the analysis of one process; a task cancelled and submitted again alone gives it too. `slurm sweep` runs
/// the cells of a 2×2 sweep as array tasks and its summary job writes the single-process sweep.json.
/// </summary>
[Collection(SlurmClusterCollection.Name)]
public sealed partial class SlurmClusterTests : IClassFixture<TinyMnistModel>, IClassFixture<ShardedSweepFixture>
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(5);
    private readonly SlurmCluster cluster;
    private readonly TinyMnistModel model;
    private readonly ShardedSweepFixture sweep;

    public SlurmClusterTests(SlurmCluster cluster, TinyMnistModel model, ShardedSweepFixture sweep, ITestOutputHelper log)
    {
        this.cluster = cluster;
        this.model = model;
        this.sweep = sweep;
        log.WriteLine($"the cluster started in {cluster.StartTime.TotalSeconds:0.0} s");
    }

    [SlurmFact(Timeout = 600_000)]
    public async Task SubmittedArrayMergesToTheSingleProcessAnalysis()
    {
        using var dir = new TempDir();
        string parts = dir.File("parts");
        var slurm = CliRunner.InProcess(["slurm", "analyze", .. model.Analyze(), "-o", parts, "--tasks", "4", "--cpus-per-task", "1", "--submit"]);
        Assert.True(slurm.ExitCode == 0, slurm.Error);
        string tasks = ArrayJob().Match(slurm.Output).Groups[1].Value;
        string summary = SummaryJob().Match(slurm.Output).Groups[1].Value;
        Assert.True(tasks.Length > 0 && summary.Length > 0, slurm.Output);
        Assert.Contains($"squeue -j {tasks},{summary}", slurm.Output);

        var single = CliRunner.InProcess(["analyze", .. model.Analyze(), "-o", dir.File("single")]);
        Assert.True(single.ExitCode == 0, single.Error);
        await Task.Run(() => cluster.WaitForCompletion(Path.Combine(parts, "logs"), JobTimeout, tasks, summary));

        Assert.Equal([.. Enumerable.Range(1, 4).Select(i => $"part-{i:D4}-of-0004.json")], Directory.GetFiles(parts, "part-*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(AnalysisFiles.WithoutDate(dir.File("single", "analysis.json")), AnalysisFiles.WithoutDate(Path.Combine(parts, "analysis.json")));
        Assert.True(File.Exists(Path.Combine(parts, "measures.csv")));
        Assert.False(File.Exists(Path.Combine(parts, "report.html")), "--no-report reaches merge");
        Assert.Equal(4, Directory.GetFiles(Path.Combine(parts, "logs"), "analyze-task-*.out").Length);
    }

    [SlurmFact(Timeout = 600_000)]
    public async Task CancelledTaskSubmittedAgainAloneCompletesTheSameAnalysis()
    {
        using var dir = new TempDir();
        string parts = dir.File("parts");
        var slurm = CliRunner.InProcess(["slurm", "analyze", .. model.Analyze(), "-o", parts, "--tasks", "4", "--cpus-per-task", "1"]);
        Assert.True(slurm.ExitCode == 0, slurm.Error);
        string tasksScript = Path.Combine(parts, "analyze-tasks.sbatch");
        string summaryScript = Path.Combine(parts, "analyze-summary.sbatch");
        Assert.Contains($"jobid=$(sbatch --parsable {tasksScript})", slurm.Output);
        string logs = Path.Combine(parts, "logs");

        // Held, so that task 2 is cancelled before it can start; the rest then run.
        string tasks = cluster.Submit("--hold", tasksScript);
        cluster.Run("scancel", $"{tasks}_2");
        cluster.Run("scontrol", "release", tasks);
        var ended = await Task.Run(() => cluster.WaitUntilEnded(logs, JobTimeout, tasks));
        // A task cancelled before it started may leave no record behind; if it does, it says cancelled.
        Assert.Equal([$"{tasks}_1 COMPLETED", $"{tasks}_3 COMPLETED", $"{tasks}_4 COMPLETED"],
            ended.Where(j => j.Id != $"{tasks}_2").Select(j => $"{j.Id} {j.State}").Order(StringComparer.Ordinal));
        Assert.All(ended.Where(j => j.Id == $"{tasks}_2"), j => Assert.Equal("CANCELLED", j.State));
        Assert.False(File.Exists(Path.Combine(parts, "part-0002-of-0004.json")));

        var early = CliRunner.InProcess("merge", parts, "--no-report");
        CliRunner.AssertOneLineError(early, "2/4", "missing shards");
        Assert.False(File.Exists(Path.Combine(parts, "analysis.json")));

        string again = cluster.Submit("--array=2", tasksScript);
        string summary = cluster.Submit($"--dependency=afterok:{again}", summaryScript);
        var single = CliRunner.InProcess(["analyze", .. model.Analyze(), "-o", dir.File("single")]);
        Assert.True(single.ExitCode == 0, single.Error);
        await Task.Run(() => cluster.WaitForCompletion(logs, JobTimeout, again, summary));

        Assert.True(File.Exists(Path.Combine(parts, "part-0002-of-0004.json")));
        Assert.Equal(AnalysisFiles.WithoutDate(dir.File("single", "analysis.json")), AnalysisFiles.WithoutDate(Path.Combine(parts, "analysis.json")));
    }

    [SlurmFact(Timeout = 600_000)]
    public async Task SweepCellsAsArrayTasksGiveTheSingleProcessSweep()
    {
        using var dir = new TempDir();
        string folder = dir.File("sweep");
        var slurm = CliRunner.InProcess(["slurm", .. ShardedSweepFixture.Args(folder), "--tasks", "2", "--cpus-per-task", "1", "--submit"]);
        Assert.True(slurm.ExitCode == 0, slurm.Error);
        string tasks = ArrayJob().Match(slurm.Output).Groups[1].Value;
        string summary = SummaryJob().Match(slurm.Output).Groups[1].Value;
        Assert.True(tasks.Length > 0 && summary.Length > 0, slurm.Output);
        await Task.Run(() => cluster.WaitForCompletion(Path.Combine(folder, "logs"), JobTimeout, tasks, summary));

        // Each task made its own two of the four cells; the summary job trained nothing and wrote the sweep's files.
        string logs = string.Join("\n", Directory.GetFiles(Path.Combine(folder, "logs"), "sweep-task-*.out").Order(StringComparer.Ordinal).Select(File.ReadAllText));
        foreach (string cell in new[] { "depth 1, seed 0", "depth 1, seed 1", "depth 2, seed 0", "depth 2, seed 1" })
            Assert.Contains($"{cell}: done", logs);
        Assert.Equal(File.ReadAllBytes(Path.Combine(sweep.Folder, "sweep.json")), File.ReadAllBytes(Path.Combine(folder, "sweep.json")));
    }

    [GeneratedRegex(@"as array job (\d+)")]
    private static partial Regex ArrayJob();

    [GeneratedRegex(@"the summary as job (\d+)")]
    private static partial Regex SummaryJob();
}
