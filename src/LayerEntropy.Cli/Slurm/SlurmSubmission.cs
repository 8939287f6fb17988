using System.ComponentModel;
using System.Diagnostics;

namespace LayerEntropy.Cli.Slurm;

/// <summary>Submits a sharded run's scripts: the tasks, then the summary held until every task has ended well (afterok).</summary>
internal static class SlurmSubmission
{
    /// <param name="sbatch">The sbatch program to run.</param>
    /// <returns>The tasks' array job id and the summary's job id.</returns>
    /// <exception cref="LayerEntropyException">sbatch is missing or refuses a script: its message, on one line.</exception>
    public static (string Tasks, string Summary) Submit(SlurmJob job, string sbatch = "sbatch")
    {
        string tasks = Sbatch(sbatch, ["--parsable", job.TasksScript], job.TasksScript);
        string summary;
        try
        {
            summary = Sbatch(sbatch, ["--parsable", $"--dependency=afterok:{tasks}", job.SummaryScript], job.SummaryScript);
        }
        catch (LayerEntropyException e)
        {
            throw new LayerEntropyException($"{e.Message} (the tasks are job {tasks}: submit the summary after them with sbatch --dependency=afterok:{tasks} {job.SummaryScript}, or scancel {tasks})", e);
        }
        return (tasks, summary);
    }

    private static string Sbatch(string sbatch, IReadOnlyList<string> arguments, string script)
    {
        var start = new ProcessStartInfo(sbatch) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new LayerEntropyException($"{sbatch}: could not be started to submit {script}");
        }
        catch (Win32Exception e)
        {
            throw new LayerEntropyException($"{script}: cannot submit it: {sbatch} cannot be run ({e.Message}); run this where Slurm's sbatch is on PATH, or leave out --submit", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(120_000))
            {
                process.Kill(entireProcessTree: true);
                throw new LayerEntropyException($"{script}: {sbatch} did not answer in 120 s");
            }
            string said = OneLine(stderr.Result) is { Length: > 0 } e ? e : OneLine(stdout.Result);
            if (process.ExitCode != 0)
                throw new LayerEntropyException($"{script}: sbatch refused it (exit {process.ExitCode}): {(said.Length > 0 ? said : "no message")}");
            // --parsable prints "jobid" or "jobid;cluster".
            string id = stdout.Result.Trim().Split('\n')[^1].Split(';')[0].Trim();
            if (id.Length == 0 || !id.All(char.IsAsciiDigit))
                throw new LayerEntropyException($"{script}: sbatch --parsable printed '{OneLine(stdout.Result)}', not a job id");
            return id;
        }
    }

    private static string OneLine(string text) =>
        string.Join(" ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
