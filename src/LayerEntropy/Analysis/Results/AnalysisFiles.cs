using System.Text;
using LayerEntropy.IO;

namespace LayerEntropy.Analysis;

/// <summary>
/// Replaces an analysis.json with the files that go with it: the .npy arrays it refers to
/// (<see cref="SidecarArrays"/>), any others given (measures.csv), and the JSON itself last. Every file is complete
/// on disk before any is replaced. The arrays go to a folder no earlier analysis.json refers to, so at every moment
/// the analysis.json in place and the arrays it names belong together: before the JSON is renamed, the old JSON
/// with its old arrays; after, the new with the new. Only then are the older arrays folders of that JSON removed.
/// </summary>
internal static class AnalysisFiles
{
    /// <exception cref="IOException">A file cannot be written; the analysis in place is left as it was.</exception>
    /// <exception cref="UnauthorizedAccessException">As for <see cref="IOException"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancel"/> fired before the renames; nothing was replaced.</exception>
    public static void Write(string jsonPath, string json, SidecarArrays arrays, IReadOnlyList<(string Path, Action<Stream> Write)> alongside,
        CancellationToken cancel = default, IReadOnlyList<string>? obsolete = null)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(jsonPath))!;
        string stem = Path.GetFileNameWithoutExtension(jsonPath);
        string? arraysFolder = arrays.Folder is null ? null : Path.Combine(folder, arrays.Folder);
        // An existing folder of the same name holds the same arrays (the name is their hash): it is rewritten in place.
        bool created = arraysFolder is not null && !Directory.Exists(arraysFolder);
        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        try
        {
            if (arraysFolder is not null) Directory.CreateDirectory(arraysFolder);
            AtomicFile.WriteAll([.. arrays.Files.Select(f => (Path.Combine(arraysFolder!, f.Name), f.Write)), .. alongside, (jsonPath, s => s.Write(utf8))], cancel, obsolete);
        }
        catch
        {
            if (created) TryDelete(arraysFolder!);
            throw;
        }
        foreach (string stale in Directory.EnumerateDirectories(folder, $"{stem}-arrays-*"))
        {
            string name = Path.GetFileName(stale);
            if (name != arrays.Folder && SidecarArrays.IsFolderOf(stem, name)) TryDelete(stale);
        }
    }

    /// <summary>
    /// Removes a folder of arrays no analysis.json refers to any longer. The analysis is complete without it, so a
    /// failure only leaves it taking space until the next write tries again.
    /// </summary>
    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
