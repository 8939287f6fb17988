namespace LayerEntropy.Data;

/// <summary>
/// Where one known dataset is, as <see cref="DatasetCatalog.Survey"/> found it: the folder it is in
/// (null when no searched folder holds any of its files), every folder searched in order, each file's state,
/// and where it would be downloaded from.
/// </summary>
public sealed record DatasetStatus(
    string Name,
    string? Folder,
    IReadOnlyList<string> Searched,
    IReadOnlyList<FileStatus> Files,
    Uri DownloadUrl)
{
    /// <summary>Every file is present and passes its check.</summary>
    public bool IsReady => Files.All(f => f.Check is FileCheck.Ok or FileCheck.SizeOnly);
}
