using LayerEntropy.Analysis;
using LayerEntropy.Tests.Cli;

namespace LayerEntropy.Tests.Import;

/// <summary>
/// Analyses of imported graphs on ONNX Runtime: independent of batch size, threads and shards like our engine's, with
/// any value tappable by name, the taps before the activations, all activations, controls, and files fixing the batch at one.
/// </summary>
public class RuntimeAnalysisTests(ZooFixtures zoo) : IClassFixture<ZooFixtures>
{
    private static string Numbers(string path) => string.Join('\n', File.ReadAllLines(path).Where(l => !l.Contains("\"date\"", StringComparison.Ordinal)));

    private string[] Args(string name, int opset, params string[] more)
    {
        var m = zoo.Models[(name, opset)];
        return ["analyze", m.Model, "--data", m.Inputs, "--labels", m.Labels, "--no-report", "--bootstrap", "20", .. more];
    }

    [Theory]
    [InlineData("resnet18", 13)]
    [InlineData("transformer", 17)]
    public void Batch_size_and_threads_do_not_change_the_numbers(string name, int opset)
    {
        using var dir = new TempDir();
        var a = CliRunner.InProcess(Args(name, opset, "--batch", "5", "--threads", "1", "-o", dir.File("a")));
        Assert.True(a.ExitCode == 0, a.Error);
        var b = CliRunner.InProcess(Args(name, opset, "--batch", "64", "--threads", "2", "-o", dir.File("b")));
        Assert.True(b.ExitCode == 0, b.Error);
        Assert.Equal(Numbers(dir.File("a", "analysis.json")), Numbers(dir.File("b", "analysis.json")));
    }

    [Fact]
    public void Shards_of_an_imported_model_merge_into_the_single_run()
    {
        using var dir = new TempDir();
        string[] common = ["analyze", zoo.Mlp784, "--dataset", "mnist", "--data-dir", TestData.Root, "--limit-per-class", "40", "--bootstrap", "20"];
        var single = CliRunner.InProcess([.. common, "--no-report", "-o", dir.File("single")]);
        Assert.True(single.ExitCode == 0, single.Error);
        for (int i = 1; i <= 3; i++)
        {
            var part = CliRunner.InProcess([.. common, "--shard", $"{i}/3", "-o", dir.File($"part-{i}.json")]);
            Assert.True(part.ExitCode == 0, part.Error);
        }
        var merge = CliRunner.InProcess("merge", dir.File("part-1.json"), dir.File("part-2.json"), dir.File("part-3.json"), "-o", dir.File("merged", "analysis.json"));
        Assert.True(merge.ExitCode == 0, merge.Error);
        var merged = AnalysisJson.Load(dir.File("merged", "analysis.json"));
        Assert.Equal(AnalysisJson.Load(dir.File("single", "analysis.json")).Manifest.Accuracy, merged.Manifest.Accuracy);
        Assert.Equal(400, merged.Manifest.Accuracy!.Inputs);
        Assert.All(merged.Taps, t => Assert.NotNull(t.OnnxValue));
        Assert.Equal(Numbers(dir.File("single", "analysis.json")), Numbers(dir.File("merged", "analysis.json")));
    }

    [Fact]
    public void Any_value_can_be_tapped_by_its_name_and_all_takes_every_activation()
    {
        using var dir = new TempDir();
        var named = CliRunner.InProcess(Args("resnet18", 11, "--taps", "layer1.0.relu, /layer2/layer2.0/Add_output_0,/layer3/layer3.0/conv1/Conv", "-o", dir.File("named")));
        Assert.True(named.ExitCode == 0, named.Error);
        var taps = AnalysisJson.Load(dir.File("named", "analysis.json")).Taps;
        Assert.Equal(["layer1.0.relu", "layer2.0", "layer3.0.conv1"], taps.Select(t => t.Name));
        Assert.Equal([64 * 16 * 16, 128 * 8 * 8, 256 * 4 * 4], taps.Select(t => t.Units));
        Assert.Equal(["Relu", "Add", "Conv"], taps.Select(t => t.Layer));

        var all = CliRunner.InProcess(Args("resnet18", 11, "--taps", "all", "--bins", "0", "-o", dir.File("all")));
        Assert.True(all.ExitCode == 0, all.Error);
        Assert.Equal(17, AnalysisJson.Load(dir.File("all", "analysis.json")).Taps.Count);

        var unknown = CliRunner.InProcess(Args("resnet18", 11, "--taps", "layer9.relu", "-o", dir.File("unknown")));
        CliRunner.AssertOneLineError(unknown, zoo.Models[("resnet18", 11)].Model, "cannot tap 'layer9.relu': no value, node or layer has that name");
    }

    [Fact]
    public void Pre_activation_taps_the_FC_layers_linear_outputs()
    {
        using var dir = new TempDir();
        var r = CliRunner.InProcess(Args("alexnet", 13, "--pre-activation", "-o", dir.File("pre")));
        Assert.True(r.ExitCode == 0, r.Error);
        var taps = AnalysisJson.Load(dir.File("pre", "analysis.json")).Taps;
        Assert.Equal(["classifier.1", "classifier.4"], taps.Select(t => t.Name));
        Assert.All(taps, t => Assert.Equal("Gemm", t.Layer));
    }

    [Fact]
    public void The_reinit_control_of_an_imported_CNN_runs_beside_it()
    {
        using var dir = new TempDir();
        var r = CliRunner.InProcess(Args("squeezenet1_0", 17, "--control", "reinit", "-o", dir.File("out")));
        Assert.True(r.ExitCode == 0, r.Error);
        var result = AnalysisJson.Load(dir.File("out", "analysis.json"));
        var control = Assert.Single(result.Controls!);
        Assert.Contains("its 26 Conv, Gemm and MatMul layers drawn afresh", control.Description);
        Assert.True(File.Exists(dir.File("out", "controls", "reinit", "model.onnx")));
        var drawn = AnalysisJson.Load(dir.File("out", "controls", "reinit", "analysis.json"));
        Assert.Equal(result.Taps.Select(t => t.Name), drawn.Taps.Select(t => t.Name));
        Assert.Contains("reinit control", result.Summary);
    }

    [Fact]
    public void A_model_exported_with_a_batch_of_one_runs_one_input_at_a_time_to_the_same_numbers()
    {
        using var dir = new TempDir();
        var model = LayerEntropy.Onnx.Proto.ModelProto.Parser.ParseFrom(File.ReadAllBytes(zoo.Mlp784));
        model.Graph.Input[0].Type.TensorType.Shape.Dim[0] = new LayerEntropy.Onnx.Proto.TensorShapeProto.Types.Dimension { DimValue = 1 };
        string one = dir.Write("one.onnx", Google.Protobuf.MessageExtensions.ToByteArray(model));
        string[] common = ["--dataset", "mnist", "--data-dir", TestData.Root, "--limit-per-class", "20", "--no-report", "--bootstrap", "20"];
        var a = CliRunner.InProcess(["analyze", one, .. common, "-o", dir.File("a")]);
        Assert.True(a.ExitCode == 0, a.Error);
        var b = CliRunner.InProcess(["analyze", zoo.Mlp784, .. common, "-o", dir.File("b")]);
        Assert.True(b.ExitCode == 0, b.Error);
        var ra = AnalysisJson.Load(dir.File("a", "analysis.json"));
        var rb = AnalysisJson.Load(dir.File("b", "analysis.json"));
        AnalysisAssert.SameMeasures(rb, ra, tolerance: 0);
    }
}
