using System.Globalization;
using LayerEntropy.Analysis;

namespace LayerEntropy.Cli;

/// <summary>
/// The parts `merge` reads: each argument a part file or a folder of them (every part-*.json inside), checked to be
/// one whole set (shards 1..n of one n, each once) and put in shard order, so any order of the files gives the same bytes.
/// </summary>
internal static class MergeParts
{
    public static IReadOnlyList<AnalysisPart> Load(IReadOnlyList<string> arguments)
    {
        var files = new List<string>();
        foreach (var argument in arguments)
        {
            if (Directory.Exists(argument))
            {
                var found = Directory.GetFiles(argument, "part-*.json").Order(StringComparer.Ordinal).ToArray();
                if (found.Length == 0) throw new LayerEntropyException($"{argument}: no part-*.json in the folder (analyze --shard i/n -o {argument} writes them)");
                files.AddRange(found);
            }
            else if (File.Exists(argument)) files.Add(argument);
            else throw new LayerEntropyException($"{argument}: no such file or folder");
        }
        var parts = files.Select(f => (File: f, Part: AnalysisPartFile.Load(f), Shard: default((int Index, int Count)))).ToArray();
        for (int i = 0; i < parts.Length; i++) parts[i].Shard = Shard(parts[i].File, parts[i].Part);
        int count = parts[0].Shard.Count;
        if (parts.FirstOrDefault(p => p.Shard.Count != count) is { File: not null } other)
            throw new LayerEntropyException($"{other.File} is shard {other.Part.Manifest.Shard} but {parts[0].File} is shard {parts[0].Part.Manifest.Shard}: the parts come from different splits");
        var twice = parts.GroupBy(p => p.Shard.Index).Where(g => g.Count() > 1).ToArray();
        if (twice.Length > 0)
            throw new LayerEntropyException("duplicated shards: " + string.Join("; ", twice.Select(g => $"{g.Key + 1}/{count} in {string.Join(", ", g.Select(p => p.File))}")));
        var missing = Enumerable.Range(0, count).Except(parts.Select(p => p.Shard.Index)).ToArray();
        if (missing.Length > 0)
            throw new LayerEntropyException($"missing shards {string.Join(", ", missing.Select(i => $"{i + 1}/{count}"))} of {string.Join(", ", arguments)}");
        return [.. parts.OrderBy(p => p.Shard.Index).Select(p => p.Part)];
    }

    private static (int Index, int Count) Shard(string file, AnalysisPart part)
    {
        var fields = part.Manifest.Shard?.Split('/');
        if (fields is [var i, var n] && int.TryParse(i, NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            && int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out int count) && count >= 1 && index >= 1 && index <= count)
            return (index - 1, count);
        throw new LayerEntropyException($"{file}: manifest.shard is '{part.Manifest.Shard}', not i/n with 1 ≤ i ≤ n");
    }
}
