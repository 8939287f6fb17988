using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace LayerEntropy.Tests.Data;

internal static class Archives
{
    public static byte[] TarGz(IEnumerable<(string Name, byte[] Data)> entries)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
            foreach (var (name, data) in entries)
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) });
        return output.ToArray();
    }

    public static string Md5(byte[] data) => Convert.ToHexStringLower(MD5.HashData(data));
}
