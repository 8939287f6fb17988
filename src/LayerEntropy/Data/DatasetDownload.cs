using System.Security.Cryptography;

namespace LayerEntropy.Data;

/// <summary>
/// Puts a dataset's files into the cache: each missing file from its own URL, or every file out of the
/// published archive. Nothing reaches its final name before its checksum (or, with none published, its size)
/// has passed, so an interrupted or bad download leaves nothing behind that a later run would trust.
/// </summary>
internal static class DatasetDownload
{
    /// <summary>Downloads <paramref name="files"/> into <paramref name="target"/> (an archive is fetched whole and every file taken out of it).</summary>
    public static void Fill(DatasetSpec spec, IReadOnlyList<DataFileSpec> files, string cacheDir, string target, Downloader downloader)
    {
        if (spec.Archive is { } archive)
        {
            Uri url = new(spec.BaseUrl, archive.Name);
            string final = Path.Combine(cacheDir, archive.Name);
            WithTemp(url, final, temp =>
            {
                downloader.Fetch(url, temp, final, archive.Length, HashAlgorithmName.MD5, archive.Md5);
                ArchiveExtractor.Extract(temp, url.ToString(), archive, spec.AllFiles.ToArray(), target);
            });
            return;
        }

        foreach (DataFileSpec file in files)
        {
            Uri url = new(spec.BaseUrl, file.Name);
            string final = Path.Combine(target, file.Name);
            WithTemp(url, final, temp =>
            {
                downloader.Fetch(url, temp, final, file.Length, HashAlgorithmName.SHA256, file.Sha256);
                File.Move(temp, final, overwrite: true);
            });
        }
    }

    private static void WithTemp(Uri url, string final, Action<string> fill)
    {
        string temp = TempFiles.Beside(final);
        string folder = Path.GetDirectoryName(final)!;
        bool created = !Directory.Exists(folder);
        try
        {
            Directory.CreateDirectory(folder);
            fill(temp);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new Downloader.FailedException(url, e.Message, e);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
            // A failed download leaves no empty folder of its own making behind.
            if (created && Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any()) Directory.Delete(folder);
        }
    }
}
