
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
        FileFailure.Guard(path, $"write {what}", () => Write(path, write));
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
    /// Replaces several files as one set: every content is written in full to its temporary file before any target is
    /// touched, so a failure or a cancellation while writing (disk full, a bad value, a signal) changes nothing. Then a
    /// journal naming each temporary file and its target (<see cref="JournalName"/>, in the folder of the last target)
    /// is written, the renames run in the given order, and the journal goes. A process killed among the renames leaves
    /// the journal, and <see cref="Recover"/> completes the set before the next write into that folder. Put last the
    /// file that readers take as the sign of a complete output.
    /// </summary>
    /// <param name="obsolete">Files of the earlier set that the new one has not: deleted after the renames, as part of the set.</param>
    public static void WriteAll(IReadOnlyList<(string Path, Action<Stream> Write)> files, CancellationToken cancel = default, IReadOnlyList<string>? obsolete = null)
    {
        obsolete ??= [];
        var staged = new List<(string Temp, string Target)>(files.Count);
        string? journal = null;
        try
        {
            StageAll(files, staged, cancel);
            cancel.ThrowIfCancellationRequested();
            using (CommitGate.Enter())
            {
                journal = staged.Count + obsolete.Count > 1 ? WriteJournal(staged, obsolete) : null;
                foreach (var (temp, target) in staged) File.Move(temp, target, overwrite: true);
                foreach (string path in obsolete) File.Delete(path);
                if (journal is not null) File.Delete(journal);
            }
        }
        catch
        {
            // Temporary files already renamed are gone, and deleting a missing file is not an error; a missing folder
            // (the very failure being reported, perhaps) must not hide the real cause.
            foreach (var (temp, _) in staged)
                if (Directory.Exists(Path.GetDirectoryName(temp))) File.Delete(temp);
            if (journal is not null && File.Exists(journal)) File.Delete(journal);
            throw;
        }
    }

    /// <summary>
    /// Writes each file in full to its temporary file beside the target, adding (temporary, target) to
    /// <paramref name="staged"/> as it goes, so that the caller can delete what was staged when this fails.
    /// </summary>
    internal static void StageAll(IReadOnlyList<(string Path, Action<Stream> Write)> files, List<(string Temp, string Target)> staged, CancellationToken cancel)
    {
        foreach (var (path, write) in files)
        {
            cancel.ThrowIfCancellationRequested();
            string target = Path.GetFullPath(path);
            string temp = TempFor(target);
            staged.Add((temp, target));
            Stage(temp, write);
        }
    }

    /// <summary>The journal of a set of renames in progress, in the folder of the set's last target.</summary>
    public const string JournalName = ".layerentropy-commit";

    /// <summary>
    /// Brings <paramref name="folder"/> to a complete state after a run killed while writing into it: a set whose
    /// renames were cut short (its journal still there) is completed, and temporary files of writes that never reached
    /// their renames are deleted, here and in the folders below it. Only while no other process writes there
    /// (<see cref="OutputLock"/>).
    /// </summary>
    public static void Recover(string folder)
    {
        string full = Path.GetFullPath(folder);
        if (!Directory.Exists(full)) return;
        string journal = Path.Combine(full, JournalName);
        if (File.Exists(journal))
        {
            foreach (string line in File.ReadAllLines(journal))
            {
                string[] pair = line.Split('\t');
                if (pair.Length != 2 || pair[1].Length == 0) continue;
                string target = Path.GetFullPath(Path.Combine(full, pair[1]));
                if (pair[0].Length == 0) File.Delete(target);
                else if (Path.GetFullPath(Path.Combine(full, pair[0])) is var temp && File.Exists(temp)) File.Move(temp, target, overwrite: true);
            }
            File.Delete(journal);
        }
        foreach (string dir in (string[])[full, .. Directory.EnumerateDirectories(full)])
            foreach (string temp in Directory.EnumerateFiles(dir, ".*.tmp"))
                if (IsTemp(Path.GetFileName(temp)))
                {
                    try { File.Delete(temp); }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
                }
    }

    /// <summary>
    /// Writes the journal of <paramref name="staged"/> and <paramref name="obsolete"/> (atomically, itself) in the folder of
    /// the last target; returns its path. A line per file, relative to that folder: "TEMP\tTARGET" for a rename,
    /// "\tPATH" for a deletion.
    /// </summary>
    internal static string WriteJournal(List<(string Temp, string Target)> staged, IReadOnlyList<string> obsolete)
    {
        string folder = Path.GetDirectoryName(staged.Count > 0 ? staged[^1].Target : Path.GetFullPath(obsolete[^1]))!;
        string journal = Path.Combine(folder, JournalName);
        var text = new System.Text.StringBuilder();
        foreach (var (temp, target) in staged)
            text.Append(Path.GetRelativePath(folder, temp)).Append('\t').Append(Path.GetRelativePath(folder, target)).Append('\n');
        foreach (string path in obsolete)
            text.Append('\t').Append(Path.GetRelativePath(folder, Path.GetFullPath(path))).Append('\n');
        string staging = TempFor(journal);
        Stage(staging, s => s.Write(System.Text.Encoding.UTF8.GetBytes(text.ToString())));
        File.Move(staging, journal, overwrite: true);
        return journal;
    }

    /// <summary>Whether <paramref name="name"/> is a temporary file's name as <see cref="TempFor"/> makes them.</summary>
    private static bool IsTemp(string name)
    {
        if (!name.StartsWith('.') || !name.EndsWith(".tmp", StringComparison.Ordinal)) return false;
        string stem = name[..^4];
        int dot = stem.LastIndexOf('.');
        return dot > 0 && stem.Length - dot - 1 == 32 && stem[(dot + 1)..].All(char.IsAsciiHexDigitLower);
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
