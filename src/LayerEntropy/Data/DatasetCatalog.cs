using System.Collections.Concurrent;

namespace LayerEntropy.Data;

/// <summary>
/// Finds the known datasets (mnist, fashion-mnist, cifar10) on disk, downloading one into the user cache
/// when no searched folder has it. Data roots are searched in order: the folder given to the constructor,
/// then $LAYERENTROPY_DATA, then the cache ($XDG_CACHE_HOME/layerentropy, else ~/.cache/layerentropy);
/// under a root a dataset lives in <c>mnist/</c>, <c>fashion-mnist/</c> or <c>cifar-10-batches-bin/</c>
/// (also <c>cifar10/cifar-10-batches-bin/</c>).
/// <para>
/// Checking: <see cref="Load"/> always checks each file's size (free, and catches a truncated copy with a clear
/// message); it hashes only when asked (<c>verify: true</c>), because hashing Fashion-MNIST on every run costs
/// more than it finds. Downloads are always hashed as they arrive, and <see cref="Survey"/> always hashes.
/// A file that passed its hash is not hashed again by the same catalog while its size and time are unchanged.
/// </para>
/// </summary>
public sealed class DatasetCatalog
{
    /// <summary>The environment variable naming a data root.</summary>
    public const string DataVariable = "LAYERENTROPY_DATA";

    private readonly List<DatasetSpec> specs;

    // Files whose hash passed, keyed so that a replaced or rewritten file is hashed again. Concurrent because
    // loading the train and test splits on two threads from one catalog is reasonable.
    private readonly ConcurrentDictionary<(string Path, long Length, DateTime Time), bool> verified = new();

    /// <param name="dataDir">A data root searched first (the command line's --data-dir); it must exist.</param>
    public DatasetCatalog(string? dataDir = null)
        : this(dataDir, Environment.GetEnvironmentVariable(DataVariable), DefaultCacheDir(), KnownDatasets.All)
    {
        if (!string.IsNullOrEmpty(dataDir) && !Directory.Exists(dataDir))
            throw LayerEntropyException.ForFile(dataDir, "data folder not found");
    }

    internal DatasetCatalog(string? dataDir, string? envDir, string cacheDir, IEnumerable<DatasetSpec> datasets)
    {
        CacheDir = Path.GetFullPath(cacheDir);
        Roots = new[] { dataDir, envDir, CacheDir }
            .Where(d => !string.IsNullOrEmpty(d)).Select(d => Path.GetFullPath(d!)).Distinct().ToArray();
        specs = datasets.ToList();
    }

    /// <summary>The canonical names of the known datasets.</summary>
    public static IReadOnlyList<string> Names => KnownDatasets.All.Select(s => s.Name).ToArray();

    /// <summary>The data roots searched, in order; the last is the cache.</summary>
    public IReadOnlyList<string> Roots { get; }

    /// <summary>Where missing datasets are downloaded to.</summary>
    public string CacheDir { get; }

    /// <summary>When false, a dataset found nowhere is an error instead of a download.</summary>
    public bool AllowDownload { get; init; } = true;

    /// <summary>Longest wait for a connection or for the next bytes of a download.</summary>
    public TimeSpan DownloadTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Told about download progress (bytes so far), if set.</summary>
    public IProgress<DownloadProgress>? Progress { get; init; }

    /// <summary>Replaces where a dataset is downloaded from, e.g. a mirror or a local test server.</summary>
    internal void SetBaseUrl(string name, Uri baseUrl)
    {
        DatasetSpec spec = Spec(name);
        specs[specs.IndexOf(spec)] = spec with { BaseUrl = baseUrl };
    }

    /// <summary>Loads one split, downloading the dataset into the cache if no searched folder has it.</summary>
    /// <param name="name">A dataset name or alias (cifar-10, fashion), any case.</param>
    /// <param name="verify">Also compare each file's SHA-256 with the published one.</param>
    public Dataset Load(string name, DatasetSplit split, bool verify = false)
    {
        DatasetSpec spec = Spec(name);
        IReadOnlyList<DataFileSpec> files = spec.Files(split);
        string dir = FindFolder(spec, files) ?? Download(spec, files);
        var found = files.Select(f => f.In(dir)).ToArray();
        string[] paths = found.Select(f => f.Path).ToArray();
        for (int i = 0; i < files.Count; i++)
        {
            FileStatus status = Check(paths[i], found[i].Spec, verify);
            if (status.Check == FileCheck.Mismatch) throw LayerEntropyException.ForFile(paths[i], status.Detail);
        }
        return spec.Format == DatasetFormat.Idx
            ? IdxReader.Read(paths[0], paths[1], spec.Name, split, spec.ClassNames)
            : Cifar10Reader.Read(paths, spec.Name, split);
    }

    /// <summary>
    /// The files one split is read from, by name, with the SHA-256 each was checked against (the published one), or
    /// "size-only" where none is published. Call after <see cref="Load"/> has found the dataset.
    /// </summary>
    public IReadOnlyDictionary<string, string> FileChecksums(string name, DatasetSplit split)
    {
        DatasetSpec spec = Spec(name);
        var files = spec.Files(split);
        string dir = FindFolder(spec, files) ?? throw LayerEntropyException.ForFile(spec.Name, "not found; load it first");
        return files.Select(f => f.In(dir).Spec).ToDictionary(f => f.Name, f => f.Sha256 ?? "size-only");
    }

    /// <summary>For each known dataset: where it was found and each file's state, with every present file hashed where a checksum is published.</summary>
    public IReadOnlyList<DatasetStatus> Survey() => specs.Select(spec =>
    {
        DataFileSpec[] files = spec.AllFiles.ToArray();
        string? dir = FindFolder(spec, files) ?? Candidates(spec).FirstOrDefault(d => files.Any(f => f.IsIn(d)));
        var states = files.Select(f => dir is null
            ? new FileStatus(f.Name, null, FileCheck.Missing, "missing")
            : Check(f.In(dir).Path, f.In(dir).Spec, verify: true)).ToArray();
        return new DatasetStatus(spec.Name, dir, Candidates(spec).ToArray(), states, DownloadUrl(spec, files[0]));
    }).ToArray();

    private DatasetSpec Spec(string name) =>
        specs.FirstOrDefault(s => s.IsCalled(name.Trim()))
        ?? throw new LayerEntropyException($"{name}: unknown dataset; known datasets are {string.Join(", ", specs.Select(s => s.Name))}");

    private IEnumerable<string> Candidates(DatasetSpec spec) =>
        Roots.SelectMany(root => spec.Folders.Select(folder => Path.Combine(root, folder)));

    private string? FindFolder(DatasetSpec spec, IEnumerable<DataFileSpec> files) =>
        Candidates(spec).FirstOrDefault(dir => files.All(f => f.IsIn(dir)));

    private static Uri DownloadUrl(DatasetSpec spec, DataFileSpec file) => new(spec.BaseUrl, spec.Archive?.Name ?? file.Name);

    private FileStatus Check(string path, DataFileSpec file, bool verify)
    {
        var info = new FileInfo(path);
        if (!info.Exists) return new(file.Name, path, FileCheck.Missing, "missing");
        if (info.Length != file.Length)
            return new(file.Name, path, FileCheck.Mismatch, $"size is {info.Length} bytes, expected {file.Length}: the file is incomplete or not the published one");
        if (file.Sha256 is null) return new(file.Name, path, FileCheck.SizeOnly, $"size ok ({file.Length} bytes); no published checksum");
        if (!verify) return new(file.Name, path, FileCheck.SizeOnly, $"size ok ({file.Length} bytes); SHA-256 not checked");

        var key = (info.FullName, info.Length, info.LastWriteTimeUtc);
        if (verified.ContainsKey(key)) return new(file.Name, path, FileCheck.Ok, "SHA-256 ok");
        string actual = FileErrors.Guard(path, () => Checksums.Sha256(path));
        if (actual != file.Sha256)
            return new(file.Name, path, FileCheck.Mismatch, $"SHA-256 is {actual}, expected {file.Sha256}: the file is damaged or not the published one");
        verified[key] = true;
        return new(file.Name, path, FileCheck.Ok, "SHA-256 ok");
    }

    /// <summary>Fetches what the split needs into the cache; returns the folder it is in.</summary>
    private string Download(DatasetSpec spec, IReadOnlyList<DataFileSpec> files)
    {
        if (!AllowDownload) throw NotFound(spec, DownloadUrl(spec, files[0]), "downloads are turned off");
        string target = Path.Combine(CacheDir, spec.Folders[0]);
        DataFileSpec[] fetched = files.Where(f => !f.IsIn(target)).ToArray();
        try
        {
            DatasetDownload.Fill(spec, fetched, CacheDir, target, new Downloader(DownloadTimeout, Progress));
        }
        catch (Downloader.FailedException e)
        {
            throw NotFound(spec, e.Url, e.Message, e);
        }

        // Each download was hashed as it arrived, so Load(verify: true) need not read it again.
        foreach (DataFileSpec file in fetched.Where(f => f.Sha256 is not null))
        {
            var info = new FileInfo(Path.Combine(target, file.Name));
            verified[(info.FullName, info.Length, info.LastWriteTimeUtc)] = true;
        }
        return target;
    }

    private LayerEntropyException NotFound(DatasetSpec spec, Uri url, string reason, Exception? inner = null) =>
        LayerEntropyException.ForFile(spec.Name,
            $"not found in {string.Join(", ", Candidates(spec))} and download from {url} failed: {reason}; " +
            $"put the files in one of those folders or set {DataVariable}", inner);

    internal static string DefaultCacheDir()
    {
        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)) return Path.Combine(xdg, "layerentropy");
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(string.IsNullOrEmpty(home) ? Path.GetTempPath() : Path.Combine(home, ".cache"), "layerentropy");
    }
}
