using System.Text.Json;
using LayerEntropy.Analysis;
using LayerEntropy.Data;
using LayerEntropy.Tests.Cli;

namespace LayerEntropy.Tests.Import;

/// <summary>
/// Models trained elsewhere, of every common architecture, run by ONNX Runtime: each default tap holds the values
/// PyTorch's forward hooks saw on the same inputs, the prediction is PyTorch's, and `analyze` runs end to end.
/// </summary>
public class ZooModelTests(ZooFixtures zoo) : IClassFixture<ZooFixtures>
{
    private const double Atol = 1e-4, Rtol = 1e-4;

    public static TheoryData<string, int> Models()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in new[] { "resnet18", "mobilenet_v2", "squeezenet1_0", "densenet121", "vgg11", "alexnet", "transformer", "lstm" })
            foreach (int opset in new[] { 11, 13, 17 }) data.Add(name, opset);
        return data;
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_default_tap_holds_what_PyTorchs_forward_hooks_saw(string name, int opset)
    {
        var m = zoo.Models[(name, opset)];
        using var prepared = ModelAnalysis.Prepare(new AnalyzeSettings { Model = m.Model, Data = m.Inputs, Labels = m.Labels });
        var expected = JsonDocument.Parse(File.ReadAllText(m.Expected)).RootElement;
        var reference = prepared.Data.Slice(0, m.ReferenceInputs);
        var batch = new BatchLoader(reference, m.ReferenceInputs, prepared.Request.Preprocessing!).Epoch().Single();
        var (scores, rows) = prepared.Model.Forward(prepared.Fit.Apply(batch.Images));

        Assert.NotEmpty(prepared.Model.Taps);
        for (int t = 0; t < rows.Count; t++)
        {
            var tap = prepared.Model.Taps[t];
            Assert.True(expected.TryGetProperty(tap.OnnxValue!, out var hook),
                $"{name} opset {opset}: default tap {tap.Name} ({tap.OnnxValue}) is no module output PyTorch's hooks saw");
            var torch = NpyReader.ReadActivations(Path.Combine(Path.GetDirectoryName(m.Expected)!, hook.GetProperty("file").GetString()!), tap.Name);
            Assert.Equal(tap.Units, torch.Units);
            AssertClose($"{name} opset {opset}, {tap.Name}", torch.Values, rows[t].Values.AsSpan(0, m.ReferenceInputs * tap.Units));
        }
        Assert.NotNull(scores);
        AssertClose($"{name} opset {opset}, output", NpyReader.ReadActivations(m.Logits, "logits").Values, scores.AsSpan(0, m.ReferenceInputs * 10));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Analyze_runs_on_the_model_and_names_taps_by_module(string name, int opset)
    {
        var m = zoo.Models[(name, opset)];
        using var dir = new TempDir();
        var run = CliRunner.InProcess("analyze", m.Model, "--data", m.Inputs, "--labels", m.Labels, "-o", dir.File("out"), "--no-report", "--bootstrap", "20");
        Assert.True(run.ExitCode == 0, run.Error);
        var result = AnalysisJson.Load(dir.File("out", "analysis.json"));
        Assert.NotEmpty(result.Taps);
        Assert.All(result.Taps, t => Assert.NotNull(t.OnnxValue));
        // Names are the module paths torch.onnx wrote into the node names, not the ONNX value names.
        Assert.All(result.Taps, t => Assert.DoesNotContain("_output_", t.Name, StringComparison.Ordinal));
        Assert.NotNull(result.Manifest.Accuracy);
        Assert.Equal(64, result.Manifest.Accuracy!.Inputs);
        Assert.Contains(result.Manifest.Input!, note => note.StartsWith("run by ONNX Runtime", StringComparison.Ordinal));
    }

    private static void AssertClose(string what, float[] expected, ReadOnlySpan<float> actual)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: {actual.Length} values, PyTorch has {expected.Length}");
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= Atol + Rtol * Math.Abs(expected[i]),
                $"{what}, value {i}: ours {actual[i]:R}, PyTorch {expected[i]:R}");
    }
}
