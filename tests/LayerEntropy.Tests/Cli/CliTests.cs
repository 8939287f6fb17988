using System.Text.Json;

namespace LayerEntropy.Tests.Cli;

public class CliTests
{
    [Fact]
    public void TrainJsonReportsTestAccuracyAndWritesTheModel()
    {
        string dir = new TempDir().Path, model = Path.Combine(dir, "m.onnx");
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
        foreach (var command in new[] { "train", "datasets", "inspect" })
        {
            var r = CliRunner.InProcess(command, "--help");
            Assert.Equal(0, r.ExitCode);
            Assert.Contains("Usage", r.Output);
        }
    }

    [Fact]
    public void ModelFileThatIsNotProtobufIsOneLineExitTwo()
    {
        string path = Path.Combine(new TempDir().Path, "notes.onnx");
        File.WriteAllText(path, "these are my notes, not a model\n");
        CliRunner.AssertOneLineError(CliRunner.AsProcess("inspect", path), path, "onnx");
    }

    [Fact]
    public void TruncatedIdxFileIsOneLineExitTwo()
    {
        string dir = new TempDir().Path, mnist = Path.Combine(dir, "mnist");
        Directory.CreateDirectory(mnist);
        foreach (var f in Directory.GetFiles(Path.Combine(TestData.Root, "mnist"))) File.Copy(f, Path.Combine(mnist, Path.GetFileName(f)));
        string images = Path.Combine(mnist, "train-images-idx3-ubyte.gz");
        byte[] bytes = File.ReadAllBytes(images);
        File.WriteAllBytes(images, bytes[..(bytes.Length / 2)]);
        var r = CliRunner.AsProcess("train", "--data-dir", dir, "--model", "mlp:8", "--epochs", "1", "-o", Path.Combine(dir, "m.onnx"));
        CliRunner.AssertOneLineError(r, images, "");
        Assert.False(File.Exists(Path.Combine(dir, "m.onnx")));
    }

    [Fact]
    public void MissingDataFolderAndBadSpecAreExitTwo()
    {
        string missing = Path.Combine(new TempDir().Path, "nowhere");
        CliRunner.AssertOneLineError(CliRunner.InProcess("datasets", "--data-dir", missing), missing, "not found");
        var spec = CliRunner.InProcess("train", "--data-dir", TestData.Root, "--model", "mlp:12,x", "-o", Path.Combine(new TempDir().Path, "m.onnx"));
        CliRunner.AssertOneLineError(spec, "mlp:12,x", "model spec");
        var option = CliRunner.InProcess("train", "--epochs", "many");
        Assert.Equal(2, option.ExitCode);
    }
}
