namespace LayerEntropy.Data;

/// <summary>
/// Names for files being written: beside their final place (so the rename is atomic on one file system)
/// and unique (so two processes filling the same cache never write into one file).
/// </summary>
internal static class TempFiles
{
    public static string Beside(string finalPath) => $"{finalPath}.{Guid.NewGuid():N}.part";
}
