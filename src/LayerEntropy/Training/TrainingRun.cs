using System.Globalization;
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
        string statePath = TrainingStateFile.PathFor(s.Output);
        if (s.Resume)
        {
            // A resumed run keeps what fixed the saved one (dataset, spec, normalisation, optimiser, seed, labels), so
            // its remaining epochs are those of the unbroken run whatever today's options say.
            if (!File.Exists(s.Output)) throw LayerEntropyException.ForSetting($"{s.Output}: file not found; {SettingName.Of<TrainSettings>(nameof(s.Resume))} continues the model saved there");
            var info = TrainingStateFile.ReadHeader(statePath);
            TrainingStateFile.CheckPair(s.Output, info);
            string Saved(string key) => info.Info.TryGetValue(key, out var v) ? v
                : throw LayerEntropyException.ForFile(statePath, $"has no '{key}' entry; it was not written by layerentropy train");
            s = s with
            {
                Model = Saved("model_spec"),
                Training = s.Training with
                {
                    Dataset = Saved("dataset"),
                    Optimizer = OptimizerKinds.Parse(info.OptimizerKind)
                        ?? throw LayerEntropyException.ForFile(statePath, $"holds '{info.OptimizerKind}' optimizer state, none of {string.Join(", ", Enum.GetValues<OptimizerKind>().Select(k => k.Name()))}; the file is damaged"),
                    Activation = Enum.TryParse<ActivationKind>(Saved("activation"), out var activation) && Enum.IsDefined(activation) ? activation
                        : throw LayerEntropyException.ForFile(statePath, $"its 'activation' entry '{Saved("activation")}' is none of {string.Join(", ", Enum.GetNames<ActivationKind>())}; the file is damaged"),
                    Normalize = Saved("normalization_mean").Length > 0,
                },
                Seed = int.TryParse(Saved("seed"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int seed) ? seed
                    : throw LayerEntropyException.ForFile(statePath, $"its 'seed' entry '{Saved("seed")}' is not a whole number; the file is damaged"),
                ShuffledLabels = info.Info.TryGetValue("labels", out var labels) && labels == "shuffled",
            };
        }

        var session = TrainingSession.Start(s, s.Resume ? s.Output : null);
        if (session.EpochsDone >= s.Training.Epochs)
            throw LayerEntropyException.ForSetting($"{s.Output}: already trained for {session.EpochsDone} epochs; ask for more with {SettingName.Of<TrainingOptions>(nameof(TrainingOptions.Epochs))}");
        var epochs = new List<EpochResult>();
        while (session.EpochsDone < s.Training.Epochs)
            epochs.Add(session.TrainEpoch(progress, cancel));
        double? fit = null;
        if (s.FitTrainAccuracy is double target)
        {
            if (!(target is > 0 and <= 1)) throw new LayerEntropyException($"the training accuracy to fit must be in (0, 1] (got {target})");
            fit = session.EvaluateTrain(cancel).Accuracy;
            while (fit < target && session.EpochsDone < s.FitMaxEpochs)
            {
                epochs.Add(session.TrainEpoch(progress, cancel, epochs: s.FitMaxEpochs));
                fit = session.EvaluateTrain(cancel).Accuracy;
            }
        }
        var eval = session.EvaluateTest(cancel);
        cancel.ThrowIfCancellationRequested();
        session.Save(s.Output, eval.Accuracy);
        return new TrainReport(s.Output, statePath, s.Training.Dataset, s.Model, session.Model.ParameterCount, Compute.Threads, s.Seed, epochs, eval.Loss, eval.Accuracy)
        {
            FitAccuracy = fit,
        };
    }
}
