using System.Diagnostics;
using LayerEntropy.Data;
using LayerEntropy.Nn;

namespace LayerEntropy.Training;

/// <summary>Where a running epoch stands: reported after every batch.</summary>
public sealed record TrainProgress(int Epoch, int Epochs, int Batch, int Batches, double Loss, double Accuracy, double ImagesPerSecond);

/// <summary>One finished epoch: mean training loss and accuracy over its batches, and its wall time.</summary>
public sealed record EpochResult(int Epoch, double Loss, double Accuracy, double Seconds);

/// <summary>Loss and accuracy of a model on a dataset.</summary>
public sealed record Evaluation(double Loss, double Accuracy, int Count, int Correct);

/// <summary>
/// Runs epochs of minibatch training. Every random choice (batch order, dropout masks) depends only on the seed and
/// the epoch number, so a run resumed after epoch k repeats the unbroken run exactly (same thread count).
/// </summary>
public sealed class Trainer(Sequential model, Optimizer optimizer, int batchSize, int seed, Normalization? normalization = null)
{
    private readonly SoftmaxCrossEntropy loss = new();

    public Sequential Model { get; } = model;
    public Optimizer Optimizer { get; } = optimizer;

    /// <param name="epoch">Zero-based epoch number (it picks the shuffle and the dropout masks).</param>
    /// <param name="afterStep">Called with the 1-based batch number after each optimiser step (e.g. to look at the model mid-epoch).</param>
    public EpochResult TrainEpoch(Dataset train, int epoch, int epochs = 0, IProgress<TrainProgress>? progress = null, CancellationToken cancel = default,
        Action<int>? afterStep = null)
    {
        var loader = new BatchLoader(train, batchSize, normalization) { Shuffle = true, Seed = seed };
        var dropouts = Model.Layers.OfType<Dropout>().ToArray();
        for (int i = 0; i < dropouts.Length; i++) dropouts[i].Reseed(HashCode.Combine(seed, epoch, i));

        var clock = Stopwatch.StartNew();
        double lossSum = 0;
        long seen = 0, correct = 0;
        int b = 0;
        foreach (var batch in loader.Epoch(epoch))
        {
            cancel.ThrowIfCancellationRequested();
            var logits = Model.Forward(batch.Images, training: true);
            double l = loss.Forward(logits, batch.Labels, withGradient: true, out int right);
            if (!double.IsFinite(l))
                throw LayerEntropyException.ForSetting($"training diverged in epoch {epoch + 1}, batch {b + 1} (loss {l}); try a smaller {SettingName.Of<TrainingOptions>(nameof(TrainingOptions.LearningRate))}");
            Model.Backward(loss.Gradient, needInputGradient: false);
            Optimizer.Step();
            lossSum += l * batch.Count;
            correct += right;
            seen += batch.Count;
            progress?.Report(new TrainProgress(epoch + 1, epochs, ++b, loader.BatchCount, lossSum / seen, (double)correct / seen, seen / clock.Elapsed.TotalSeconds));
            afterStep?.Invoke(b);
        }
        return new EpochResult(epoch + 1, seen == 0 ? 0 : lossSum / seen, seen == 0 ? 0 : (double)correct / seen, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Mean loss and accuracy of <paramref name="model"/> over <paramref name="data"/> (inference mode).</summary>
    public static Evaluation Evaluate(Sequential model, Dataset data, Normalization? normalization = null, int batchSize = 500, CancellationToken cancel = default)
    {
        var loss = new SoftmaxCrossEntropy();
        var loader = new BatchLoader(data, batchSize, normalization);
        double sum = 0;
        int correct = 0;
        foreach (var batch in loader.Epoch())
        {
            cancel.ThrowIfCancellationRequested();
            sum += loss.Forward(model.Forward(batch.Images, training: false), batch.Labels, withGradient: false, out int right) * batch.Count;
            correct += right;
        }
        return new Evaluation(data.Count == 0 ? 0 : sum / data.Count, data.Count == 0 ? 0 : (double)correct / data.Count, data.Count, correct);
    }
}
