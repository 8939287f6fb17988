using Microsoft.Win32.SafeHandles;

namespace LayerEntropy.Data;

/// <summary>
/// Names for files being written: beside their final place (so the rename is atomic on one file system)
/// and unique (so two processes filling the same cache never write into one file).
/// </summary>
internal static class TempFiles
{
    public static string Beside(string finalPath) => $"{finalPath}.{Guid.NewGuid():N}.part";

    /// <summary>
    /// A temporary file for <paramref name="what"/>, open for reading and writing, with its name removed at once, so that
    /// nothing is left behind however the process ends (where an open file cannot be unlinked, it goes when closed).
    /// </summary>
    public static SafeFileHandle Unnamed(string what)
    {
        string path = Path.Combine(Path.GetTempPath(), $"layerentropy-{what}-{Guid.NewGuid():N}.tmp");
        var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // DeleteOnClose removes it when the handle is closed.
        }
        return handle;
    }
}
