using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace LayerEntropy.Cli.Slurm;

/// <summary>
/// The text of a sharded run's two batch scripts: an array of N tasks, task K running shard K/N into the output
/// folder, and a summary job (for analyze, `merge`; for sweep and dynamics, the same command without --shard,
/// which finds every cell done and writes the summary).
/// </summary>
internal static partial class SlurmScripts
{
    public static string Tasks(SlurmJob job)
    {
        var run = job.Run;
        var text = Header(job, summary: false);
        text.AppendLine(Invariant($"# Task K of the array runs part K of {job.Tasks} of `layerentropy {run.Command}` into {run.Output}."));
        text.AppendLine(Invariant($"# A task that failed runs again alone: sbatch --array=K {job.TasksScript}"));
        text.AppendLine(Invariant($"exec {job.Invocation} {run.Command} {Words(job)} --shard \"${{SLURM_ARRAY_TASK_ID}}/{job.Tasks}\""));
        return text.ToString();
    }

    public static string Summary(SlurmJob job)
    {
        var run = job.Run;
        var text = Header(job, summary: true);
        if (run.Command == "analyze")
        {
            text.AppendLine(Invariant($"# Merges the {job.Tasks} parts in {run.Output} into analysis.json there, once every task has ended well."));
            text.AppendLine(Invariant($"exec {job.Invocation} merge {ShellQuote.Word(run.Output)}{(run.SummaryOptions.Count > 0 ? " " + ShellQuote.Words(run.SummaryOptions) : "")}"));
        }
        else
        {
            text.AppendLine(Invariant($"# The same {run.Command} without --shard: it finds every task's cells done in {run.Output} and writes the summary."));
            text.AppendLine(Invariant($"exec {job.Invocation} {run.Command} {Words(job)}"));
        }
        return text.ToString();
    }

    /// <summary>The sbatch option as a directive takes it: --name=value (a bare name=value gets its dashes).</summary>
    public static string Directive(string option)
    {
        string o = option.Trim();
        if (o.Length == 0 || o.Contains('\n') || o.Contains('\r'))
            throw new LayerEntropyException($"--sbatch-option '{option.ReplaceLineEndings(" ")}': give one sbatch option, e.g. --sbatch-option=--partition=gpu");
        return o.StartsWith('-') ? o : "--" + o;
    }

    /// <summary>A job name Slurm shows in squeue: the command and the output folder's name.</summary>
    public static string JobName(ShardedRun run) => $"layerentropy-{run.Command}-{Unsafe().Replace(Path.GetFileName(run.Output.TrimEnd('/')), "_")}";

    private static StringBuilder Header(SlurmJob job, bool summary)
    {
        var run = job.Run;
        var text = new StringBuilder();
        text.AppendLine("#!/bin/bash");
        text.AppendLine(Invariant($"#SBATCH --job-name={JobName(run)}{(summary ? "-summary" : "")}"));
        if (!summary) text.AppendLine(Invariant($"#SBATCH --array=1-{job.Tasks}"));
        text.AppendLine(Invariant($"#SBATCH --cpus-per-task={job.CpusPerTask}"));
        text.AppendLine(summary
            ? $"#SBATCH --output={Path.Combine(job.Logs, $"{run.Command}-summary-%j.out")}"
            : $"#SBATCH --output={Path.Combine(job.Logs, $"{run.Command}-task-%A_%a.out")}");
        foreach (var option in job.SbatchOptions) text.AppendLine($"#SBATCH {Directive(option)}");
        string version = LayerEntropyInvocation.Version();
        text.AppendLine($"# Written by layerentropy slurm{(version.Length > 0 ? " " + version : "")}.");
        return text;
    }

    /// <summary>The run's own words, then -o, then --threads where the user left it to the cores (a node's, not the task's).</summary>
    private static string Words(SlurmJob job)
    {
        var words = new List<string>(job.Run.Arguments) { "-o", job.Run.Output };
        if (!job.Run.Threads) words.AddRange(["--threads", job.CpusPerTask.ToString(CultureInfo.InvariantCulture)]);
        return ShellQuote.Words(words);
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex Unsafe();
}
