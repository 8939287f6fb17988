using System.Runtime.InteropServices;

namespace LayerEntropy.Data;

/// <summary>
/// Reads data files only when they are regular files (after following links) and no larger than a bound: a FIFO
/// would block the reader forever, and a link to /dev/zero would fill memory.
/// </summary>
internal static partial class RegularFile
{
    private const int AtCurrentFolder = -100;
    private const uint StatxType = 0x1, StatxSize = 0x200;
    private const int ModeOffset = 28, SizeOffset = 40, StatxBytes = 256;

    /// <summary>The whole of <paramref name="path"/>, refused when it is not a regular file or holds more than <paramref name="maxBytes"/>.</summary>
    public static byte[] ReadAllBytes(string path, long maxBytes)
    {
        Check(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        long length = stream.Length;
        if (length > maxBytes) throw TooLarge(path, length, maxBytes);
        var bytes = new byte[length];
        int read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        // A file that grows while it is read is read to the length it had.
        return read == bytes.Length ? bytes : bytes[..read];
    }

    /// <summary>Throws when <paramref name="path"/> exists but is not a regular file; a missing file is left to the reader.</summary>
    public static void Check(string path)
    {
        if (Kind(path) is string kind) throw LayerEntropyException.ForFile(path, $"not a regular file but {kind}; give the data file itself");
    }

    private static string? Kind(string path)
    {
        if (!OperatingSystem.IsLinux())
            return Directory.Exists(path) ? "a folder" : null;
        var buffer = new byte[StatxBytes];
        try
        {
            if (Statx(AtCurrentFolder, path, 0, StatxType | StatxSize, buffer) != 0) return null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
        int type = BitConverter.ToUInt16(buffer, ModeOffset) & 0xF000;
        return type switch
        {
            0x8000 => null,
            0x4000 => "a folder",
            0x1000 => "a FIFO (named pipe)",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0xC000 => "a socket",
            _ => "not a file",
        };
    }

    private static LayerEntropyException TooLarge(string path, long length, long maxBytes) =>
        LayerEntropyException.ForFile(path, $"holds {length / (1 << 20)} MB, more than the {maxBytes / (1 << 20)} MB a file of this kind may hold");

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int folder, string path, int flags, uint mask, [Out] byte[] buffer);
}
