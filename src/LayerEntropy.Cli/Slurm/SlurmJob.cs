namespace LayerEntropy.Cli.Slurm;

/// <summary>What the two job scripts of a sharded run hold.</summary>
/// <param name="Run">The command to shard.</param>
/// <param name="Tasks">N: the array's tasks, one shard each.</param>
/// <param name="CpusPerTask">Slurm's --cpus-per-task, and the run's --threads unless the user gave it.</param>
/// <param name="SbatchOptions">More sbatch options for both scripts (e.g. --partition=gpu, --time=2:00:00).</param>
/// <param name="Invocation">The shell words that start layerentropy on a node.</param>
/// <param name="Folder">The absolute folder of the scripts; their logs go into its logs/.</param>
internal sealed record SlurmJob(ShardedRun Run, int Tasks, int CpusPerTask, IReadOnlyList<string> SbatchOptions, string Invocation, string Folder)
{
    public string TasksScript => Path.Combine(Folder, $"{Run.Command}-tasks.sbatch");

    public string SummaryScript => Path.Combine(Folder, $"{Run.Command}-summary.sbatch");

    public string Logs => Path.Combine(Folder, "logs");
}
