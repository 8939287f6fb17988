using LayerEntropy.Analysis;
using LayerEntropy.Nn;
using LayerEntropy.Onnx;
using LayerEntropy.Tests.Experiments;

namespace LayerEntropy.Tests.Cli;

/// <summary>`analyze --control` end to end: the control folders and summary, and the refusals that leave earlier outputs whole.</summary>
[Collection(ThreadCountCollection.Name)]
public sealed class ControlCommandTests : IClassFixture<ControlTests.TrainedModel>
{
    private readonly ControlTests.TrainedModel trained;

    public ControlCommandTests(ControlTests.TrainedModel trained) => this.trained = trained;

    private static string[] Common(string model) => [model, "--data-dir", TestData.Root, "--limit-per-class", "30", "--bootstrap", "0", "--bins", "6", "--no-report"];

    [Fact]
    public void ControlsAreAnalysedBesideTheModel()
    {
        using var dir = new TempDir();
        var r = CliRunner.InProcess(["analyze", .. Common(trained.Path), "--control", "reinit", "--control", "shuffled-labels", "--control-seed", "5", "-o", dir.File("out")]);
        Assert.True(r.ExitCode == 0, r.Error);
        var result = AnalysisJson.Load(dir.File("out", "analysis.json"));
        Assert.Equal([ControlKinds.Reinit, ControlKinds.ShuffledLabels], result.Controls!.Select(c => c.Kind));
        Assert.Contains("; the reinit control", result.Summary);
        Assert.Contains("; the shuffled-labels control", result.Summary);
        // The table wraps the printed sentence at the console's width.
        static string Words(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");
        Assert.Contains(Words(result.Summary), Words(r.Output));
        foreach (var kind in ControlKinds.All)
        {
            Assert.True(File.Exists(dir.File("out", "controls", kind, "analysis.json")));
            Assert.True(File.Exists(dir.File("out", "controls", kind, "measures.csv")));
            Assert.False(File.Exists(dir.File("out", "controls", kind, "report.html")));
            Assert.Contains($"{kind} control written to {Path.Combine(dir.File("out"), "controls", kind)}", r.Error);
        }
        Assert.True(File.Exists(dir.File("out", "controls", "shuffled-labels", "model.state")));
        // --control-seed draws both controls from seed 5.
        var reinit = OnnxModelFile.Load(dir.File("out", "controls", "reinit", "model.onnx"));
        Assert.Equal("5", reinit.Metadata["seed"]);
        Assert.Equal(ModelSpec.Build("mlp:32,16", [1, 28, 28], 10, seed: 5).Parameters.SelectMany(p => p.Value.Data), reinit.Model.Parameters.SelectMany(p => p.Value.Data));
        var twin = OnnxModelFile.Load(dir.File("out", "controls", "shuffled-labels", "model.onnx")).Metadata;
        Assert.Equal(("5", "shuffled"), (twin["seed"], twin["labels"]));
    }

    [Fact]
    public void RefusedControlsLeaveAnEarlierOutputAsItWas()
    {
        using var dir = new TempDir();
        string output = dir.File("out");
        var first = CliRunner.InProcess(["analyze", .. Common(trained.Path), "-o", output]);
        Assert.True(first.ExitCode == 0, first.Error);
        var snapshot = new FolderSnapshot(output);

        string bare = dir.File("bare.onnx");
        OnnxModelFile.Save(ModelSpec.Build("mlp:8", [1, 28, 28], 10), bare);
        // A model exported by another tool: x (1×28×28) → Flatten → Gemm 10.
        string exported = dir.File("exported.onnx");
        new LayerEntropy.Tests.Onnx.OnnxGraphBuilder("x", 1, 28, 28).Floats("w", new float[7840], 10, 784).Floats("b", new float[10], 10)
            .Node("Flatten", "flatten", ["x"], "f").Node("Gemm", "fc", ["f", "w", "b"], "y", LayerEntropy.Tests.Onnx.OnnxGraphBuilder.Attr("transB", 1L))
            .Save(exported, "y");
        foreach (var model in new[] { bare, exported })
        {
            var r = CliRunner.InProcess(["analyze", .. Common(model), "--control", "shuffled-labels", "-o", output]);
            CliRunner.AssertOneLineError(r, model, "the shuffled-labels control needs a model trained by layerentropy train");
            snapshot.AssertUnchanged();
        }

        var cases = new (string[] Args, string Problem)[]
        {
            (["--control", "reinit", "--shard", "1/2"], "--control cannot go with --shard"),
            (["--control", "reinit,random"], "unknown control 'random'"),
            (["--control-seed", "3"], "--control-seed goes with --control"),
            (["--control", "reinit", "--correct-only"], "--control cannot go with --correct-only"),
            (["--control", "reinit", "--twin-max-epochs", "5"], "--twin-max-epochs goes with --control shuffled-labels"),
        };
        foreach (var (args, problem) in cases)
        {
            var r = CliRunner.InProcess(["analyze", .. Common(trained.Path), .. args, "-o", output]);
            CliRunner.AssertOneLineError(r, "--control", problem);
            snapshot.AssertUnchanged();
        }
    }
}
