using LayerEntropy.Data;
using LayerEntropy.Onnx;

namespace LayerEntropy.Tests.Cli;

/// <summary>
/// Real work to interrupt or kill: an MLP trained on 3,000 MNIST images, an analysis of it with its report (the
/// earlier output a signal or a kill must leave whole), the two parts of a sharded analysis, and recorded
/// activations for `entropy`. Each command runs for a few seconds on two cores.
/// </summary>
public sealed class InterruptionFixture : TrainedMnistModel
{
    private readonly TempDir dir = new();

    public InterruptionFixture() : base("mlp:128,96,64,32", epochs: 1, images: 3000)
    {
        Earlier = dir.File("earlier");
        Check(CliRunner.InProcess(["analyze", Path, "--data-dir", TestData.Root, "--limit-per-class", "30", "--bootstrap", "20", "-o", Earlier]));
        Parts = dir.File("parts");
        for (int i = 1; i <= 2; i++) Check(CliRunner.InProcess(["analyze", .. Analyze("--shard", $"{i}/2", "-o", Parts)]));
        var random = new Random(7);
        const int rows = 30_000, columns = 256;
        var acts = Enumerable.Range(0, rows).Select(_ => (IReadOnlyList<float>)[.. Enumerable.Range(0, columns).Select(_ => (float)random.NextDouble() - 0.3f)]).ToList();
        Activations = dir.File("acts.npy");
        using (var s = File.Create(Activations)) NpyWriter.WriteFloats(s, acts, columns);
        Labels = dir.File("labels.npy");
        string header = $"{{'descr': '<i8', 'fortran_order': False, 'shape': ({rows},), }}";
        header = header.PadRight(128 - 10 - 1) + "\n";
        File.WriteAllBytes(Labels, [0x93, .. "NUMPY"u8, 1, 0, (byte)header.Length, 0, .. System.Text.Encoding.ASCII.GetBytes(header),
            .. Enumerable.Range(0, rows).SelectMany(i => BitConverter.GetBytes((long)(i % 10)))]);
    }

    /// <summary>A complete analysis folder (data, report.html, figures/): the earlier output of every command's test.</summary>
    public string Earlier { get; }

    /// <summary>The folder of the two parts of the model's sharded analysis.</summary>
    public string Parts { get; }

    public string Activations { get; }

    public string Labels { get; }

    /// <summary>analyze's options for an analysis of the model that takes a few seconds, report included.</summary>
    public string[] Analyze(params string[] more) =>
        [Path, "--data-dir", TestData.Root, "--limit-per-class", "400", "--bootstrap", "400", .. more];

    /// <summary>
    /// The command <paramref name="name"/> (analyze, merge, report, entropy, train) set to write into a new folder under
    /// <paramref name="into"/> holding an earlier output of it; returns its arguments and that folder.
    /// </summary>
    internal (string[] Args, string Folder) Command(string name, TempDir into)
    {
        string folder = into.File(name);
        CopyFolder(Earlier, folder);
        if (name == "train")
        {
            File.Copy(Path, System.IO.Path.Combine(folder, "model.onnx"));
            File.Copy(TrainingStateFile.PathFor(Path), System.IO.Path.Combine(folder, "model.state"));
        }
        string[] args = name switch
        {
            "analyze" => ["analyze", .. Analyze("-o", folder)],
            "merge" => ["merge", Parts, "-o", System.IO.Path.Combine(folder, "analysis.json")],
            "report" => ["report", System.IO.Path.Combine(folder, "analysis.json"), "--pdf"],
            "entropy" => ["entropy", Activations, "--labels", Labels, "--bootstrap", "300", "-o", folder],
            "train" => ["train", "--model", "mlp:256,128", "--epochs", "2", "--limit", "12000", "--data-dir", TestData.Root, "-o", System.IO.Path.Combine(folder, "model.onnx")],
            _ => throw new ArgumentException(name),
        };
        return (args, folder);
    }

    internal static void CopyFolder(string from, string to)
    {
        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = System.IO.Path.Combine(to, System.IO.Path.GetRelativePath(from, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static void Check(CliRunner.Result r) => Assert.True(r.ExitCode == 0, r.Error);

    protected override void Dispose(bool disposing)
    {
        if (disposing) dir.Dispose();
        base.Dispose(disposing);
    }
}
