using System.Globalization;
using LayerEntropy.Experiments;
using Spectre.Console;

namespace LayerEntropy.Cli;

/// <summary>
/// Progress over a whole experiment on stderr: on a terminal one live bar for the job (which model, which stage, how
/// much is done, the time left); otherwise one line each time a model enters a new stage (logs, CI).
/// </summary>
internal static class ExperimentProgressDisplay
{
    public static T Run<T>(TextWriter error, Func<IProgress<ExperimentProgress>, T> work)
    {
        bool live = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
        if (!live) return work(new PlainLines(error));

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                ProgressTask? task = null;
                return work(new ProgressRelay<ExperimentProgress>(p =>
                {
                    task ??= ctx.AddTask("starting", maxValue: Math.Max(p.Total, 1e-9));
                    task.Description = Markup.Escape($"{p.Model}: {p.Stage}");
                    task.Value = Math.Min(p.Done, p.Total);
                }));
            });
    }


    private sealed class PlainLines(TextWriter error) : IProgress<ExperimentProgress>
    {
        private string last = "";

        public void Report(ExperimentProgress p)
        {
            string now = $"{p.Model}: {p.Stage}";
            if (now == last) return;
            last = now;
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{100 * p.Done / Math.Max(p.Total, 1e-9),3:0}%] {now}"));
        }
    }
}
