using System.CommandLine;
using LayerEntropy.Cli.Slurm;
using LayerEntropy.IO;

namespace LayerEntropy.Cli.Commands;

/// <summary>
/// `layerentropy slurm analyze|sweep|dynamics OPTIONS --tasks N`: the command's run as a Slurm array of N tasks,
/// one shard each, and a summary job after them; two scripts written, and with --submit, submitted.
/// </summary>
internal static class SlurmCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var slurm = new Command("slurm", "Run analyze, sweep or dynamics on a Slurm cluster: an array of N tasks, one shard each, then a job that merges them (writes, and with --submit submits, two batch scripts)");
        foreach (var name in ShardedRunParser.Commands) slurm.Add(Sub(name, output));
        return slurm;
    }

    private static Command Sub(string name, TextWriter output)
    {
        var tasks = new Option<int>("--tasks") { Description = "N: the array's tasks, each running one shard (--shard K/N)", Required = true };
        var submit = new Option<bool>("--submit") { Description = "Submit the scripts with sbatch: the tasks, then the summary once every task has ended well" };
        var folder = new Option<string?>("--slurm-dir") { Description = "Folder of the two scripts and their logs/ (default: the -o folder)" };
        var cpus = new Option<int>("--cpus-per-task") { Description = "CPUs of each job (and its --threads, unless given)", DefaultValueFactory = _ => 2 };
        var sbatchOptions = new Option<string[]>("--sbatch-option") { Description = "One more #SBATCH line for both scripts, e.g. --sbatch-option=--partition=gpu or --sbatch-option time=2:00:00; repeat it for more" };
        var invocation = new Option<string?>("--layerentropy") { Description = "The command that starts layerentropy on the nodes (default: this one, by its absolute path)" };
        var command = new Command(name, $"Write the Slurm scripts of a sharded {name}: give {name}'s own arguments and options as for {name} itself")
        {
            tasks, submit, folder, cpus, sbatchOptions, invocation,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, cancel) =>
        {
            var run = ShardedRunParser.Parse(name, parse.UnmatchedTokens);
            int n = parse.GetValue(tasks);
            if (n < 1) throw new LayerEntropyException($"--tasks must be at least 1 (got {n})");
            int c = parse.GetValue(cpus);
            if (c < 1) throw new LayerEntropyException($"--cpus-per-task must be at least 1 (got {c})");
            string? given = parse.GetValue(invocation);
            if (given is not null && given.Trim().Length == 0) throw new LayerEntropyException("--layerentropy is empty: give the command that starts layerentropy on the nodes");
            var job = new SlurmJob(run, n, c, [.. (parse.GetValue(sbatchOptions) ?? []).Select(SlurmScripts.Directive)],
                given?.Trim() ?? LayerEntropyInvocation.Current(), Path.GetFullPath(parse.GetValue(folder) ?? run.Output));
            return Task.FromResult(Execute(job, parse.GetValue(submit), output));
        });
        return command;
    }

    /// <param name="sbatch">The sbatch program --submit runs.</param>
    internal static int Execute(SlurmJob job, bool submit, TextWriter output, string sbatch = "sbatch")
    {
        if (job.Logs.Any(char.IsWhiteSpace) || job.Logs.Contains('"') || job.Logs.Contains('\''))
            throw LayerEntropyException.ForFile(job.Folder, "the scripts' folder cannot hold spaces or quotes: #SBATCH --output takes the logs' path bare (give --slurm-dir)");
        if (job.Run.Command == "analyze" && Directory.Exists(job.Run.Output))
        {
            string ours = $"-of-{job.Tasks:D4}.json";
            if (Directory.GetFiles(job.Run.Output, "part-*.json").Order(StringComparer.Ordinal).FirstOrDefault(f => !f.EndsWith(ours, StringComparison.Ordinal)) is { } other)
                throw LayerEntropyException.ForFile(job.Run.Output, $"holds {Path.GetFileName(other)}, a part of another split than {job.Tasks}, which merge would refuse: give a new -o, or remove the parts");
        }
        // Every task writes into the output folder and Slurm writes the logs: both exist before any job starts.
        Directory.CreateDirectory(job.Run.Output);
        Directory.CreateDirectory(job.Logs);
        foreach (var (path, text) in new[] { (job.TasksScript, SlurmScripts.Tasks(job)), (job.SummaryScript, SlurmScripts.Summary(job)) })
        {
            AtomicFile.Write(path, s => { using var w = new StreamWriter(s, leaveOpen: true); w.Write(text); }, "the Slurm script");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
        if (!submit)
        {
            output.WriteLine($"written: {job.TasksScript} (an array of {job.Tasks} tasks), {job.SummaryScript} (the summary)");
            output.WriteLine("submit them, the summary once every task has ended well:");
            output.WriteLine($"  jobid=$(sbatch --parsable {ShellQuote.Word(job.TasksScript)})");
            output.WriteLine($"  sbatch --dependency=afterok:$jobid {ShellQuote.Word(job.SummaryScript)}");
            output.WriteLine("(or run this again with --submit)");
            return 0;
        }
        var (tasks, summary) = SlurmSubmission.Submit(job, sbatch);
        output.WriteLine($"submitted: the {job.Tasks} tasks as array job {tasks}, the summary as job {summary} (it starts once every task has ended well)");
        output.WriteLine($"watch them: squeue -j {tasks},{summary}   afterwards: sacct -j {tasks},{summary} (where accounting is on)");
        output.WriteLine($"logs: {job.Logs}");
        output.WriteLine($"a task K that failed: scancel {summary}; jobid=$(sbatch --parsable --array=K {ShellQuote.Word(job.TasksScript)}); sbatch --dependency=afterok:$jobid {ShellQuote.Word(job.SummaryScript)}");
        return 0;
    }
}
