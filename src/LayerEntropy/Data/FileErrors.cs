namespace LayerEntropy.Data;

/// <summary>Turns the I/O exceptions of reading a data file into the one-line message the user sees.</summary>
internal static class FileErrors
{
    public static T Guard<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw LayerEntropyException.ForFile(path, "file not found", e);
        }
        catch (InvalidDataException e)
        {
            // GZipStream's own message ("unsupported compression method") is misleading for a damaged file.
            throw LayerEntropyException.ForFile(path, "corrupt gzip data (damaged compressed stream or wrong checksum)", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw LayerEntropyException.ForFile(path, $"cannot read: {e.Message}", e);
        }
    }
}
