namespace LayerEntropy.Cli.Slurm;

/// <summary>
/// A command to run as an array of shards, checked by the command's own parser: its options with every path made
/// absolute (jobs start in another folder), and the output folder apart, for the scripts to put after them.
/// </summary>
/// <param name="Command">analyze, sweep or dynamics.</param>
/// <param name="Arguments">The command's arguments and options as given, paths absolute, without -o.</param>
/// <param name="Output">The absolute output folder: the parts' folder for analyze, the run's folder for sweep and dynamics.</param>
/// <param name="SummaryOptions">For analyze, the options of the user's that `merge` takes too (--no-report, --json, --quiet, --all-tables).</param>
/// <param name="Threads">Whether the user gave --threads.</param>
internal sealed record ShardedRun(string Command, IReadOnlyList<string> Arguments, string Output, IReadOnlyList<string> SummaryOptions, bool Threads);
