using LayerEntropy.Cli;
using Xunit.Abstractions;

namespace LayerEntropy.Tests.Cli;

/// <summary>
/// SIGINT and SIGTERM, sent while a command works (computing, drawing, writing): it stops within two seconds, exits
/// 130 and leaves the earlier output exactly as it was; a command that had finished by then exits 0 with its output
/// complete.
/// </summary>
[Collection(AloneCollection.Name)]
public class InterruptionTests(InterruptionFixture fixture, ITestOutputHelper log) : IClassFixture<InterruptionFixture>
{
    [Theory]
    [InlineData("analyze", "TERM")]
    [InlineData("merge", "INT")]
    [InlineData("report", "TERM")]
    [InlineData("entropy", "INT")]
    [InlineData("train", "TERM")]
    public void A_signal_stops_the_command_within_two_seconds_and_writes_nothing(string command, string signal)
    {
        // How long the command takes here, and what it writes: the signals go at moments spread over it, the last while it draws and writes.
        using var dir = new TempDir();
        var (referenceArgs, reference) = fixture.Command(command, dir);
        var length = CliProcess.Time(referenceArgs);
        int interrupted = 0;
        var outcomes = new List<string>();
        foreach (double part in new[] { 0.4, 0.85 })
        {
            // A run may go faster than the one timed (the machine's load varies): one that ends before its signal
            // counts its length, and the signal goes again, earlier, to a fresh run.
            for (int attempt = 0; attempt < 4; attempt++)
            {
                using var scratch = new TempDir();
                var (args, folder) = fixture.Command(command, scratch);
                var before = new FolderSnapshot(folder);
                using var process = CliProcess.Start(args);
                // Not before the program has started and taken the signals for itself (well under 0.7 s).
                bool sent = process.SignalAt(TimeSpan.FromSeconds(Math.Max(0.7, part * length.TotalSeconds)), signal);
                var sentAt = process.Elapsed;
                var r = process.Wait();
                var stopped = process.Elapsed - sentAt;
                Assert.DoesNotContain("   at ", r.Error);
                outcomes.Add(sent ? $"SIG{signal} at {sentAt.TotalSeconds:F2} s: exit {r.ExitCode} {stopped.TotalSeconds:F2} s later" : $"ended at {sentAt.TotalSeconds:F2} s, before the signal");
                if (sent) Assert.True(stopped < TimeSpan.FromSeconds(2), $"{command} took {stopped.TotalSeconds:F2} s to stop after SIG{signal}");
                if (sent && r.ExitCode != 0)
                {
                    Assert.True(r.ExitCode == CliApp.Interrupted, $"exit {r.ExitCode} after SIG{signal} at {sentAt.TotalSeconds:F2} s: {r.Error}");
                    Assert.EndsWith("interrupted: nothing was written over earlier outputs", r.Error.TrimEnd());
                    before.AssertUnchanged();
                    interrupted++;
                    break;
                }
                // Exit 0: the signal came once the new output was in place and the process was ending, or none came;
                // either way the output is the complete new one, and a signalled process ended at once.
                Assert.True(r.ExitCode == 0, r.Error);
                if (sent) Assert.True(stopped < TimeSpan.FromSeconds(0.5), $"{command} went on for {stopped.TotalSeconds:F2} s after SIG{signal} and exited 0");
                Assert.Equal(Files(reference), Files(folder));
                if (sent) break;
                length = sentAt;
            }
        }
        log.WriteLine($"{command} ({length.TotalSeconds:F1} s a run): {string.Join("; ", outcomes)}");
        Assert.True(interrupted > 0, $"{command} ended before every signal: give it more work");
    }

    [Fact]
    public void Of_two_analyses_started_at_once_into_one_folder_one_writes_it_and_the_other_is_told_it_is_busy()
    {
        using var dir = new TempDir();
        string folder = dir.File("out"), reference = dir.File("reference");
        Assert.Equal(0, CliProcess.Run(["analyze", .. fixture.Analyze("-o", reference)]).ExitCode);
        using var first = CliProcess.Start(["analyze", .. fixture.Analyze("-o", folder)]);
        using var second = CliProcess.Start(["analyze", .. fixture.Analyze("-o", folder)]);
        var results = new[] { first.Wait(), second.Wait() };

        Assert.Equal([0, CliApp.BadInput], results.Select(r => r.ExitCode).Order());
        var busy = results.Single(r => r.ExitCode == CliApp.BadInput);
        CliRunner.AssertOneLineError(busy, folder, "is busy: another layerentropy command is writing into it");
        Assert.Equal(Files(reference), Files(folder));
    }

    [Fact]
    public void A_folder_locked_by_flock_is_busy_for_analyze_which_leaves_it_alone()
    {
        using var dir = new TempDir();
        string folder = dir.File("out");
        InterruptionFixture.CopyFolder(fixture.Earlier, folder);
        var before = new FolderSnapshot(folder);
        // util-linux flock(1) holds the folder as another program would.
        using var holder = System.Diagnostics.Process.Start("flock", [folder, "sleep", "30"]);
        try
        {
            Thread.Sleep(300);
            var r = CliProcess.Run(["analyze", .. fixture.Analyze("-o", folder)]);
            CliRunner.AssertOneLineError(r, folder, "is busy");
            before.AssertUnchanged();
        }
        finally
        {
            holder.Kill(true);
        }
    }

    private static string[] Files(string folder) =>
        [.. Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => $"{Path.GetRelativePath(folder, f)} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))}")];
}
