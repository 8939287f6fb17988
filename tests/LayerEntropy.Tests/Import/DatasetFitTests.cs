using LayerEntropy.Analysis;
using LayerEntropy.Tests.Cli;

namespace LayerEntropy.Tests.Import;

/// <summary>
/// A PyTorch MLP that takes (N, 784), analysed on the built-in MNIST: the images are fitted to it as --data inputs
/// are, the preprocessing options apply, and the result is, to the bit, that of the same images given as an NPY file.
/// </summary>
public class DatasetFitTests(ZooFixtures zoo) : IClassFixture<ZooFixtures>
{
    [Fact]
    public void A_flat_model_analyses_the_built_in_dataset_as_the_same_images_in_an_NPY_file()
    {
        using var dir = new TempDir();
        string[] common = ["--mean", "0.1307", "--std", "0.3081", "--no-report", "--bootstrap", "20"];
        var builtIn = CliRunner.InProcess(["analyze", zoo.Mlp784, "--dataset", "mnist", "--data-dir", TestData.Root, "-o", dir.File("a"), .. common]);
        Assert.True(builtIn.ExitCode == 0, builtIn.Error);
        var npy = CliRunner.InProcess(["analyze", zoo.Mlp784, "--data", zoo.MnistBytes, "--labels", zoo.MnistLabels, "-o", dir.File("b"), .. common]);
        Assert.True(npy.ExitCode == 0, npy.Error);

        var a = AnalysisJson.Load(dir.File("a", "analysis.json"));
        var b = AnalysisJson.Load(dir.File("b", "analysis.json"));
        Assert.Equal(10000, a.Manifest.Inputs);
        Assert.Contains(a.Manifest.Input!, n => n.Contains("flattened", StringComparison.Ordinal));
        Assert.Contains(a.Manifest.Input!, n => n.Contains("0.1307", StringComparison.Ordinal));
        // Everything but the record of where the inputs came from, to the bit.
        Assert.Equal(Json(a with { Manifest = b.Manifest }), Json(b));
        Assert.Equal(a.Manifest.Accuracy, b.Manifest.Accuracy);
    }

    [Fact]
    public void The_preprocessing_options_change_what_a_built_in_dataset_feeds_the_model()
    {
        using var dir = new TempDir();
        string[] common = ["analyze", zoo.Mlp784, "--dataset", "mnist", "--data-dir", TestData.Root, "--limit-per-class", "30", "--no-report", "--bootstrap", "0"];
        var plain = CliRunner.InProcess([.. common, "-o", dir.File("plain")]);
        Assert.True(plain.ExitCode == 0, plain.Error);
        var normalised = CliRunner.InProcess([.. common, "--mean", "0.1307", "--std", "0.3081", "-o", dir.File("normalised")]);
        Assert.True(normalised.ExitCode == 0, normalised.Error);
        var p = AnalysisJson.Load(dir.File("plain", "analysis.json"));
        var n = AnalysisJson.Load(dir.File("normalised", "analysis.json"));
        Assert.NotEqual(Json(p.Taps), Json(n.Taps));
        Assert.Contains(p.Manifest.Input!, note => note.Contains("give --scale, --mean and --std as the model was trained with", StringComparison.Ordinal));
    }

    private static string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value, AnalysisJson.Options);
}
