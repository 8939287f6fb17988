using System.Reflection;

namespace LayerEntropy.Cli.Slurm;

/// <summary>
/// How a job script starts this very layerentropy: the running executable (the tool's command or the published
/// app) by its absolute path, or, where the program runs under the dotnet host, that host and the command's DLL.
/// </summary>
internal static class LayerEntropyInvocation
{
    public static string Current()
    {
        string dll = typeof(CliApp).Assembly.Location;
        string? process = Environment.ProcessPath;
        string name = process is null ? "" : Path.GetFileNameWithoutExtension(process);
        if (process is not null && (name == "layerentropy" || name == Path.GetFileNameWithoutExtension(dll)))
            return ShellQuote.Word(Path.GetFullPath(process));
        // Under `dotnet LayerEntropy.Cli.dll` (or any other host, e.g. a test runner's) the DLL is the program.
        string host = name == "dotnet" ? process! : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } set ? set : "dotnet";
        return $"{ShellQuote.Word(host)} {ShellQuote.Word(Path.GetFullPath(dll))}";
    }

    /// <summary>The command's version, for the scripts' header.</summary>
    public static string Version() =>
        typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "";
}
