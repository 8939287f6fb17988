namespace LayerEntropy.Tests.Cli;

/// <summary>
/// A tiny MNIST MLP analysed once whole (<see cref="AnalysisJson"/>) and once in two shards (<see cref="Parts"/>): the
/// real files that the tests of damaged inputs copy and spoil. They lie beside the model, and go with it.
/// </summary>
public sealed class AnalysedTinyModel : TrainedMnistModel
{
    public AnalysedTinyModel() : base("mlp:16,12", epochs: 1, images: 1000)
    {
        string folder = System.IO.Path.GetDirectoryName(Path)!;
        string[] analyze = ["analyze", Path, "--data-dir", TestData.Root, "--limit-per-class", "6", "--bootstrap", "5", "--bins", "8", "--samples", "1", "--no-report", "-q"];
        var whole = CliRunner.InProcess([.. analyze, "-o", System.IO.Path.Combine(folder, "whole")]);
        Assert.True(whole.ExitCode == 0, whole.Error);
        foreach (int i in new[] { 1, 2 })
        {
            var part = CliRunner.InProcess([.. analyze, "--shard", $"{i}/2", "-o", System.IO.Path.Combine(folder, "parts")]);
            Assert.True(part.ExitCode == 0, part.Error);
        }
        AnalysisJson = System.IO.Path.Combine(folder, "whole", "analysis.json");
        Parts = [.. Directory.GetFiles(System.IO.Path.Combine(folder, "parts"), "part-*.json").Order(StringComparer.Ordinal)];
    }

    /// <summary>analysis.json of the whole run (every array inline: the taps are narrow).</summary>
    public string AnalysisJson { get; }

    /// <summary>The two parts, in shard order.</summary>
    public IReadOnlyList<string> Parts { get; }
}
