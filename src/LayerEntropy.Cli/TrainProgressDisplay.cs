using System.Globalization;
using LayerEntropy.Training;
using Spectre.Console;

namespace LayerEntropy.Cli;

/// <summary>
/// Shows training progress on stderr: a live bar per epoch (loss, accuracy, images/s) on a terminal,
/// one plain line per finished epoch otherwise (logs, CI).
/// </summary>
internal static class TrainProgressDisplay
{
    public static T Run<T>(TextWriter error, int epochs, Func<IProgress<TrainProgress>, T> work)
    {
        bool live = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
        if (!live) return work(new PlainLines(error));

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                ProgressTask? task = null;
                var progress = new ProgressRelay<TrainProgress>(p =>
                {
                    if (task is null || task.Description.StartsWith($"epoch {p.Epoch}/", StringComparison.Ordinal) == false)
                    {
                        if (task is not null) task.Value = task.MaxValue;
                        task = ctx.AddTask(Describe(p), maxValue: p.Batches);
                    }
                    task.Value = p.Batch;
                    task.Description = Describe(p);
                });
                return work(progress);
            });
    }

    private static string Describe(TrainProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"epoch {p.Epoch}/{p.Epochs}  loss {p.Loss:F4}  acc {p.Accuracy:P1}  {p.ImagesPerSecond:N0} img/s");


    private sealed class PlainLines(TextWriter error) : IProgress<TrainProgress>
    {
        public void Report(TrainProgress p)
        {
            if (p.Batch == p.Batches) error.WriteLine(Describe(p));
        }
    }
}
