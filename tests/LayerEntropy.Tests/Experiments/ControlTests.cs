using System.Text.Json;
using LayerEntropy.Analysis;
using LayerEntropy.Cli;
using LayerEntropy.Data;
using LayerEntropy.Experiments;
using LayerEntropy.Nn;
using LayerEntropy.Onnx;
using LayerEntropy.Tests.Analysis;
using LayerEntropy.Training;

namespace LayerEntropy.Tests.Experiments;

/// <summary>
/// The controls of analyze --control on real MNIST: the reinit control against the trainer's own initial network, its
/// analysis against the analyzer run directly, the shuffled-labels twin against the trainer run on shuffled labels.
/// </summary>
[Collection(ThreadCountCollection.Name)]
public sealed class ControlTests : IClassFixture<ControlTests.TrainedModel>
{
    private readonly TrainedModel trained;

    public ControlTests(TrainedModel trained) => this.trained = trained;

    /// <summary>A tiny MLP trained once for the class with seed 3 (not the default), so that the recorded seed is the one that matters.</summary>
    public sealed class TrainedModel : IDisposable
    {
        private readonly TempDir dir = new();

        public TrainedModel()
        {
            Path = dir.File("mlp.onnx");
            Settings = new TrainSettings
            {
                Model = "mlp:32,16", Training = new() { Epochs = 1, TrainLimit = 2000, BatchSize = 50, LearningRate = 3e-3f, DataDir = TestData.Root }, Seed = 3, Output = Path,
            };
            Report = TrainingRun.Execute(Settings);
        }

        public string Path { get; }
        public TrainSettings Settings { get; }
        public TrainReport Report { get; }

        public void Dispose() => dir.Dispose();
    }

    private static readonly AnalysisOptions Small = new() { Bootstrap = 0, LimitPerClass = 100, Bins = 8, Samples = 1 };

    private AnalyzeSettings Analysis(string? model = null) => new() { Model = model ?? trained.Path, DataDir = TestData.Root, Options = Small };

    private static int[] Bits(Sequential model) =>
        [.. model.Parameters.SelectMany(p => p.Value.Data).Select(BitConverter.SingleToInt32Bits)];

    [Fact]
    public void ReinitRedrawsTheNetworkTheTrainerStartedFrom()
    {
        var control = ControlModels.Build(Analysis(), ControlKinds.Reinit);
        var start = ModelSpec.Build("mlp:32,16", [1, 28, 28], 10, seed: 3);
        Assert.Equal(Bits(start), Bits(control.Network!));
        Assert.NotEqual(Bits(OnnxModelFile.Load(trained.Path).Model), Bits(control.Network!));
        Assert.True(control.Saved);
        Assert.Contains("uniform, seed 3", control.Description);
        Assert.Contains("the network its training started from", control.Description);
        // Its accuracy is the untrained network's on the whole test split, measured here apart.
        var test = new DatasetCatalog(TestData.Root).Load("mnist", DatasetSplit.Test);
        Assert.Equal(Trainer.Evaluate(start, test).Accuracy, control.TestAccuracy);

        var other = ControlModels.Build(Analysis(), ControlKinds.Reinit, seed: 11);
        Assert.Equal(Bits(ModelSpec.Build("mlp:32,16", [1, 28, 28], 10, seed: 11)), Bits(other.Network!));
        Assert.DoesNotContain("started from", other.Description);
    }

    [Fact]
    public void ReinitFollowsTheRecordedSchemeAndSeedThroughConvolutionsAndDropout()
    {
        // A file as the trainer would write it, whose weights are not its start: drawn from another seed.
        using var dir = new TempDir();
        const string spec = "cnn:c4,p,d0.25|fc12,d0.5,fc8";
        string path = dir.File("cnn.onnx");
        var metadata = new Dictionary<string, string> { ["model_spec"] = spec, ["activation"] = "Tanh", ["dataset"] = "mnist", ["seed"] = "7", ["init"] = "kaiming" };
        OnnxModelFile.Save(ModelSpec.Build(spec, [1, 28, 28], 10, ActivationKind.Tanh, InitScheme.Kaiming, 99), path, metadata);

        var control = ControlModels.Build(Analysis(path), ControlKinds.Reinit);
        Assert.Equal(Bits(ModelSpec.Build(spec, [1, 28, 28], 10, ActivationKind.Tanh, InitScheme.Kaiming, 7)), Bits(control.Network!));
        Assert.Contains("kaiming, seed 7", control.Description);
    }

    [Fact]
    public void ControlAnalysisIsTheAnalyzerOnTheRebuiltNetwork()
    {
        using var dir = new TempDir();
        var settings = Analysis();
        var control = ControlModels.Build(settings, ControlKinds.Reinit);
        var result = ControlAnalysis.Run(settings, [control], dir.Path, reports: true);

        // The model's own result is what a plain analysis gives.
        var plain = ModelAnalysis.Run(settings);
        Assert.Equal(Json(plain.Taps), Json(result.Taps));
        Assert.StartsWith(plain.Summary + "; the reinit control", result.Summary);

        // The control's: the analyzer on the trainer's starting network, with the same inputs and options.
        var start = ModelSpec.Build("mlp:32,16", [1, 28, 28], 10, seed: 3);
        var test = new DatasetCatalog(TestData.Root).Load("mnist", DatasetSplit.Test);
        var expected = Analyzer.Analyze(start, test, new AnalysisRequest { Options = Small });
        var written = AnalysisJson.Load(dir.File("controls", "reinit", "analysis.json"));
        Assert.Equal(Json(expected.Taps), Json(written.Taps));
        Assert.Equal(Json(expected.Findings), Json(written.Findings));
        Assert.Equal(dir.File("controls", "reinit", "model.onnx"), written.Manifest.Model);
        Assert.Equal(Bits(start), Bits(OnnxModelFile.Load(dir.File("controls", "reinit", "model.onnx")).Model));
        Assert.True(File.Exists(dir.File("controls", "reinit", "measures.csv")));
        Assert.True(File.Exists(dir.File("controls", "reinit", "report.html")));

        var profile = Assert.Single(result.Controls!);
        Assert.Equal(new[] { ControlKinds.Reinit, "controls/reinit/model.onnx", "controls/reinit" }, new[] { profile.Kind, profile.Model, profile.Analysis });
        Assert.Equal(Json(expected.Findings), Json(profile.Findings));
        Assert.Equal(Trainer.Evaluate(start, test).Accuracy, profile.TestAccuracy);
        Assert.InRange(profile.TestAccuracy!.Value, 0.02, 0.25);

        // The profile survives analysis.json.
        var back = AnalysisJson.Deserialize(AnalysisJson.Serialize(result), "analysis.json");
        DeepEqual.Assert(result.Controls, back.Controls);
        Assert.Equal(result.Summary, back.Summary);
    }

    [Fact]
    public void ShuffledLabelsTwinIsTheTrainerOnShuffledLabels()
    {
        using var dir = new TempDir();
        var twin = ControlModels.Build(Analysis(), ControlKinds.ShuffledLabels);
        var expected = TrainingRun.Execute(trained.Settings with
        {
            ShuffledLabels = true, FitTrainAccuracy = TrainSettings.TwinFitAccuracy, FitMaxEpochs = TrainSettings.DefaultFitMaxEpochs, Output = dir.File("twin.onnx"),
        });
        Assert.Equal(expected.Epochs.Count, twin.Fit!.Epochs);
        Assert.Equal(expected.FitAccuracy, twin.Fit.TrainAccuracy);
        Assert.Equal(Bits(OnnxModelFile.Load(expected.ModelPath).Model), Bits(twin.Network!));
        Assert.Equal(expected.TestAccuracy, twin.TestAccuracy);
        // Near chance, far below the model: a network fitted to labels dealt at random sends each digit's images to
        // some label or other, and is right only where a digit happens to land on its own (one in ten on average,
        // though one seed may see two or three digits do so), while the same recipe on true labels learns.
        Assert.InRange(twin.TestAccuracy!.Value, 0, 0.3);
        Assert.True(trained.Report.TestAccuracy > 0.7, $"the model itself learned: {trained.Report.TestAccuracy:P1}");
        // Trained from the same settings, the twin's files are the trainer's byte for byte.
        Assert.Equal(File.ReadAllBytes(expected.ModelPath), twin.Files.Single(f => f.Name == "model.onnx").Bytes);
        Assert.Equal(File.ReadAllBytes(expected.StatePath), twin.Files.Single(f => f.Name == "model.state").Bytes);
        Assert.StartsWith("mlp:32,16 trained as the model was (mnist, the first 2000 training images, adam, learning rate 0.003, batch 50, uniform init, seed 3) on its training labels dealt to the images at random, for the model's 1 epoch and on until it fits 90 % of them (at most 100 epochs)", twin.Description);

        var result = ControlAnalysis.Run(Analysis(), [twin], dir.File("out"), reports: false);
        var profile = Assert.Single(result.Controls!);
        Assert.Equal(expected.TestAccuracy, profile.TestAccuracy);
        Assert.Equal(File.ReadAllBytes(expected.ModelPath), File.ReadAllBytes(dir.File("out", "controls", "shuffled-labels", "model.onnx")));
        Assert.False(File.Exists(dir.File("out", "controls", "shuffled-labels", "report.html")));
    }

    [Fact]
    public void ShuffledLabelsTwinTrainsUntilItFitsItsLabels()
    {
        // Wide enough to memorise a thousand labels dealt at random, in a few dozen epochs; after the model's one epoch it
        // is near chance on them.
        using var dir = new TempDir();
        var settings = new TrainSettings
        {
            Model = "mlp:256", Training = new() { Epochs = 1, TrainLimit = 1000, BatchSize = 50, LearningRate = 3e-3f, DataDir = TestData.Root }, Seed = 5, Output = dir.File("wide.onnx"),
        };
        TrainingRun.Execute(settings);
        var twin = ControlModels.Build(Analysis(settings.Output), ControlKinds.ShuffledLabels, twinMaxEpochs: 80);
        var fit = twin.Fit!;
        Assert.True(fit.Reached, fit.Describe());
        Assert.InRange(fit.Epochs, 2, 80);
        Assert.Equal(TrainSettings.TwinFitAccuracy, fit.Target);

        // Independently: the twin's network on its training images with the labels it was dealt.
        var train = new DatasetCatalog(TestData.Root).Load("mnist", DatasetSplit.Train).Slice(0, 1000);
        var shuffled = train.WithLabels(TrainingSession.ShuffledLabels(train.Labels, settings.Seed));
        var seen = Trainer.Evaluate(twin.Network!, shuffled);
        Assert.Equal(fit.TrainAccuracy, seen.Accuracy);
        Assert.True(seen.Accuracy >= 0.9, $"the twin classifies {seen.Accuracy:P1} of its training images as their shuffled labels say");
        Assert.True(Trainer.Evaluate(twin.Network!, train).Accuracy < 0.3, "and the true labels of the same images at about chance");
        Assert.Contains($"it fitted its shuffled labels: ", twin.Description, StringComparison.Ordinal);

        var result = ControlAnalysis.Run(Analysis(settings.Output), [twin], dir.File("out"), reports: false);
        Assert.Equal(fit, Assert.Single(result.Controls!).Fit);
        Assert.DoesNotContain(result.Warnings, w => w.Contains("did not fit", StringComparison.Ordinal));
        var back = AnalysisJson.Deserialize(AnalysisJson.Serialize(result), "analysis.json");
        Assert.Equal(fit, Assert.Single(back.Controls!).Fit);
    }

    [Fact]
    public void ATwinStoppedByItsEpochCapSaysItDidNotFit()
    {
        using var dir = new TempDir();
        var twin = ControlModels.Build(Analysis(), ControlKinds.ShuffledLabels, twinMaxEpochs: 1);
        Assert.False(twin.Fit!.Reached);
        Assert.Equal(1, twin.Fit.Epochs);
        var result = ControlAnalysis.Run(Analysis(), [twin], dir.File("out"), reports: false);
        Assert.Contains(result.Warnings, w => w.StartsWith("shuffled-labels control: it did not fit its shuffled labels", StringComparison.Ordinal)
            && w.Contains("at the cap of 1 epochs", StringComparison.Ordinal));
    }

    [Fact]
    public void AnOlderFileIsTrainedAgainFromWhatItRecordsAndItsStateFile()
    {
        // Metadata as files had it before the optimiser, rate, batch, init and limit were recorded; the .state file
        // beside it holds the SGD settings.
        using var dir = new TempDir();
        string path = dir.File("old.onnx");
        var model = ModelSpec.Build("mlp:8", [1, 28, 28], 10, seed: 4);
        var metadata = new Dictionary<string, string>
        {
            ["model_spec"] = "mlp:8", ["activation"] = "Sigmoid", ["dataset"] = "fashion-mnist", ["epochs"] = "2", ["seed"] = "4",
            ["normalization_mean"] = "0.2", ["normalization_std"] = "0.3", ["test_accuracy"] = "0.5",
        };
        OnnxModelFile.Save(model, path, metadata);
        TrainingStateFile.Save(TrainingStateFile.PathFor(path), new Sgd(model.Parameters, 0.05f, 0.5f, 1e-4f), metadata);

        var recorded = new RecordedTraining(path, metadata);
        var settings = recorded.Settings(seed: 9, dataDir: "data");
        var expected = new TrainSettings
        {
            Model = "mlp:8", Seed = 9,
            Training = new()
            {
                Dataset = "fashion-mnist", Activation = ActivationKind.Sigmoid, Init = InitScheme.Uniform, Epochs = 2, BatchSize = 128,
                Optimizer = OptimizerKind.Sgd, LearningRate = 0.05f, Momentum = 0.5f, WeightDecay = 1e-4f, Normalize = true, TrainLimit = null, DataDir = "data",
            },
        };
        Assert.Equal(expected, settings);
        Assert.Equal(["no train_limit recorded: all training images", "no init recorded: uniform", "no batch_size recorded: 128"], recorded.Defaults);
    }

    [Fact]
    public void ShuffledLabelsRefusesAModelWithoutItsTrainingRecord()
    {
        using var dir = new TempDir();
        string path = dir.File("bare.onnx");
        OnnxModelFile.Save(ModelSpec.Build("mlp:8", [1, 28, 28], 10), path);
        var e = Assert.Throws<LayerEntropyException>(() => ControlModels.Build(Analysis(path), ControlKinds.ShuffledLabels));
        Assert.StartsWith(path + ": the shuffled-labels control needs a model trained by layerentropy train", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal(["bare.onnx"], dir.Files());
    }

    [Fact]
    public void AResultWithoutControlsHasNoControlsKey()
    {
        var result = ModelAnalysis.Run(Analysis() with { Options = Small with { LimitPerClass = 10 } });
        Assert.Null(result.Controls);
        using var doc = JsonDocument.Parse(AnalysisJson.Serialize(result));
        Assert.False(doc.RootElement.TryGetProperty("controls", out _));
        Assert.True(doc.RootElement.TryGetProperty("summary", out _));
    }

    [Theory]
    [InlineData("reinit,shuffled-labels", new[] { "reinit", "shuffled-labels" })]
    [InlineData(" Shuffled-Labels , reinit,reinit", new[] { "shuffled-labels", "reinit" })]
    public void KindsAreReadFromCommasAndRepeats(string text, string[] expected) =>
        Assert.Equal(expected, OptionText.Controls([text]));

    [Fact]
    public void UnknownKindsAndShardsAreRefused()
    {
        Assert.Contains("unknown control 'random'", Assert.Throws<LayerEntropyException>(() => OptionText.Controls(["reinit", "random"])).Message);
        Assert.Contains("--shard", SettingFlags.Describe(Assert.Throws<LayerEntropyException>(() => ControlModels.Build(Analysis() with { Shard = (0, 2) }, ControlKinds.Reinit))));
        Assert.Contains("--correct-only", SettingFlags.Describe(Assert.Throws<LayerEntropyException>(() =>
            ControlAnalysis.Run(Analysis() with { Options = Small with { CorrectOnly = true } }, [], "unused"))));
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, AnalysisJson.Options);
}
