namespace LayerEntropy.Tests.Cli;

/// <summary>A tiny MNIST sweep (2 depths × 2 seeds) run once in one process: the sweep every sharded run must end as.</summary>
public sealed class ShardedSweepFixture : IDisposable
{
    private readonly TempDir dir = new();

    public ShardedSweepFixture()
    {
        var r = CliRunner.InProcess(Args(Folder));
        if (r.ExitCode != 0) throw new InvalidOperationException($"the single-process sweep failed: {r.Error}");
    }

    /// <summary>The folder of the single-process sweep.</summary>
    public string Folder => dir.File("single");

    /// <summary>The sweep's command line into <paramref name="folder"/>, then <paramref name="more"/>.</summary>
    public static string[] Args(string folder, params string[] more) => Args(folder, 16, more);

    /// <param name="width">Units per hidden layer: another width is another sweep.</param>
    public static string[] Args(string folder, int width, params string[] more) =>
    [
        "sweep", "--dataset", "mnist", "--depths", "1,2", "--width", width.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seeds", "2",
        "--epochs", "1", "--limit", "500", "--no-model-reports", "--threads", "2", "--data-dir", TestData.Root, "-o", folder, .. more,
    ];

    public void Dispose() => dir.Dispose();
}
