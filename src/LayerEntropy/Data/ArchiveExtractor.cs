using System.Formats.Tar;
using System.IO.Compression;

namespace LayerEntropy.Data;

/// <summary>
/// Takes a dataset's files out of a verified .tar.gz archive. Only the files the catalog names are written,
/// each under its own name (never a path from the archive), to a temporary file first and then renamed.
/// </summary>
internal static class ArchiveExtractor
{
    public static void Extract(string archivePath, string shownArchive, ArchiveSpec archive, IReadOnlyList<DataFileSpec> files, string targetDir)
    {
        Directory.CreateDirectory(targetDir);
        var wanted = files.ToDictionary(f => $"{archive.MemberFolder}/{f.Name}", StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);

        using var gzip = new GZipStream(File.OpenRead(archivePath), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (done.Count < wanted.Count && tar.GetNextEntry() is { } entry)
        {
            string name = entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name;
            if (entry.DataStream is null || !wanted.TryGetValue(name, out DataFileSpec? file) || !done.Add(name)) continue;
            if (entry.Length != file.Length)
                throw LayerEntropyException.ForFile(shownArchive, $"{name} is {entry.Length} bytes, expected {file.Length}");

            string final = Path.Combine(targetDir, file.Name);
            string temp = TempFiles.Beside(final);
            try
            {
                using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
                    entry.DataStream.CopyTo(output);
                File.Move(temp, final, overwrite: true);
            }
            finally
            {
                File.Delete(temp);
            }
        }

        string? missing = wanted.Keys.FirstOrDefault(k => !done.Contains(k));
        if (missing is not null) throw LayerEntropyException.ForFile(shownArchive, $"archive has no {missing}");
    }
}
