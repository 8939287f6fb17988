using System.Runtime.InteropServices;

namespace LayerEntropy.IO;

/// <summary>
/// A command's hold on its output folder: an exclusive flock(2) on the folder itself, held for as long as the command
/// runs, so that a second command writing the same folder stops at once instead of mixing its files with the first
/// one's. No file is made for it, and the lock ends with the process however it ends. Taking it first completes or
/// clears what a killed run left there (<see cref="AtomicFile.Recover"/>). On Linux; elsewhere, and on a file system
/// without flock, a folder is written without one.
/// </summary>
internal sealed partial class OutputLock : IDisposable
{
    private const int ReadOnly = 0, CloseOnExec = 0x80000;
    private const int Exclusive = 2, NoWait = 4;
    private const int WouldBlock = 11;

    private readonly int handle;
    private readonly NewFolder made;

    private OutputLock(int handle, NewFolder made)
    {
        this.handle = handle;
        this.made = made;
    }

    /// <summary>Locks <paramref name="folder"/>, making it when missing.</summary>
    /// <exception cref="LayerEntropyException">Another command holds the folder, or it cannot be made or written.</exception>
    public static OutputLock Take(string folder)
    {
        string full = Path.GetFullPath(folder);
        var made = FileFailure.Guard(folder, "write there", () => NewFolder.Make(full));
        int handle = -1;
        if (OperatingSystem.IsLinux())
        {
            handle = Open(full, ReadOnly | CloseOnExec);
            if (handle >= 0 && Flock(handle, Exclusive | NoWait) != 0)
            {
                int error = Marshal.GetLastPInvokeError();
                Close(handle);
                handle = -1;
                if (error == WouldBlock)
                    throw LayerEntropyException.ForFile(folder, "is busy: another layerentropy command is writing into it; wait for that one to finish, or give another -o");
            }
        }
        var taken = new OutputLock(handle, made);
        try
        {
            AtomicFile.Recover(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            taken.Dispose();
            throw LayerEntropyException.ForFile(folder, $"cannot complete what an interrupted run left there: {e.Message}", e);
        }
        return taken;
    }

    /// <summary>Releases the lock; a folder this lock made, into which nothing was written, goes again.</summary>
    public void Dispose()
    {
        made.Dispose();
        if (handle >= 0) Close(handle);
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(int handle, int operation);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int handle);
}
