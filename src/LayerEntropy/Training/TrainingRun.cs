using System.Globalization;
using LayerEntropy.Data;
using LayerEntropy.Nn;
using LayerEntropy.Onnx;
using LayerEntropy.Tensors;

namespace LayerEntropy.Training;

/// <summary>
/// Trains a model on a catalogued dataset, evaluates it on the test split and writes the ONNX file with its
/// optimiser state beside it. Nothing is written until training has finished, and then atomically, so an
/// interrupted or failed run leaves earlier files as they were.
/// </summary>
public static class TrainingRun
{
    public static TrainReport Execute(TrainSettings s, IProgress<TrainProgress>? progress = null, CancellationToken cancel = default)
    {
        if (s.Epochs < 1) throw new LayerEntropyException($"--epochs must be at least 1 (got {s.Epochs})");
        if (s.BatchSize < 1) throw new LayerEntropyException($"--batch must be at least 1 (got {s.BatchSize})");
        if (!(s.LearningRate > 0)) throw new LayerEntropyException($"--lr must be positive (got {s.LearningRate})");
        string statePath = TrainingStateFile.PathFor(s.Output);
        OnnxModel? saved = null;
        if (s.Resume)
        {
            // A resumed run keeps what fixed the saved one (dataset, spec, normalisation, optimiser, seed), so its
            // remaining epochs are those of the unbroken run whatever today's options say.
            saved = OnnxModelFile.Load(s.Output);
            var info = TrainingStateFile.ReadHeader(statePath);
            string Saved(string key) => info.Info.TryGetValue(key, out var v) ? v
                : throw LayerEntropyException.ForFile(statePath, $"has no '{key}' entry; it was not written by layerentropy train");
            s = s with
            {
                Dataset = Saved("dataset"), Model = Saved("model_spec"), Optimizer = info.OptimizerKind,
                Activation = Enum.Parse<ActivationKind>(Saved("activation")),
                Seed = int.Parse(Saved("seed"), CultureInfo.InvariantCulture), Normalize = Saved("normalization_mean").Length > 0,
            };
        }

        var catalog = new DatasetCatalog(s.DataDir);
        var train = catalog.Load(s.Dataset, DatasetSplit.Train, verify: true);
        if (s.TrainLimit is int limit && limit < train.Count) train = train.Slice(0, limit);
        var test = catalog.Load(s.Dataset, DatasetSplit.Test, verify: true);
        var normalization = s.Normalize ? Normalization.ForDataset(s.Dataset) ?? Normalization.Measure(train) : null;

        Sequential model;
        Optimizer optimizer;
        int startEpoch = 0;
        if (saved is not null)
        {
            model = saved.Model;
            optimizer = MakeOptimizer(s, model);
            startEpoch = int.Parse(TrainingStateFile.Load(statePath, optimizer)["epochs_done"], CultureInfo.InvariantCulture);
            if (startEpoch >= s.Epochs)
                throw LayerEntropyException.ForFile(s.Output, $"already trained for {startEpoch} epochs; ask for more with --epochs");
        }
        else
        {
            try
            {
                model = ModelSpec.Build(s.Model, [train.Channels, train.Height, train.Width], train.ClassNames.Count, s.Activation, s.Init, s.Seed);
            }
            catch (ArgumentException ex)
            {
                throw new LayerEntropyException($"model spec '{s.Model}' does not fit {s.Dataset} images ({train.Channels}×{train.Height}×{train.Width}): {ex.Message}");
            }
            optimizer = MakeOptimizer(s, model);
        }

        var trainer = new Trainer(model, optimizer, s.BatchSize, s.Seed, normalization);
        var epochs = new List<EpochResult>();
        for (int e = startEpoch; e < s.Epochs; e++)
            epochs.Add(trainer.TrainEpoch(train, e, s.Epochs, progress, cancel));
        var eval = Trainer.Evaluate(model, test, normalization, cancel: cancel);

        var metadata = new Dictionary<string, string>
        {
            ["model_spec"] = s.Model,
            ["activation"] = s.Activation.ToString(),
            ["dataset"] = s.Dataset,
            ["class_names"] = string.Join(",", train.ClassNames),
            ["normalization_mean"] = normalization is null ? "" : string.Join(",", normalization.Mean.Select(Invariant)),
            ["normalization_std"] = normalization is null ? "" : string.Join(",", normalization.Std.Select(Invariant)),
            ["epochs"] = s.Epochs.ToString(CultureInfo.InvariantCulture),
            ["seed"] = s.Seed.ToString(CultureInfo.InvariantCulture),
            ["test_accuracy"] = Invariant(eval.Accuracy),
        };
        cancel.ThrowIfCancellationRequested();
        OnnxModelFile.Save(model, s.Output, metadata);
        TrainingStateFile.Save(statePath, optimizer, new Dictionary<string, string>(metadata) { ["epochs_done"] = s.Epochs.ToString(CultureInfo.InvariantCulture) });
        return new TrainReport(s.Output, statePath, s.Dataset, s.Model, model.ParameterCount, Compute.Threads, s.Seed, epochs, eval.Loss, eval.Accuracy);
    }

    private static Optimizer MakeOptimizer(TrainSettings s, Sequential model) => s.Optimizer.ToLowerInvariant() switch
    {
        "adam" => new Adam(model.Parameters, s.LearningRate, weightDecay: s.WeightDecay),
        "sgd" => new Sgd(model.Parameters, s.LearningRate, s.Momentum, s.WeightDecay),
        _ => throw new LayerEntropyException($"unknown optimizer '{s.Optimizer}'; use adam or sgd"),
    };

    private static string Invariant(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Invariant(float v) => v.ToString("R", CultureInfo.InvariantCulture);
}
