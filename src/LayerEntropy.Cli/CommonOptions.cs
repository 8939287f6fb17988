using System.CommandLine;
using LayerEntropy.Nn;
using LayerEntropy.Tensors;

namespace LayerEntropy.Cli;

/// <summary>Parsing shared by several commands.</summary>
internal static class CommonOptions
{
    /// <summary>The epoch cap of the shuffled-labels twin, which trains past the model's epochs until it fits its labels.</summary>
    public static Option<int> TwinMaxEpochs() => new("--twin-max-epochs")
    {
        Description = $"The shuffled-labels twin trains for the model's epochs, then on until it classifies {Training.TrainSettings.TwinFitAccuracy:P0} of its training images as their shuffled labels say, for at most this many epochs in all",
        DefaultValueFactory = _ => Training.TrainSettings.DefaultFitMaxEpochs,
    };

    public static void ApplyThreads(int? threads)
    {
        if (threads is int t)
            Compute.Threads = t >= 1 ? t : throw new LayerEntropyException($"--threads must be at least 1 (got {t})");
    }

    public static ActivationKind ParseActivation(string name) => name switch
    {
        "relu" => ActivationKind.ReLU,
        "leaky-relu" => ActivationKind.LeakyReLU,
        "sigmoid" => ActivationKind.Sigmoid,
        "tanh" => ActivationKind.Tanh,
        _ => throw new LayerEntropyException($"unknown activation '{name}'; use relu, leaky-relu, sigmoid or tanh"),
    };

    public static InitScheme? ParseInit(string? name) => name switch
    {
        null => null,
        "uniform" => InitScheme.Uniform,
        "kaiming" => InitScheme.Kaiming,
        "xavier" => InitScheme.Xavier,
        _ => throw new LayerEntropyException($"unknown initialisation '{name}'; use uniform, kaiming or xavier"),
    };

    /// <summary>A folder name not yet taken: NAME, else NAME-2, NAME-3, ...</summary>
    public static string NewFolder(string name)
    {
        string candidate = name;
        for (int k = 2; Directory.Exists(candidate) || File.Exists(candidate); k++) candidate = $"{name}-{k}";
        return candidate;
    }
}
