using LayerEntropy.Nn;
using LayerEntropy.Onnx;
using static LayerEntropy.Tests.Onnx.OnnxTestModels;

namespace LayerEntropy.Tests.Onnx;

public class TrainingStateFileTests
{
    private static readonly Dictionary<string, string> Info = new() { ["epochs"] = "3", ["seed"] = "7", ["spec"] = "mlp:64,32", ["batch"] = "32" };

    [Fact]
    public void State_file_sits_beside_the_model_with_the_extension_state() =>
        Assert.Equal(Path.Combine("runs", "a", "model.state"), TrainingStateFile.PathFor(Path.Combine("runs", "a", "model.onnx")));

    [Fact]
    public void Round_trip_restores_steps_and_every_array_bitwise_and_returns_the_info()
    {
        using var folder = new TempDir();
        string path = folder.File("model.state");
        var model = Build("cnn-dropout");
        var adam = new Adam(model.Parameters, 2e-3f, beta2: 0.99f);
        TakeSteps(adam, 3, seed: 1);

        TrainingStateFile.Save(path, adam, Info);
        var restored = new Adam(Build("cnn-dropout").Parameters, 2e-3f, beta2: 0.99f);
        var info = TrainingStateFile.Load(path, restored);

        Assert.Equal(3, restored.Steps);
        Assert.Equal(adam.State.Select(Bits), restored.State.Select(Bits));
        Assert.Equal(Info.OrderBy(e => e.Key), info.OrderBy(e => e.Key));
        var header = TrainingStateFile.ReadHeader(path);
        Assert.Equal(("adam", 3L), (header.OptimizerKind, header.Steps));
        Assert.Equal(adam.Settings.OrderBy(e => e.Key), header.Settings.OrderBy(e => e.Key));
    }

    [Fact]
    public void A_run_resumed_from_model_and_state_files_continues_bit_for_bit()
    {
        using var folder = new TempDir();
        string modelPath = folder.File("model.onnx"), statePath = TrainingStateFile.PathFor(modelPath);
        var model = Build("mlp");
        var sgd = new Sgd(model.Parameters, 0.05f, momentum: 0.9f, weightDecay: 1e-4f);
        TakeSteps(sgd, 2, seed: 1);
        OnnxModelFile.Save(model, modelPath);
        TrainingStateFile.Save(statePath, sgd, Info);

        var resumedModel = OnnxModelFile.Load(modelPath).Model;
        var resumed = new Sgd(resumedModel.Parameters, 0.05f, momentum: 0.9f, weightDecay: 1e-4f);
        TrainingStateFile.Load(statePath, resumed);
        TakeSteps(sgd, 2, seed: 2);
        TakeSteps(resumed, 2, seed: 2);

        Assert.Equal(model.Parameters.Select(p => Bits(p.Value.Data)), resumedModel.Parameters.Select(p => Bits(p.Value.Data)));
    }

    [Fact]
    public void Truncated_file_is_refused_and_leaves_the_optimizer_untouched()
    {
        using var folder = new TempDir();
        string path = folder.File("model.state");
        var adam = new Adam(Build("mlp").Parameters);
        TakeSteps(adam, 1, seed: 1);
        TrainingStateFile.Save(path, adam, Info);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^10]);
        var fresh = new Adam(Build("mlp").Parameters);

        var e = Assert.Throws<LayerEntropyException>(() => TrainingStateFile.Load(path, fresh));

        Assert.StartsWith($"{path}: training state file is truncated", e.Message);
        Assert.Equal(0, fresh.Steps);
        Assert.All(fresh.State, s => Assert.All(s, v => Assert.Equal(0f, v)));
    }

    [Theory]
    [InlineData("kind", "holds 'adam' optimizer state, but the optimizer is 'sgd'")]
    [InlineData("model", "holds 12 state arrays, but the optimizer has 20 (was it saved for another model?)")]
    [InlineData("lengths", "state array 0 has 50176 values, but the optimizer's has 2048 (was it saved for another model?)")]
    [InlineData("text", "not a training state file")]
    [InlineData("missing", "training state file not found")]
    public void Mismatched_or_bad_files_are_refused_naming_the_file(string change, string problem)
    {
        using var folder = new TempDir();
        string path = folder.File("model.state");
        TrainingStateFile.Save(path, new Adam(Build("mlp").Parameters), Info);
        Optimizer target = change switch
        {
            "kind" => new Sgd(Build("mlp").Parameters, 0.1f),
            "model" => new Adam(Build("lenet").Parameters),
            "lengths" => new Adam(Build("sigmoid").Parameters),
            _ => new Adam(Build("mlp").Parameters),
        };
        if (change == "text") File.WriteAllText(path, "epochs=3\n");
        if (change == "missing") File.Delete(path);

        var e = Assert.Throws<LayerEntropyException>(() => TrainingStateFile.Load(path, target));

        Assert.Equal($"{path}: {problem}", e.Message.Split(" (its first")[0]);
    }

    /// <summary>Steps with seeded random gradients, so two optimizers fed the same seed see the same updates.</summary>
    private static void TakeSteps(Optimizer optimizer, int steps, int seed)
    {
        var random = new Random(seed);
        for (int s = 0; s < steps; s++)
        {
            foreach (var p in optimizer.ParameterList)
                for (int i = 0; i < p.Grad.Length; i++) p.Grad[i] = random.NextSingle() - 0.5f;
            optimizer.Step();
        }
    }
}
