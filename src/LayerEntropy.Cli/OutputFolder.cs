namespace LayerEntropy.Cli;

/// <summary>
/// Checks, before any work, that an output folder can be written: a read-only file system or a folder without
/// permission is then one line naming it, not a failure after the run. Nothing is created.
/// </summary>
internal static class OutputFolder
{
    /// <param name="folder">The folder the command will write into (it need not exist yet).</param>
    public static void CheckWritable(string folder)
    {
        string full = Path.GetFullPath(folder);
        string existing = full;
        while (!Directory.Exists(existing))
        {
            if (File.Exists(existing))
                throw LayerEntropyException.ForFile(folder, existing == full ? "is a file, not a folder" : $"{existing} is a file, so the folder cannot be made");
            existing = Path.GetDirectoryName(existing) ?? throw LayerEntropyException.ForFile(folder, "no part of the path exists");
        }
        string probe = Path.Combine(existing, $".layerentropy-{Guid.NewGuid():N}.tmp");
        try
        {
            using var _ = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string why = e is UnauthorizedAccessException ? "permission denied" : e.Message;
            throw LayerEntropyException.ForFile(folder, $"cannot write there ({existing} is not writable: {why}); give another -o", e);
        }
    }
}
