using LayerEntropy.Experiments;

namespace LayerEntropy.Cli;

/// <summary>What a shard of `sweep` or `dynamics` prints: each cell it made or reused, then what to run next.</summary>
internal static class ShardCells
{
    /// <returns>The exit code, 0.</returns>
    public static int Report(IReadOnlyList<ExperimentCell> cells, (int Index, int Count) shard, string folder, string summaryFile, TextWriter output, TextWriter error)
    {
        foreach (var cell in cells) output.WriteLine($"{cell.Name}: {(cell.Reused ? "complete already, reused" : "done")} ({cell.Folder})");
        error.WriteLine($"shard {shard.Index + 1}/{shard.Count}: {cells.Count} {(cells.Count == 1 ? "cell" : "cells")} in {folder}; once every shard has finished, run the same command without --shard to write {summaryFile}");
        return 0;
    }
}
