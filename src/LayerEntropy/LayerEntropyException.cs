namespace LayerEntropy;

/// <summary>
/// A problem with what the user gave us (a file, a path, an option): the message is one line that names
/// the file and says what is wrong. The command line prints it without a stack trace and exits with code 2.
/// </summary>
public class LayerEntropyException : Exception
{
    public LayerEntropyException(string message, Exception? inner = null) : base(message, inner) { }

    /// <summary>Builds the message "<paramref name="path"/>: <paramref name="problem"/>".</summary>
    public static LayerEntropyException ForFile(string path, string problem, Exception? inner = null) =>
        new($"{path}: {problem}", inner);
}
