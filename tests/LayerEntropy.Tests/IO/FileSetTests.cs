using System.Text;
using LayerEntropy.IO;

namespace LayerEntropy.Tests.IO;

/// <summary>Several files replaced as one set, and the lock and recovery of an output folder.</summary>
public class FileSetTests
{
    private static Action<Stream> Text(string text) => s => s.Write(Encoding.UTF8.GetBytes(text));

    private static (string Path, Action<Stream> Write)[] NewSet(TempDir dir) =>
        [(dir.File("figures", "a.svg"), Text("new a")), (dir.File("measures.csv"), Text("new csv")), (dir.File("analysis.json"), Text("new json"))];

    private static void WriteOld(TempDir dir)
    {
        dir.Write("figures/a.svg", Encoding.UTF8.GetBytes("old a"));
        dir.Write("measures.csv", Encoding.UTF8.GetBytes("old csv"));
        dir.Write("analysis.json", Encoding.UTF8.GetBytes("old json"));
    }

    private static string[] Contents(TempDir dir) =>
        [.. dir.Files().Select(f => $"{f}={File.ReadAllText(dir.File(f))}")];

    [Fact]
    public void A_cancellation_while_staging_changes_nothing_and_leaves_no_temporary_file()
    {
        using var dir = new TempDir();
        WriteOld(dir);
        var before = Contents(dir);
        using var cancel = new CancellationTokenSource();
        var files = NewSet(dir);
        files[1] = (files[1].Path, s =>
        {
            s.Write("new"u8);
            cancel.Cancel();
        });

        Assert.ThrowsAny<OperationCanceledException>(() => AtomicFile.WriteAll(files, cancel.Token));

        Assert.Equal(before, Contents(dir));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void A_set_cut_short_among_its_renames_is_completed_when_the_folder_is_next_locked(int renamed)
    {
        using var dir = new TempDir();
        WriteOld(dir);
        var staged = new List<(string Temp, string Target)>();
        AtomicFile.StageAll(NewSet(dir), staged, CancellationToken.None);
        string journal = AtomicFile.WriteJournal(staged, []);
        // What a process killed after `renamed` renames leaves behind.
        foreach (var (temp, target) in staged.Take(renamed)) File.Move(temp, target, overwrite: true);
        Assert.True(File.Exists(journal));

        using (OutputLock.Take(dir.Path))
        {
        }

        Assert.Equal(["analysis.json=new json", "figures/a.svg=new a", "measures.csv=new csv"], Contents(dir));
    }

    [Fact]
    public void Temporary_files_of_a_killed_run_go_when_the_folder_is_next_locked_and_other_files_stay()
    {
        using var dir = new TempDir();
        WriteOld(dir);
        string id = Guid.NewGuid().ToString("N");
        dir.Write($".analysis.json.{id}.tmp", [1, 2]);
        dir.Write($"figures/.a.svg.{id}.tmp", [3]);
        dir.Write(".notes.tmp", [4]);
        dir.Write("figures/.mine.draft.tmp", [5]);

        using (OutputLock.Take(dir.Path))
        {
        }

        Assert.Equal([".notes.tmp", "analysis.json", "figures/.mine.draft.tmp", "figures/a.svg", "measures.csv"], dir.Files());
    }

    [Fact]
    public void A_locked_folder_is_busy_for_a_second_writer_until_the_first_lets_go()
    {
        using var dir = new TempDir();
        string folder = dir.File("out");
        using (OutputLock.Take(folder))
        {
            var e = Assert.Throws<LayerEntropyException>(() => OutputLock.Take(folder));
            Assert.Equal($"{folder}: is busy: another layerentropy command is writing into it; wait for that one to finish, or give another -o", e.Message);
            File.WriteAllText(Path.Combine(folder, "analysis.json"), "{}");
        }
        using (OutputLock.Take(folder))
        {
        }
        Assert.True(File.Exists(Path.Combine(folder, "analysis.json")));
    }

    [Fact]
    public void A_folder_the_lock_made_goes_again_when_nothing_was_written_into_it()
    {
        using var dir = new TempDir();
        string folder = dir.File("new", "out");
        using (OutputLock.Take(folder)) Assert.True(Directory.Exists(folder));
        Assert.False(Directory.Exists(folder));
    }
}
