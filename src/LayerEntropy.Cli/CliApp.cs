using System.CommandLine;
using LayerEntropy.Cli.Commands;

namespace LayerEntropy.Cli;

/// <summary>The command tree and the one place where failures become exit codes and one-line messages.</summary>
public static class CliApp
{
    /// <summary>Bad input: a file, a path or an option the user gave (also command-line syntax errors).</summary>
    public const int BadInput = 2;

    /// <summary>Any other failure.</summary>
    public const int Failure = 1;

    /// <summary>Interrupted by the user (Ctrl+C): 128 + SIGINT.</summary>
    public const int Interrupted = 130;

    public static RootCommand Build(TextWriter output, TextWriter error) =>
        new("layerentropy: train networks and measure the entropy of their neurons' activation patterns, layer by layer")
        {
            QuickstartCommand.Create(output, error),
            TrainCommand.Create(output, error),
            DatasetsCommand.Create(output, error),
            InspectCommand.Create(output, error),
            AnalyzeCommand.Create(output, error),
            MergeCommand.Create(output, error),
            SlurmCommand.Create(output, error),
            EntropyCommand.Create(output, error),
            ReportCommand.Create(output, error),
            SweepCommand.Create(output, error),
            DynamicsCommand.Create(output, error),
            CompareCommand.Create(output, error),
        };

    /// <param name="cancel">Stops the command (a signal, see <see cref="Interruption"/>): it writes nothing over earlier outputs and exits with <see cref="Interrupted"/>.</param>
    public static int Run(string[] args, TextWriter output, TextWriter error, CancellationToken cancel = default)
    {
        var root = Build(output, error);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors) error.WriteLine($"error: {e.Message}");
            error.WriteLine("Run 'layerentropy --help' (or 'layerentropy COMMAND --help') for usage.");
            return BadInput;
        }
        try
        {
            // Signals are the process's own (Interruption): here they arrive only as the cancellation.
            var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
            return parsed.InvokeAsync(configuration, cancel).GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            return Report(ex, error);
        }
    }

    /// <summary>Prints one line for a failure (never a stack trace) and picks the exit code.</summary>
    public static int Report(Exception ex, TextWriter error)
    {
        switch (ex)
        {
            case LayerEntropyException le:
                error.WriteLine($"error: {SettingFlags.Describe(le)}");
                return BadInput;
            case OperationCanceledException:
                error.WriteLine(Interruption.Message);
                return Interrupted;
            case AggregateException { InnerExceptions.Count: 1 } agg:
                return Report(agg.InnerExceptions[0], error);
            case IOException or UnauthorizedAccessException:
                error.WriteLine($"error: {ex.Message}");
                return Failure;
            default:
                error.WriteLine($"error: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
                // A bug report needs where it happened: LAYERENTROPY_DEBUG=1 prints it.
                if (Environment.GetEnvironmentVariable("LAYERENTROPY_DEBUG") is "1") error.WriteLine(ex);
                return Failure;
        }
    }
}
