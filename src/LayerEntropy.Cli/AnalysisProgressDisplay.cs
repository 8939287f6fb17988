using LayerEntropy.Analysis;
using Spectre.Console;

namespace LayerEntropy.Cli;

/// <summary>A live bar per analysis pass on a terminal's stderr; nothing when stderr is redirected.</summary>
internal static class AnalysisProgressDisplay
{
    public static T Run<T>(TextWriter error, Func<IProgress<AnalysisProgress>?, T> work)
    {
        if (!ReferenceEquals(error, Console.Error) || Console.IsErrorRedirected) return work(null);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress().AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RateColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var tasks = new Dictionary<int, ProgressTask>();
                return work(new ProgressRelay<AnalysisProgress>(p =>
                {
                    if (!tasks.TryGetValue(p.Pass, out var task))
                        tasks[p.Pass] = task = ctx.AddTask(p.Passes == 2 && p.Pass == 1 ? "binned range pass" : "analysis", maxValue: Math.Max(1, p.Total));
                    task.Value = p.Done;
                }));
            });
    }
}
