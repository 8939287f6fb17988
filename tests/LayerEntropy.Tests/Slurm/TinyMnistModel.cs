using LayerEntropy.Training;

namespace LayerEntropy.Tests.Slurm;

/// <summary>An MLP trained for a second on 1,000 MNIST images: a real model to shard, and quick to analyse.</summary>
public sealed class TinyMnistModel : IDisposable
{
    private readonly TempDir dir = new();

    public TinyMnistModel()
    {
        Path = dir.File("tiny.onnx");
        TrainingRun.Execute(new TrainSettings
        {
            Model = "mlp:16,12", Epochs = 1, TrainLimit = 1000, BatchSize = 50, LearningRate = 3e-3f, Output = Path, DataDir = TestData.Root,
        });
    }

    public string Path { get; }

    /// <summary>analyze's options for a small, fast analysis of the model on MNIST's test images.</summary>
    public string[] Analyze() => [Path, "--data-dir", TestData.Root, "--limit-per-class", "20", "--bootstrap", "10", "--bins", "8", "--samples", "2", "--no-report"];

    public void Dispose() => dir.Dispose();
}
