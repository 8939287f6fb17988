using System.Globalization;
using LayerEntropy.Data;
using LayerEntropy.Nn;
using LayerEntropy.Onnx;

namespace LayerEntropy.Training;

/// <summary>
/// One training run held open: its data, model, optimiser and trainer. <see cref="TrainingRun"/> trains it to the
/// end; the experiments step it epoch by epoch and look at the model in between.
/// </summary>
internal sealed class TrainingSession
{
    private TrainingSession(TrainSettings settings, Dataset train, Dataset test, Normalization? normalization, Sequential model, Optimizer optimizer, int epochsDone)
    {
        Settings = settings;
        Train = train;
        Test = test;
        Normalization = normalization;
        Model = model;
        Optimizer = optimizer;
        EpochsDone = epochsDone;
        Trainer = new Trainer(model, optimizer, settings.Training.BatchSize, settings.Seed, normalization);
    }

    public TrainSettings Settings { get; }
    public Dataset Train { get; }
    public Dataset Test { get; }
    public Normalization? Normalization { get; }
    public Sequential Model { get; }
    public Optimizer Optimizer { get; }
    public Trainer Trainer { get; }

    /// <summary>Epochs trained so far (those of a resumed file included).</summary>
    public int EpochsDone { get; private set; }

    /// <summary>
    /// Loads the data and builds the model of <paramref name="s"/>, or, with <paramref name="resumeFrom"/>, takes the
    /// model and optimiser state saved there and continues after its epochs.
    /// </summary>
    public static TrainingSession Start(TrainSettings s, string? resumeFrom = null)
    {
        var o = s.Training;
        o.Validate();
        var catalog = new DatasetCatalog(o.DataDir);
        var train = catalog.Load(o.Dataset, DatasetSplit.Train, verify: true);
        if (o.TrainLimit is int limit && limit < train.Count) train = train.Slice(0, limit);
        if (s.ShuffledLabels) train = train.WithLabels(ShuffledLabels(train.Labels, s.Seed));
        var test = catalog.Load(o.Dataset, DatasetSplit.Test, verify: true);
        var normalization = o.Normalize ? Normalization.ForDataset(o.Dataset) ?? Normalization.Measure(train) : null;

        if (resumeFrom is not null)
        {
            var model = OnnxModelFile.Load(resumeFrom).Model;
            var optimizer = MakeOptimizer(o, model);
            string statePath = TrainingStateFile.PathFor(resumeFrom);
            var saved = TrainingStateFile.Load(statePath, optimizer);
            int done = saved.TryGetValue("epochs_done", out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int epochs) ? epochs
                : throw LayerEntropyException.ForFile(statePath, $"its 'epochs_done' entry is {(text is null ? "missing" : $"'{text}', not a count of epochs")}; the file is damaged");
            return new TrainingSession(s, train, test, normalization, model, optimizer, done);
        }
        Sequential built;
        try
        {
            built = ModelSpec.Build(s.Model, [train.Channels, train.Height, train.Width], train.ClassNames.Count, o.Activation, o.Init, s.Seed);
        }
        catch (ArgumentException ex)
        {
            throw new LayerEntropyException($"model spec '{s.Model}' does not fit {o.Dataset} images ({train.Channels}×{train.Height}×{train.Width}): {ex.Message}");
        }
        return new TrainingSession(s, train, test, normalization, built, MakeOptimizer(o, built), 0);
    }

    /// <summary>Trains the next epoch; <paramref name="afterStep"/> sees the 1-based batch number after every optimiser step.</summary>
    /// <param name="epochs">The epoch count progress reports show (the settings' by default).</param>
    public EpochResult TrainEpoch(IProgress<TrainProgress>? progress, CancellationToken cancel, Action<int>? afterStep = null, int? epochs = null)
    {
        var result = Trainer.TrainEpoch(Train, EpochsDone, epochs ?? Settings.Training.Epochs, progress, cancel, afterStep);
        EpochsDone++;
        return result;
    }

    /// <summary>Loss and accuracy on the test split.</summary>
    public Evaluation EvaluateTest(CancellationToken cancel) => Trainer.Evaluate(Model, Test, Normalization, cancel: cancel);

    /// <summary>Loss and accuracy on the training images with the labels they are trained on (shuffled ones included).</summary>
    public Evaluation EvaluateTrain(CancellationToken cancel) => Trainer.Evaluate(Model, Train, Normalization, cancel: cancel);

    /// <summary>What the model file records: how it was trained, so that it can be analysed, resumed or trained again.</summary>
    public Dictionary<string, string> Metadata(double testAccuracy)
    {
        var s = Settings;
        var o = s.Training;
        var metadata = new Dictionary<string, string>
        {
            ["model_spec"] = s.Model,
            ["activation"] = o.Activation.ToString(),
            ["dataset"] = o.Dataset,
            ["class_names"] = string.Join(",", Train.ClassNames),
            ["normalization_mean"] = Normalization is null ? "" : string.Join(",", Normalization.Mean.Select(Invariant)),
            ["normalization_std"] = Normalization is null ? "" : string.Join(",", Normalization.Std.Select(Invariant)),
            ["epochs"] = EpochsDone.ToString(CultureInfo.InvariantCulture),
            ["seed"] = s.Seed.ToString(CultureInfo.InvariantCulture),
            ["test_accuracy"] = Invariant(testAccuracy),
            ["optimizer"] = o.Optimizer.Name(),
            ["learning_rate"] = Invariant(o.LearningRate),
            ["batch_size"] = o.BatchSize.ToString(CultureInfo.InvariantCulture),
            ["init"] = (o.Init ?? InitScheme.Uniform).ToString().ToLowerInvariant(),
        };
        if (o.TrainLimit is int limit) metadata["train_limit"] = limit.ToString(CultureInfo.InvariantCulture);
        if (s.ShuffledLabels) metadata["labels"] = "shuffled";
        return metadata;
    }

    /// <summary>Writes the model alone (a snapshot to analyse, not to resume from), replacing any earlier file whole.</summary>
    public void SaveModel(string path, double testAccuracy) => OnnxModelFile.Save(Model, path, Metadata(testAccuracy));

    /// <summary>Writes the model and, beside it, the optimiser state, as one pair (<see cref="TrainingStateFile.SavePair"/>).</summary>
    public void Save(string path, double testAccuracy)
    {
        var metadata = Metadata(testAccuracy);
        TrainingStateFile.SavePair(path, Model, metadata, Optimizer,
            new Dictionary<string, string>(metadata) { ["epochs_done"] = EpochsDone.ToString(CultureInfo.InvariantCulture) });
    }

    /// <summary>
    /// The shuffled-labels control's labels (Zhang et al. 2017): the same labels, so the same class sizes, dealt to the
    /// images in a random order drawn from the seed.
    /// </summary>
    internal static byte[] ShuffledLabels(byte[] labels, int seed)
    {
        var shuffled = (byte[])labels.Clone();
        var random = new Random(unchecked(seed * 7919 + 104729));
        for (int i = shuffled.Length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (shuffled[i], shuffled[j]) = (shuffled[j], shuffled[i]);
        }
        return shuffled;
    }

    private static Optimizer MakeOptimizer(TrainingOptions o, Sequential model) => o.Optimizer switch
    {
        OptimizerKind.Adam => new Adam(model.Parameters, o.LearningRate, weightDecay: o.WeightDecay),
        OptimizerKind.Sgd => new Sgd(model.Parameters, o.LearningRate, o.Momentum, o.WeightDecay),
        _ => throw LayerEntropyException.ForSetting($"{SettingName.Of<TrainingOptions>(nameof(TrainingOptions.Optimizer))} is no optimiser ({(int)o.Optimizer}); use adam or sgd"),
    };

    private static string Invariant(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Invariant(float v) => v.ToString("R", CultureInfo.InvariantCulture);
}
