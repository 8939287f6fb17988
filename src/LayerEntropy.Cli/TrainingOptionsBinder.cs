using System.CommandLine;
using LayerEntropy.Nn;
using LayerEntropy.Training;

namespace LayerEntropy.Cli;

/// <summary>The options every training command shares (data, optimiser, nonlinearity, initialisation), and their binding.</summary>
internal sealed class TrainingOptionsBinder
{
    private readonly Option<string> dataset = new("--dataset", "-d") { Description = "mnist, fashion-mnist or cifar10", DefaultValueFactory = _ => "mnist" };
    private readonly Option<string> activation = new("--activation") { Description = "Hidden-layer nonlinearity", DefaultValueFactory = _ => "relu" };
    private readonly Option<string?> init = new("--init") { Description = "Weight initialisation: uniform (U(±1/√fan_in), PyTorch's default), kaiming (He, for ReLU) or xavier (Glorot, for sigmoid and tanh); default uniform" };
    private readonly Option<int> batch = new("--batch", "-b") { Description = "Batch size", DefaultValueFactory = _ => 128 };
    private readonly Option<string> optimizer = new("--optimizer") { Description = "adam or sgd", DefaultValueFactory = _ => "adam" };
    private readonly Option<float> lr = new("--lr") { Description = "Learning rate", DefaultValueFactory = _ => 1e-3f };
    private readonly Option<bool> normalize = new("--normalize") { Description = "Normalise pixels by the dataset's channel mean and std (after scaling to [0, 1])" };
    private readonly Option<int?> limit = new("--limit") { Description = "Train on the first N training images only" };
    private readonly Option<string?> dataDir = new("--data-dir") { Description = "Folder with the datasets (else $LAYERENTROPY_DATA, then ~/.cache/layerentropy)" };

    public TrainingOptionsBinder()
    {
        activation.AcceptOnlyFromAmong("relu", "leaky-relu", "sigmoid", "tanh");
        init.AcceptOnlyFromAmong("uniform", "kaiming", "xavier");
        optimizer.AcceptOnlyFromAmong("adam", "sgd");
    }

    /// <summary>Puts the options first in the command's help, where a user looks for the dataset.</summary>
    public void AddTo(Command command)
    {
        Option[] shared = [dataset, activation, init, batch, optimizer, lr, normalize, limit, dataDir];
        for (int i = 0; i < shared.Length; i++) command.Options.Insert(i, shared[i]);
    }

    /// <summary>The shared choices as training options (the epochs and the optimiser's momentum and decay at their defaults, for the command to fill in).</summary>
    public TrainingOptions Bind(ParseResult parse) => new()
    {
        Dataset = parse.GetValue(dataset)!,
        Activation = CommonOptions.ParseActivation(parse.GetValue(activation)!),
        Init = CommonOptions.ParseInit(parse.GetValue(init)),
        BatchSize = parse.GetValue(batch),
        Optimizer = Enum.Parse<OptimizerKind>(parse.GetValue(optimizer)!, ignoreCase: true),
        LearningRate = parse.GetValue(lr),
        Normalize = parse.GetValue(normalize),
        TrainLimit = parse.GetValue(limit),
        DataDir = parse.GetValue(dataDir),
    };
}
