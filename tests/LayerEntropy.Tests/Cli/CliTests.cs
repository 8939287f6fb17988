using System.Text.Json;

namespace LayerEntropy.Tests.Cli;

public class CliTests
{
    [Fact]
    public void TrainJsonReportsTestAccuracyAndWritesTheModel()
    {
        using var dir = new TempDir();
        string model = dir.File("m.onnx");
        var r = CliRunner.InProcess("train", "--data-dir", TestData.Root, "--model", "mlp:32", "--epochs", "1", "--limit", "6000",
            "--batch", "50", "--lr", "3e-3", "--seed", "1", "-o", model, "--json");
        Assert.True(r.ExitCode == 0, r.Error);
        using var json = JsonDocument.Parse(r.Output);
        double accuracy = json.RootElement.GetProperty("test_accuracy").GetDouble();
        Assert.InRange(accuracy, 0.8, 1.0);
        var epochs = json.RootElement.GetProperty("epochs");
        Assert.Equal(1, epochs.GetArrayLength());
        Assert.True(epochs[0].GetProperty("seconds").GetDouble() > 0);
        Assert.True(epochs[0].GetProperty("loss").GetDouble() > 0);

        var inspect = CliRunner.InProcess("inspect", model);
        Assert.Equal(0, inspect.ExitCode);
        Assert.Contains("fc1_act", inspect.Output);
        Assert.Contains("25,450", inspect.Output); // 784·32 + 32 + 32·10 + 10
        Assert.Contains("analysed on the training engine (written by layerentropy train): 25,450 parameters", inspect.Output);
        Assert.Contains("  fc1 (Gemm, 784 -> 32), activation fc1_act (Relu)", inspect.Output);
        Assert.Contains("  logits (Gemm, 32 -> 10), no activation, classifier", inspect.Output);
        Assert.Contains("Default taps (hidden FC layers after their activation): fc1_act", inspect.Output);
    }

    [Fact]
    public void DatasetsListsWhereEachWasFound()
    {
        var r = CliRunner.InProcess("datasets", "--data-dir", TestData.Root);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("mnist: ready", r.Output);
        Assert.Contains("fashion-mnist: ready", r.Output);
    }

    [Fact]
    public void EveryCommandHasHelp()
    {
        foreach (var command in new[] { "train", "datasets", "inspect", "compare" })
        {
            var r = CliRunner.InProcess(command, "--help");
            Assert.Equal(0, r.ExitCode);
            Assert.Contains("Usage", r.Output);
        }
    }

    [Fact]
    public void ModelFileThatIsNotProtobufIsOneLineExitTwo()
    {
        using var dir = new TempDir();
        string path = dir.File("notes.onnx");
        File.WriteAllText(path, "these are my notes, not a model\n");
        CliRunner.AssertOneLineError(CliRunner.AsProcess("inspect", path), path, "onnx");
    }

    /// <summary>A data folder holding a copy of the real MNIST files, one of them changed by <paramref name="damage"/>.</summary>
    private static (TempDir Dir, string File) DamagedMnist(string file, Func<byte[], byte[]> damage)
    {
        var dir = new TempDir();
        foreach (var f in Directory.GetFiles(Path.Combine(TestData.Root, "mnist"))) dir.Copy(f, $"mnist/{Path.GetFileName(f)}");
        string path = dir.File("mnist", file);
        File.WriteAllBytes(path, damage(File.ReadAllBytes(path)));
        return (dir, path);
    }

    [Fact]
    public void TruncatedIdxFileIsOneLineExitTwoAndWritesNothing()
    {
        var (dir, images) = DamagedMnist("train-images-idx3-ubyte.gz", b => b[..(b.Length / 2)]);
        using var _ = dir;
        var r = CliRunner.AsProcess("train", "--data-dir", dir.Path, "--model", "mlp:8", "--epochs", "1", "-o", dir.File("m.onnx"));
        CliRunner.AssertOneLineError(r, images, "expected 9912422");
        Assert.False(File.Exists(dir.File("m.onnx")));
    }

    [Fact]
    public void ChecksumMismatchIsOneLineExitTwo()
    {
        var (dir, labels) = DamagedMnist("t10k-labels-idx1-ubyte.gz", b => { b[2000] ^= 0x5A; return b; });
        using var _ = dir;
        var r = CliRunner.AsProcess("train", "--data-dir", dir.Path, "--model", "mlp:8", "--epochs", "1", "--limit", "500", "-o", dir.File("m.onnx"));
        CliRunner.AssertOneLineError(r, labels, "SHA-256 is");
        Assert.Contains("MISMATCH t10k-labels-idx1-ubyte.gz", CliRunner.InProcess("datasets", "--data-dir", dir.Path).Output);
    }

    [Fact]
    public void TerminatedTrainingLeavesTheEarlierModelIntact()
    {
        using var dir = new TempDir();
        string model = dir.File("m.onnx");
        Assert.Equal(0, CliRunner.InProcess("train", "--data-dir", TestData.Root, "--model", "mlp:16", "--epochs", "1", "--limit", "2000", "-o", model).ExitCode);
        byte[] before = File.ReadAllBytes(model), state = File.ReadAllBytes(dir.File("m.state"));

        // A long run, stopped by SIGTERM once its first epoch has finished (seen on stderr).
        var r = CliRunner.AsProcess(["train", "--data-dir", TestData.Root, "--model", "mlp:16", "--epochs", "500", "--limit", "2000", "-o", model],
            stopWhenErrorContains: "epoch 1/500");
        Assert.Equal(130, r.ExitCode);
        Assert.Contains("interrupted", r.Error);
        Assert.DoesNotContain("   at ", r.Error);
        Assert.Equal(before, File.ReadAllBytes(model));
        Assert.Equal(state, File.ReadAllBytes(dir.File("m.state")));
        Assert.Equal(["m.onnx", "m.state"], Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void MissingDataFolderAndBadSpecAreExitTwo()
    {
        using var dir = new TempDir();
        string missing = dir.File("nowhere");
        CliRunner.AssertOneLineError(CliRunner.InProcess("datasets", "--data-dir", missing), missing, "not found");
        var spec = CliRunner.InProcess("train", "--data-dir", TestData.Root, "--model", "mlp:12,x", "-o", dir.File("m.onnx"));
        CliRunner.AssertOneLineError(spec, "mlp:12,x", "model spec");
        var option = CliRunner.InProcess("train", "--epochs", "many");
        Assert.Equal(2, option.ExitCode);
    }

    [Fact]
    public void AnOutputFolderThatCannotBeWrittenIsOneLineExitTwoBeforeAnyWork()
    {
        // /proc takes no new files, whoever runs the test: quickstart and analyze stop before training or reading data.
        string unwritable = $"/proc/layerentropy-{Guid.NewGuid():N}";
        var quickstart = CliRunner.InProcess("quickstart", "--data-dir", TestData.Root, "-o", unwritable);
        CliRunner.AssertOneLineError(quickstart, unwritable, "cannot write there (/proc is not writable");
        Assert.DoesNotContain("training", quickstart.Error);

        using var dir = new TempDir();
        string file = dir.Write("plain.txt", [1]);
        var analyze = CliRunner.InProcess("analyze", dir.File("no-model.onnx"), "--data-dir", TestData.Root, "-o", Path.Combine(file, "out"));
        CliRunner.AssertOneLineError(analyze, Path.Combine(file, "out"), $"{file} is a file, so the folder cannot be made");
    }
}
