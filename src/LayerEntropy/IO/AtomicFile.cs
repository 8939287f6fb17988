namespace LayerEntropy.IO;

/// <summary>
/// Replaces a file all at once: the content goes to a temporary file in the same folder, which is then
/// renamed over the target. A crash or an exception part-way leaves the old file as it was, and the
/// rename stays on one volume, where it is atomic.
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, Action<Stream> write) => WriteAll([(path, write)]);

    /// <summary>
    /// As <see cref="Write(string, Action{Stream})"/>, for a command's output: a file that cannot be written fails
    /// with one line, "PATH: cannot write WHAT: the reason".
    /// </summary>
    public static void Write(string path, Action<Stream> write, string what)
    {
        try
        {
            Write(path, write);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw LayerEntropyException.ForFile(path, $"cannot write {what}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Writes a new file only where none is at <paramref name="path"/>, in full before it takes the name, so that of
    /// processes racing for the path exactly one creates it (<see cref="ExclusiveFile"/>): true when this call created
    /// it, false when a file was there first (left as it is).
    /// </summary>
    public static bool TryCreate(string path, Action<Stream> write)
    {
        string target = Path.GetFullPath(path);
        string temp = TempFor(target);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            Stage(temp, write);
            return ExclusiveFile.TryPlace(temp, target);
        }
        finally
        {
            if (Directory.Exists(Path.GetDirectoryName(temp))) File.Delete(temp);
        }
    }

    /// <summary>
    /// Deletes the temporary files of <paramref name="path"/> that a run killed while writing it left behind
    /// (".NAME.*.tmp" beside it). Only for a target one process writes at a time.
    /// </summary>
    public static void RemoveLeftovers(string path)
    {
        string target = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(target) ?? ".";
        if (!Directory.Exists(folder)) return;
        foreach (string temp in Directory.EnumerateFiles(folder, Path.GetFileName(TempFor(target, "*"))))
        {
            try { File.Delete(temp); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }

    /// <summary>
    /// Replaces several files: every content is written in full to its temporary file before any target is
    /// touched, so a failure while writing (disk full, a bad value) changes nothing. The renames then run in the
    /// given order; put last the file that readers take as the sign of a complete output, because a rename that
    /// fails stops the rest and leaves those targets as they were.
    /// </summary>
    public static void WriteAll(IReadOnlyList<(string Path, Action<Stream> Write)> files)
    {
        var staged = new List<(string Temp, string Target)>(files.Count);
        try
        {
            foreach (var (path, write) in files)
            {
                string target = Path.GetFullPath(path);
                string temp = TempFor(target);
                staged.Add((temp, target));
                Stage(temp, write);
            }
            foreach (var (temp, target) in staged) File.Move(temp, target, overwrite: true);
        }
        catch
        {
            // Temporary files already renamed are gone, and deleting a missing file is not an error; a missing folder
            // (the very failure being reported, perhaps) must not hide the real cause.
            foreach (var (temp, _) in staged)
                if (Directory.Exists(Path.GetDirectoryName(temp))) File.Delete(temp);
            throw;
        }
    }

    /// <summary>The temporary file a write of <paramref name="target"/> goes to first: ".NAME.ID.tmp" beside it.</summary>
    private static string TempFor(string target, string? id = null) =>
        Path.Combine(Path.GetDirectoryName(target) ?? ".", $".{Path.GetFileName(target)}.{id ?? Guid.NewGuid().ToString("N")}.tmp");

    private static void Stage(string temp, Action<Stream> write)
    {
        using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        write(stream);
        stream.Flush(flushToDisk: true);
    }
}
