namespace LayerEntropy.Tests.Slurm;

/// <summary>An MLP trained for a second on 1,000 MNIST images: a real model to shard, and quick to analyse.</summary>
public sealed class TinyMnistModel() : TrainedMnistModel("mlp:16,12", epochs: 1, images: 1000)
{
    /// <summary>analyze's options for a small, fast analysis of the model on MNIST's test images.</summary>
    public string[] Analyze() => [Path, "--data-dir", TestData.Root, "--limit-per-class", "20", "--bootstrap", "10", "--bins", "8", "--samples", "2", "--no-report"];
}
