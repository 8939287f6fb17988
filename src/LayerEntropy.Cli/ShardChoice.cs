using System.Collections;
using System.Globalization;

namespace LayerEntropy.Cli;

/// <summary>
/// `--shard`: which part of n this process takes. `i/n` names it (1 ≤ i ≤ n); `auto` reads a Slurm array task's
/// SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN, SLURM_ARRAY_TASK_STEP and SLURM_ARRAY_TASK_COUNT; `auto/n` also reads
/// Kubernetes' JOB_COMPLETION_INDEX (0 to n−1) of an Indexed Job, whose count the job does not export.
/// </summary>
internal static class ShardChoice
{
    private const string Usage = "--shard takes i/n with 1 ≤ i ≤ n (e.g. 1/4), auto (a Slurm array task) or auto/n (a Slurm array or a Kubernetes Indexed Job of n)";

    /// <summary>The part (index from 0) and the count, or null without --shard.</summary>
    public static (int Index, int Count)? Resolve(string? text) => Resolve(text, Environment.GetEnvironmentVariables());

    /// <param name="environment">The variables to read for auto.</param>
    public static (int Index, int Count)? Resolve(string? text, IDictionary environment)
    {
        if (text is null) return null;
        text = text.Trim();
        if (text == "auto" || text.StartsWith("auto/", StringComparison.Ordinal))
        {
            int? given = text == "auto" ? null : Count(text[5..], text);
            return FromSlurm(environment, given) ?? FromKubernetes(environment, given)
                ?? throw new LayerEntropyException(given is null
                    ? "--shard auto found no SLURM_ARRAY_TASK_ID: run it as a Slurm array task (sbatch --array), or give auto/n in a Kubernetes Indexed Job, or i/n"
                    : "--shard auto/n found neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX: run it as an array task or an Indexed Job, or give i/n");
        }
        var parts = text.Split('/');
        if (parts.Length == 2 && Whole(parts[0]) is int i && Whole(parts[1]) is int n && n >= 1 && i >= 1 && i <= n) return (i - 1, n);
        throw new LayerEntropyException($"{Usage} (got '{text}')");
    }

    private static (int, int)? FromSlurm(IDictionary environment, int? given)
    {
        if (Variable(environment, "SLURM_ARRAY_TASK_ID") is not int id) return null;
        int min = Variable(environment, "SLURM_ARRAY_TASK_MIN") ?? 0;
        int step = Math.Max(1, Variable(environment, "SLURM_ARRAY_TASK_STEP") ?? 1);
        int count = Variable(environment, "SLURM_ARRAY_TASK_COUNT") ?? given
            ?? throw new LayerEntropyException("--shard auto: SLURM_ARRAY_TASK_COUNT is not set; give the count as auto/n");
        if (given is int n && n != count)
            throw new LayerEntropyException($"--shard auto/{n}: the Slurm array has {count} tasks (SLURM_ARRAY_TASK_COUNT)");
        if (id < min || (id - min) % step != 0 || (id - min) / step >= count)
            throw new LayerEntropyException($"--shard auto: task {id} is not one of the {count} tasks from {min} in steps of {step} (SLURM_ARRAY_TASK_ID, _MIN, _STEP, _COUNT)");
        return ((id - min) / step, count);
    }

    private static (int, int)? FromKubernetes(IDictionary environment, int? given)
    {
        if (Variable(environment, "JOB_COMPLETION_INDEX") is not int index) return null;
        int count = given ?? throw new LayerEntropyException("--shard auto: a Kubernetes Indexed Job does not export its completion count; give it as auto/n");
        if (index >= count)
            throw new LayerEntropyException($"--shard auto/{count}: JOB_COMPLETION_INDEX is {index}, past the {count} parts (0 to {count - 1})");
        return (index, count);
    }

    private static int Count(string text, string whole) => Whole(text) is int n && n >= 1 ? n : throw new LayerEntropyException($"{Usage} (got '{whole}')");

    private static int? Variable(IDictionary environment, string name)
    {
        if (environment[name] is not string value || value.Length == 0) return null;
        return Whole(value) ?? throw new LayerEntropyException($"--shard auto: {name} is '{value}', not a whole number");
    }

    private static int? Whole(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value : null;
}
