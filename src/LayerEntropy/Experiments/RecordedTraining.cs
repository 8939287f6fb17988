using System.Globalization;
using LayerEntropy.Nn;
using LayerEntropy.Onnx;
using LayerEntropy.Training;

namespace LayerEntropy.Experiments;

/// <summary>
/// How a model file says it was trained: the metadata `layerentropy train` writes, then the optimiser settings of the
/// .state file beside it, then the trainer's defaults (<see cref="TrainSettings"/>) for what an older file leaves out.
/// Every default taken is noted, so a control built from it can say where it may differ from the model's run.
/// </summary>
internal sealed class RecordedTraining
{
    private readonly string path;
    private readonly IReadOnlyDictionary<string, string> metadata;
    private readonly TrainingStateHeader? state;
    private readonly List<string> defaults = [];

    public RecordedTraining(string path, IReadOnlyDictionary<string, string> metadata)
    {
        this.path = path;
        this.metadata = metadata;
        string statePath = TrainingStateFile.PathFor(path);
        // The state file is only a second source (older model files lack the optimiser's settings); one that
        // cannot be read is passed over rather than failing a control that may not need it.
        try
        {
            state = File.Exists(statePath) ? TrainingStateFile.ReadHeader(statePath) : null;
        }
        catch (LayerEntropyException)
        {
            state = null;
        }
    }

    /// <summary>What was taken from the trainer's defaults, one phrase each ("no init recorded: uniform").</summary>
    public IReadOnlyList<string> Defaults => defaults;

    /// <summary>Whether the file records the spec it was built from, which only `layerentropy train` writes.</summary>
    public bool HasSpec => metadata.ContainsKey("model_spec");

    public string? Spec => metadata.GetValueOrDefault("model_spec");

    /// <summary>The initialisation scheme the model was drawn with; uniform, the trainer's default, when the file has none.</summary>
    public InitScheme Init()
    {
        if (!metadata.TryGetValue("init", out var text)) return Default("init", InitScheme.Uniform, "uniform");
        return Enum.TryParse<InitScheme>(text, ignoreCase: true, out var scheme) && Enum.IsDefined(scheme)
            ? scheme : throw Bad("init", text, "uniform, kaiming or xavier");
    }

    /// <summary>The seed the model was trained with; 0, the trainer's default, when the file has none.</summary>
    public int Seed() => Int("seed", new TrainSettings().Seed);

    /// <summary>The settings of the model's run, as recorded, with <paramref name="seed"/> in place of its seed when given.</summary>
    public TrainSettings Settings(int? seed, string? dataDir)
    {
        var fallback = new TrainingOptions();
        string spec = Spec ?? throw new InvalidOperationException("the file records no model_spec");
        var activation = metadata.TryGetValue("activation", out var a)
            ? Enum.TryParse<ActivationKind>(a, ignoreCase: true, out var kind) && Enum.IsDefined(kind) ? kind : throw Bad("activation", a, "an activation name")
            : Default("activation", fallback.Activation, fallback.Activation.ToString());
        string? optimizerName = metadata.GetValueOrDefault("optimizer") ?? state?.OptimizerKind;
        var optimizer = optimizerName is null ? Default("optimizer", fallback.Optimizer, fallback.Optimizer.Name())
            : OptimizerKinds.Parse(optimizerName) ?? throw Bad("optimizer", optimizerName, "adam or sgd");
        // Files written before the limit was recorded cannot say whether it was used.
        int? limit = metadata.ContainsKey("train_limit") ? Int("train_limit", 0)
            : metadata.ContainsKey("optimizer") ? null : Default<int?>("train_limit", null, "all training images");
        return new TrainSettings
        {
            Model = spec,
            Training = new TrainingOptions
            {
                Dataset = metadata.GetValueOrDefault("dataset") ?? Default("dataset", fallback.Dataset, fallback.Dataset),
                Activation = activation,
                Init = Init(),
                Epochs = Int("epochs", fallback.Epochs),
                BatchSize = !metadata.ContainsKey("batch_size") && state is not null && state.Info.TryGetValue("batch_size", out var batch)
                    ? Parse("batch_size", batch) : Int("batch_size", fallback.BatchSize),
                Optimizer = optimizer,
                LearningRate = metadata.ContainsKey("learning_rate") ? Float("learning_rate") : StateSetting("lr", "learning_rate", fallback.LearningRate),
                Momentum = optimizer == OptimizerKind.Sgd ? StateSetting("momentum", "momentum", fallback.Momentum) : fallback.Momentum,
                WeightDecay = StateSetting("weight_decay", "weight_decay", fallback.WeightDecay),
                Normalize = metadata.TryGetValue("normalization_mean", out var mean) && mean.Length > 0,
                TrainLimit = limit,
                DataDir = dataDir,
            },
            Seed = seed ?? Seed(),
        };
    }

    /// <summary>A setting only the .state file holds (or holds for older model files); the default when it is not there.</summary>
    private float StateSetting(string key, string name, float fallback)
    {
        if (state is not null && state.Settings.TryGetValue(key, out double v)) return (float)v;
        return Default(name, fallback, fallback.ToString(CultureInfo.InvariantCulture));
    }

    private T Default<T>(string key, T value, string shown)
    {
        defaults.Add($"no {key} recorded: {shown}");
        return value;
    }

    private int Int(string key, int fallback) =>
        metadata.TryGetValue(key, out var text) ? Parse(key, text) : Default(key, fallback, fallback.ToString(CultureInfo.InvariantCulture));

    private int Parse(string key, string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v) ? v : throw Bad(key, text, "a whole number");

    private float Float(string key) =>
        float.TryParse(metadata[key], NumberStyles.Float, CultureInfo.InvariantCulture, out float v) ? v : throw Bad(key, metadata[key], "a number");

    private LayerEntropyException Bad(string key, string value, string expected) =>
        LayerEntropyException.ForFile(path, $"metadata '{key}' is '{value}', expected {expected}");
}
