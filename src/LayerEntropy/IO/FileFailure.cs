namespace LayerEntropy.IO;

/// <summary>
/// Turns the I/O exceptions of reading or writing a file (a full disk, a missing permission, a read-only file system)
/// into the one-line message the user sees: "PATH: cannot DOING: the reason".
/// </summary>
internal static class FileFailure
{
    /// <param name="doing">What was being done, after "cannot": "write the report", "read the training state".</param>
    /// <exception cref="LayerEntropyException"><paramref name="work"/> failed with an IOException or an UnauthorizedAccessException.</exception>
    public static void Guard(string path, string doing, Action work) => Guard(path, doing, () =>
    {
        work();
        return 0;
    });

    /// <inheritdoc cref="Guard(string, string, Action)"/>
    public static T Guard<T>(string path, string doing, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw LayerEntropyException.ForFile(path, $"cannot {doing}: {e.Message}", e);
        }
    }
}
