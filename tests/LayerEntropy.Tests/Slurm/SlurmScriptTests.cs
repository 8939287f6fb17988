using System.Diagnostics;
using LayerEntropy.Cli;
using LayerEntropy.Cli.Commands;
using LayerEntropy.Cli.Slurm;
using LayerEntropy.Tests.Cli;

namespace LayerEntropy.Tests.Slurm;

/// <summary>
/// `layerentropy slurm` without a cluster: the scripts' directives, the words their exec lines give layerentropy
/// (run by bash, with printf standing in for it), submission through a stand-in sbatch, and the refusals.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SlurmScriptTests
{
    private const string Printf = "printf '%s\\n'";

    /// <summary>Runs a written script with bash, as a Slurm task with this array index would, and returns the words it passes on.</summary>
    private static string[] Words(string script, int task = 1)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.Environment["SLURM_ARRAY_TASK_ID"] = task.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
        return output.Split('\n')[..^1];
    }

    [Fact]
    public void AnalyzeScriptsRunShardKOfNAndMergeWithAbsolutePaths()
    {
        using var dir = new TempDir();
        string model = dir.Write("my models/it's.onnx", [1]);
        string output = dir.File("out");
        var r = CliRunner.InProcess("slurm", "analyze", model, "--data-dir", ".", "--mean", "-0.5", "--no-report", "-o", output, "--tasks", "3",
            "--cpus-per-task", "3", "--sbatch-option=--partition=debug", "--sbatch-option", "time=5", "--layerentropy", Printf);
        Assert.True(r.ExitCode == 0, r.Error);
        string tasks = Path.Combine(output, "analyze-tasks.sbatch");
        string summary = Path.Combine(output, "analyze-summary.sbatch");
        Assert.Contains($"jobid=$(sbatch --parsable {tasks})", r.Output);
        Assert.Contains($"sbatch --dependency=afterok:$jobid {summary}", r.Output);
        Assert.True(Directory.Exists(Path.Combine(output, "logs")), "Slurm writes no log into a missing folder");

        var lines = File.ReadAllLines(tasks);
        Assert.Equal("#!/bin/bash", lines[0]);
        Assert.Equal(["#SBATCH --job-name=layerentropy-analyze-out", "#SBATCH --array=1-3", "#SBATCH --cpus-per-task=3",
            $"#SBATCH --output={output}/logs/analyze-task-%A_%a.out", "#SBATCH --partition=debug", "#SBATCH --time=5"],
            lines.Where(l => l.StartsWith("#SBATCH", StringComparison.Ordinal)));
        Assert.StartsWith($"exec {Printf} analyze ", lines[^1]);
        Assert.Equal(["analyze", model, "--data-dir", Directory.GetCurrentDirectory(), "--mean", "-0.5", "--no-report", "-o", output, "--threads", "3", "--shard", "2/3"],
            Words(tasks, task: 2));

        Assert.Equal(["#SBATCH --job-name=layerentropy-analyze-out-summary", "#SBATCH --cpus-per-task=3", $"#SBATCH --output={output}/logs/analyze-summary-%j.out",
            "#SBATCH --partition=debug", "#SBATCH --time=5"], File.ReadAllLines(summary).Where(l => l.StartsWith("#SBATCH", StringComparison.Ordinal)));
        Assert.Equal(["merge", output, "--no-report"], Words(summary));
    }

    [Fact]
    public void ThreadsTheUserGaveAndMergesOptionsPassThrough()
    {
        using var dir = new TempDir();
        string model = dir.Write("m.onnx", [1]);
        string output = dir.File("a", "b");
        var r = CliRunner.InProcess("slurm", "analyze", model, "--threads", "5", "--quiet", "--json", "--output=" + output, "--tasks", "2", "--layerentropy", Printf);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Equal(["analyze", model, "--threads", "5", "--quiet", "--json", "-o", output, "--shard", "1/2"], Words(Path.Combine(output, "analyze-tasks.sbatch")));
        Assert.Equal(["merge", output, "--json", "--quiet"], Words(Path.Combine(output, "analyze-summary.sbatch")));
    }

    [Theory]
    [InlineData("sweep", new[] { "--depths", "1,2", "--seeds", "1" })]
    [InlineData("dynamics", new[] { "--model", "mlp:8", "--epochs", "2" })]
    public void SweepAndDynamicsRunTheirCellsThenTheSameCommandWritesTheSummary(string command, string[] options)
    {
        using var dir = new TempDir();
        string output = dir.File("run");
        string scripts = dir.File("scripts");
        var r = CliRunner.InProcess(["slurm", command, .. options, "--data-dir", ".", "-o", output, "--tasks", "4", "--slurm-dir", scripts, "--layerentropy", Printf]);
        Assert.True(r.ExitCode == 0, r.Error);
        string[] words = [command, .. options, "--data-dir", Directory.GetCurrentDirectory(), "-o", output, "--threads", "2"];
        Assert.Equal([.. words, "--shard", "4/4"], Words(Path.Combine(scripts, $"{command}-tasks.sbatch"), task: 4));
        Assert.Equal(words, Words(Path.Combine(scripts, $"{command}-summary.sbatch")));
        Assert.Contains($"#SBATCH --output={scripts}/logs/{command}-task-%A_%a.out", File.ReadAllLines(Path.Combine(scripts, $"{command}-tasks.sbatch")));
        Assert.True(Directory.Exists(output));
    }

    [Theory]
    [InlineData("analyze", new[] { "--control", "reinit" }, "--control", "cannot be sharded")]
    [InlineData("analyze", new[] { "--shard", "1/2" }, "--shard", "leave out")]
    [InlineData("sweep", new[] { "--shard=1/2" }, "--shard", "leave out")]
    [InlineData("analyze", new[] { "--bogus" }, "--bogus", "unrecognized")]
    [InlineData("analyze", new[] { "--split", "every" }, "--split", "every")]
    [InlineData("sweep", new[] { "--activation", "swish" }, "--activation", "swish")]
    [InlineData("dynamics", new[] { "--epochs", "many" }, "many", "dynamics")]
    [InlineData("analyze", new[] { "--tasks", "0" }, "--tasks", "at least 1")]
    [InlineData("analyze", new[] { "--cpus-per-task", "0" }, "--cpus-per-task", "at least 1")]
    [InlineData("analyze", new[] { "--sbatch-option", " " }, "--sbatch-option", "one sbatch option")]
    public void BadOptionsFailWithOneLineAndWriteNothing(string command, string[] options, string named, string problem)
    {
        using var dir = new TempDir();
        string model = dir.Write("m.onnx", [1]);
        string[] run = command == "analyze" ? [model] : [];
        var r = CliRunner.InProcess(["slurm", command, .. run, .. options, "-o", dir.File("out"), .. options.Contains("--tasks") ? Array.Empty<string>() : ["--tasks", "2"]]);
        CliRunner.AssertOneLineError(r, named, problem);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void AnalyzeNeedsAnOutputFolderAndAModelThatExists()
    {
        using var dir = new TempDir();
        string model = dir.Write("m.onnx", [1]);
        CliRunner.AssertOneLineError(CliRunner.InProcess("slurm", "analyze", model, "--tasks", "2"), "-o DIR", "needs");
        CliRunner.AssertOneLineError(CliRunner.InProcess("slurm", "analyze", model, "--tasks", "2", "-o", dir.File("x.json")), "x.json", "names a file");
        CliRunner.AssertOneLineError(CliRunner.InProcess("slurm", "analyze", dir.File("missing.onnx"), "--tasks", "2", "-o", dir.File("out")), "missing.onnx", "no such file");
        CliRunner.AssertOneLineError(CliRunner.InProcess("slurm", "analyze", model, "--data", dir.File("nowhere"), "--tasks", "2", "-o", dir.File("out")), "nowhere", "no such file");
        Assert.Equal(["m.onnx"], dir.Files());
    }

    [Fact]
    public void PartsOfAnotherSplitInTheFolderAreRefused()
    {
        using var dir = new TempDir();
        string model = dir.Write("m.onnx", [1]);
        dir.Write("out/part-0001-of-0003.json", [1]);
        var r = CliRunner.InProcess("slurm", "analyze", model, "-o", dir.File("out"), "--tasks", "4");
        CliRunner.AssertOneLineError(r, dir.File("out"), "another split");
        Assert.Equal(["m.onnx", Path.Combine("out", "part-0001-of-0003.json")], dir.Files());
        // The same split's parts are the tasks' own to replace.
        Assert.Equal(0, CliRunner.InProcess("slurm", "analyze", model, "-o", dir.File("out"), "--tasks", "3").ExitCode);
    }

    private static SlurmJob Job(TempDir dir)
    {
        string model = dir.Write("m.onnx", [1]);
        var run = ShardedRunParser.Parse("analyze", [model, "-o", dir.File("out")]);
        return new SlurmJob(run, 4, 1, [], Printf, dir.File("out"));
    }

    [Fact]
    public void SubmitQueuesTheSummaryAfterTheTasks()
    {
        using var dir = new TempDir();
        var job = Job(dir);
        string log = dir.File("sbatch.log");
        string sbatch = dir.Write("sbatch", System.Text.Encoding.UTF8.GetBytes($"#!/bin/sh\necho \"$@\" >> {log}\necho \"$((40 + $(wc -l < {log})));cluster\"\n"));
        File.SetUnixFileMode(sbatch, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var output = new StringWriter();
        Assert.Equal(0, SlurmCommand.Execute(job, submit: true, output, sbatch));
        Assert.Equal([$"--parsable {job.TasksScript}", $"--parsable --dependency=afterok:41 {job.SummaryScript}"], File.ReadAllLines(log));
        Assert.Contains("the 4 tasks as array job 41, the summary as job 42", output.ToString());
        Assert.Contains("squeue -j 41,42", output.ToString());
        Assert.Contains($"sbatch --parsable --array=K {job.TasksScript}", output.ToString());
    }

    [Fact]
    public void SbatchMissingOrRefusingIsOneLineWithItsMessage()
    {
        using var dir = new TempDir();
        var job = Job(dir);
        string refusing = dir.Write("sbatch", "#!/bin/sh\necho 'sbatch: error: Batch job submission failed: Invalid partition name specified' >&2\nexit 1\n"u8.ToArray());
        File.SetUnixFileMode(refusing, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        foreach (var (sbatch, message) in new[] { (refusing, "Invalid partition name specified"), (dir.File("no", "sbatch"), "cannot be run") })
        {
            var exception = Assert.Throws<LayerEntropyException>(() => SlurmCommand.Execute(job, submit: true, TextWriter.Null, sbatch));
            var error = new StringWriter();
            Assert.Equal(CliApp.BadInput, CliApp.Report(exception, error));
            CliRunner.AssertOneLineError(new CliRunner.Result(CliApp.BadInput, "", error.ToString()), job.TasksScript, message);
        }
    }

    [Fact]
    public void TheDefaultInvocationStartsThisLayerentropy()
    {
        string invocation = LayerEntropyInvocation.Current();
        Assert.EndsWith(Path.Combine(AppContext.BaseDirectory, "LayerEntropy.Cli.dll"), invocation);
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"{invocation} merge --help");
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
        Assert.Contains("--no-report", output);
    }

    [Theory]
    [InlineData("plain/path-1.onnx", "plain/path-1.onnx")]
    [InlineData("a b", "'a b'")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("", "''")]
    [InlineData("$HOME", "'$HOME'")]
    public void ShellWordsAreQuotedOnlyWhereNeeded(string word, string quoted) => Assert.Equal(quoted, ShellQuote.Word(word));
}
