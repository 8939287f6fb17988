using System.Runtime.InteropServices;

namespace LayerEntropy.IO;

/// <summary>
/// Puts a finished file in place only where none is, in one step that processes racing for the same path cannot
/// both win: on Unix a hard link (link(2) fails whole when the target exists, on NFS too), on Windows a move
/// without replacing. File.Move without overwrite checks for the target and then renames, which two processes can
/// pass at once.
/// </summary>
internal static partial class ExclusiveFile
{
    /// <summary>EEXIST on Linux and macOS.</summary>
    private const int Exists = 17;

    /// <summary>
    /// Makes <paramref name="target"/> a second name of the written file <paramref name="temp"/> (which the caller
    /// then deletes, where it is still there); true when this call placed it, false when a file was there already.
    /// </summary>
    public static bool TryPlace(string temp, string target)
    {
        if (!OperatingSystem.IsWindows())
        {
            if (Link(temp, target) == 0) return true;
            int error = Marshal.GetLastPInvokeError();
            if (error == Exists) return false;
            // A file system without hard links (EPERM, ENOTSUP): the move below is the best there is.
            if (File.Exists(target)) return false;
        }
        try
        {
            File.Move(temp, target, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(target))
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string existing, string name);
}
