using System.Diagnostics;
using Xunit.Abstractions;

namespace LayerEntropy.Tests.Mutation;

/// <summary>
/// The seeded mutation campaign (tests/LayerEntropy.Mutation) over every input format, in one child process whose
/// managed heap is capped at 1 GiB: every case must exit 0 or 2 without a stack trace, name the file when it fails,
/// and leave the earlier output as it was (or, after a success, a complete new set). A case that ends the process
/// (memory, stack, a hang) fails the test naming that case.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class MutationCampaignTests(ITestOutputHelper log)
{
    private const int Seed = 1;
    private const int CasesPerFormat = 200;
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task SeededMutationsExitCleanlyAndKeepEarlierOutputs()
    {
        using var work = new TempDir();
        string runner = Path.Combine(AppContext.BaseDirectory, "LayerEntropy.Mutation.dll");
        Assert.True(File.Exists(runner), $"{runner} is missing: the test project references the campaign's project, which puts it there");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { runner, "--work", work.Path, "--seed", $"{Seed}", "--cases", $"{CasesPerFormat}" }) start.ArgumentList.Add(a);
        start.Environment["DOTNET_GCHeapHardLimit"] = "0x40000000";
        start.Environment["LAYERENTROPY_DATA"] = TestData.Root;

        using var process = Process.Start(start)!;
        var lines = new List<string>();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = Task.Run(() =>
        {
            while (process.StandardOutput.ReadLine() is string line) lock (lines) lines.Add(line);
        });
        bool finished = process.WaitForExit(Limit);
        if (!finished) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        await stdout;
        string errors = await stderr;

        string? lastCase = lines.LastOrDefault(l => l.StartsWith("case ", StringComparison.Ordinal));
        string? summary = lines.LastOrDefault(l => l.StartsWith("mutation summary", StringComparison.Ordinal));
        if (summary is not null) log.WriteLine(summary);
        var failures = lines.Where(l => !l.StartsWith("case ", StringComparison.Ordinal) && l != summary).ToArray();
        foreach (string l in failures) log.WriteLine(l);

        Assert.True(finished, $"the campaign ran past {Limit.TotalMinutes} minutes; the last case started: {lastCase}");
        Assert.True(summary is not null,
            $"the campaign process died (exit {process.ExitCode}) during {lastCase}\n{string.Join('\n', failures)}\n{Tail(errors)}");
        Assert.Contains("heap limit 1024 MiB", summary);
        Assert.True(process.ExitCode == 0, $"{summary}\n{string.Join('\n', failures)}\n{Tail(errors)}");
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : text[^4000..];
}
