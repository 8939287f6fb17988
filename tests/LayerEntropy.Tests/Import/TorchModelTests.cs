using System.Text.Json;
using LayerEntropy.Analysis;
using LayerEntropy.Data;
using LayerEntropy.Tests.Cli;

namespace LayerEntropy.Tests.Import;

/// <summary>
/// Models built and exported by PyTorch (an MLP, and a CNN with a BatchNorm, a view-flatten, a Dropout and a Softmax):
/// our import computes PyTorch's outputs and hidden activations, and analysing them through the import gives what
/// analysing PyTorch's own activations gives.
/// </summary>
public class TorchModelTests(TorchFixtures fixtures) : IClassFixture<TorchFixtures>
{
    private const double Atol = 1e-4, Rtol = 1e-4;

    [Theory]
    [InlineData("mlp")]
    [InlineData("cnn")]
    public void The_model_run_by_ONNX_Runtime_gives_PyTorchs_outputs_and_every_tapped_activation(string name)
    {
        using var prepared = ModelAnalysis.Prepare(new AnalyzeSettings { Model = fixtures.File($"{name}.onnx"), Data = fixtures.File("inputs.npy"), Labels = fixtures.File("labels.npy") });
        string[] nodes = JsonSerializer.Deserialize<string[]>(File.ReadAllText(fixtures.File($"{name}.taps.json")))!;
        // The default taps are the hidden FC layers' activations, named by their PyTorch modules.
        Assert.Equal(nodes.Select(n => n.Split('/')[1]), prepared.Model.Taps.Select(t => t.Name));

        var batch = new BatchLoader(prepared.Data, prepared.Data.Count, prepared.Request.Preprocessing!).Epoch().Single();
        var (logits, rows) = prepared.Model.Forward(prepared.Fit.Apply(batch.Images));

        AssertClose($"{name} output", NpyReader.ReadActivations(fixtures.File($"{name}.logits.npy"), "y").Values, logits!);
        for (int k = 0; k < nodes.Length; k++)
            AssertClose($"{name} {nodes[k]}", NpyReader.ReadActivations(fixtures.File($"{name}.act{k + 1}.npy"), nodes[k]).Values, rows[k].Values);
    }

    [Theory]
    [InlineData("mlp")]
    [InlineData("cnn")]
    public void Analysis_through_the_import_equals_the_analysis_of_PyTorchs_activations(string name)
    {
        using var dir = new TempDir();
        string[] taps = JsonSerializer.Deserialize<string[]>(File.ReadAllText(fixtures.File($"{name}.taps.json")))!;
        var imported = CliRunner.InProcess("analyze", fixtures.File($"{name}.onnx"), "--data", fixtures.File("inputs.npy"),
            "--labels", fixtures.File("labels.npy"), "-o", dir.File("imported"), "--no-report", "--bootstrap", "0");
        Assert.True(imported.ExitCode == 0, imported.Error);
        var entropyArgs = new List<string> { "entropy" };
        entropyArgs.AddRange(taps.Select((_, k) => fixtures.File($"{name}.act{k + 1}.npy")));
        entropyArgs.AddRange(["--labels", fixtures.File("labels.npy"), "-o", dir.File("torch"), "--bootstrap", "0"]);
        foreach (var t in taps) entropyArgs.AddRange(["--tap-name", t.Split('/')[1]]);
        var torch = CliRunner.InProcess([.. entropyArgs]);
        Assert.True(torch.ExitCode == 0, torch.Error);

        var ours = AnalysisJson.Load(dir.File("imported", "analysis.json"));
        var theirs = AnalysisJson.Load(dir.File("torch", "analysis.json"));
        Assert.Equal(1000, ours.Manifest.Inputs);
        Assert.Equal(theirs.Taps.Select(t => t.Name), ours.Taps.Select(t => t.Name));
        AnalysisAssert.SameMeasures(theirs, ours);
    }

    [Fact]
    public void Uint8_NHWC_inputs_with_the_preprocessing_given_analyse_like_the_float_inputs()
    {
        using var dir = new TempDir();
        var asFloats = CliRunner.InProcess("analyze", fixtures.File("cnn.onnx"), "--data", fixtures.File("inputs.npy"),
            "--labels", fixtures.File("labels.npy"), "-o", dir.File("float"), "--no-report", "--bootstrap", "0");
        Assert.True(asFloats.ExitCode == 0, asFloats.Error);
        var asBytes = CliRunner.InProcess("analyze", fixtures.File("cnn.onnx"), "--data", fixtures.File("inputs_u8.npy"),
            "--labels", fixtures.File("labels.npy"), "--layout", "nhwc", "--mean", "0.1307", "--std", "0.3081",
            "-o", dir.File("bytes"), "--no-report", "--bootstrap", "0");
        Assert.True(asBytes.ExitCode == 0, asBytes.Error);

        var bytes = AnalysisJson.Load(dir.File("bytes", "analysis.json"));
        AnalysisAssert.SameMeasures(AnalysisJson.Load(dir.File("float", "analysis.json")), bytes);
        Assert.Contains(bytes.Manifest.Input!, note => note.Contains("0.1307", StringComparison.Ordinal));
        Assert.Contains(bytes.Manifest.Input!, note => note.Contains("nhwc", StringComparison.OrdinalIgnoreCase));
    }

    private static void AssertClose(string what, float[] expected, float[] actual)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: {actual.Length} values, PyTorch has {expected.Length}");
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= Atol + Rtol * Math.Abs(expected[i]),
                $"{what}, value {i}: ours {actual[i]:R}, PyTorch {expected[i]:R}");
    }
}
