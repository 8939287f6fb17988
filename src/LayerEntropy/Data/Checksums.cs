using System.Security.Cryptography;

namespace LayerEntropy.Data;

/// <summary>Hex digests of files, streamed so a large file is never held in memory.</summary>
internal static class Checksums
{
    public static string Sha256(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }

    public static string Label(HashAlgorithmName algorithm) =>
        algorithm == HashAlgorithmName.SHA256 ? "SHA-256" : algorithm.Name ?? "checksum";
}
