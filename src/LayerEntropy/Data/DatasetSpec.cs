namespace LayerEntropy.Data;

internal enum DatasetFormat
{
    /// <summary>An IDX image file and an IDX label file per split.</summary>
    Idx,

    /// <summary>One or more CIFAR-10 binary batch files per split.</summary>
    Cifar10Binary,
}

/// <summary>
/// One file of a dataset as published: its canonical name, size, and SHA-256 where one is known; <paramref name="Raw"/>
/// describes its decompressed form (a gunzipped IDX file), which the catalog accepts in its place.
/// </summary>
internal sealed record DataFileSpec(string Name, long Length, string? Sha256 = null, DataFileSpec? Raw = null)
{
    /// <summary>The copy in <paramref name="dir"/>: the published file if present, else its decompressed form if present, else the published name (missing).</summary>
    public (string Path, DataFileSpec Spec) In(string dir)
    {
        string path = System.IO.Path.Combine(dir, Name);
        if (File.Exists(path) || Raw is null) return (path, this);
        string raw = System.IO.Path.Combine(dir, Raw.Name);
        return File.Exists(raw) ? (raw, Raw) : (path, this);
    }

    public bool IsIn(string dir) => File.Exists(In(dir).Path);
}

/// <summary>A published archive that holds a dataset's files under <paramref name="MemberFolder"/>.</summary>
internal sealed record ArchiveSpec(string Name, long Length, string Md5, string MemberFolder);

/// <summary>
/// What the catalog knows about one dataset: names, where its files live under a data root
/// (<see cref="Folders"/>, the first one is where downloads go), the files of each split, and where to download them:
/// each file from <see cref="BaseUrl"/> + its name, or the whole <see cref="Archive"/> from <see cref="BaseUrl"/> + the archive's name.
/// </summary>
internal sealed record DatasetSpec(
    string Name,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> Folders,
    DatasetFormat Format,
    IReadOnlyList<string> ClassNames,
    IReadOnlyList<DataFileSpec> TrainFiles,
    IReadOnlyList<DataFileSpec> TestFiles,
    Uri BaseUrl,
    ArchiveSpec? Archive = null)
{
    public IReadOnlyList<DataFileSpec> Files(DatasetSplit split) => split == DatasetSplit.Train ? TrainFiles : TestFiles;

    public IEnumerable<DataFileSpec> AllFiles => TrainFiles.Concat(TestFiles);

    public bool IsCalled(string name) =>
        string.Equals(name, Name, StringComparison.OrdinalIgnoreCase) ||
        Aliases.Any(a => string.Equals(name, a, StringComparison.OrdinalIgnoreCase));
}
