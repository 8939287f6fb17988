namespace LayerEntropy.IO;

/// <summary>
/// A folder made for files about to be written into it, removed again (when still empty) if the write fails: a failed
/// or interrupted run leaves no empty folder behind.
/// </summary>
internal sealed class NewFolder : IDisposable
{
    private readonly string? made;

    private NewFolder(string? made) => this.made = made;

    /// <summary>Makes <paramref name="folder"/> (and its parents) where it is missing; null makes nothing.</summary>
    public static NewFolder Make(string? folder)
    {
        if (folder is null || Directory.Exists(folder)) return new NewFolder(null);
        Directory.CreateDirectory(folder);
        return new NewFolder(Path.GetFullPath(folder));
    }

    public void Dispose()
    {
        if (made is null || Directory.EnumerateFileSystemEntries(made).Any()) return;
        try { Directory.Delete(made); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
