using LayerEntropy.Training;

namespace LayerEntropy.Tests;

/// <summary>An MLP trained once on the first MNIST training images, for a test class to analyse (a class fixture's base).</summary>
public abstract class TrainedMnistModel : IDisposable
{
    private readonly TempDir dir = new();

    protected TrainedMnistModel(string spec, int epochs, int images)
    {
        Path = dir.File("mlp.onnx");
        TrainingRun.Execute(new TrainSettings
        {
            Model = spec, Training = new() { Epochs = epochs, TrainLimit = images, BatchSize = 50, LearningRate = 3e-3f, DataDir = TestData.Root }, Output = Path,
        });
    }

    public string Path { get; }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing) dir.Dispose();
    }
}
