namespace LayerEntropy.Mutation;

/// <summary>An output folder's files and bytes as an earlier run left them: checked after each case and put back.</summary>
internal sealed class OutputFolder
{
    private readonly string folder;
    private readonly Dictionary<string, byte[]> files;

    public OutputFolder(string folder)
    {
        this.folder = folder;
        files = List().ToDictionary(f => f, f => File.ReadAllBytes(Path.Combine(folder, f)), StringComparer.Ordinal);
        if (files.Count == 0) throw new InvalidOperationException($"{folder}: the earlier run wrote nothing");
    }

    /// <summary>
    /// Null when the folder holds the earlier output byte for byte or, where <paramref name="replaced"/>, a complete new
    /// set (every file of the earlier set, new ones such as a wide tap's arrays allowed, no temporary or hidden file);
    /// else what differs.
    /// </summary>
    public string? Check(bool replaced)
    {
        string[] now = List();
        var missing = files.Keys.Except(now).ToArray();
        var extra = now.Except(files.Keys).ToArray();
        if (replaced)
        {
            var stray = extra.Where(f => Path.GetFileName(f).StartsWith('.') || f.Contains(".tmp", StringComparison.OrdinalIgnoreCase)).ToArray();
            return missing.Length == 0 && stray.Length == 0 ? null
                : $"output folder {folder}: missing [{string.Join(", ", missing)}], temporary [{string.Join(", ", stray)}] after a success";
        }
        if (missing.Length > 0 || extra.Length > 0)
            return $"output folder {folder}: missing [{string.Join(", ", missing)}], extra [{string.Join(", ", extra)}] after a failure";
        var changed = now.Where(f => !File.ReadAllBytes(Path.Combine(folder, f)).AsSpan().SequenceEqual(files[f])).ToArray();
        return changed.Length == 0 ? null : $"output folder {folder}: changed [{string.Join(", ", changed)}] by a failed run";
    }

    /// <summary>Puts the earlier output back exactly: removes anything new, rewrites what differs.</summary>
    public void Restore()
    {
        foreach (string f in List().Where(f => !files.ContainsKey(f))) File.Delete(Path.Combine(folder, f));
        foreach (var (name, bytes) in files)
        {
            string path = Path.Combine(folder, name);
            if (!File.Exists(path) || !File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, bytes);
            }
        }
    }

    private string[] List() => Directory.Exists(folder)
        ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)).Order(StringComparer.Ordinal).ToArray()
        : [];
}
