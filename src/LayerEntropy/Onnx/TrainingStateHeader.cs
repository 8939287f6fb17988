namespace LayerEntropy.Onnx;

/// <summary>
/// What a training state file says about the run: the optimizer's kind ("sgd", "adam") and settings (so a resumed
/// run can build the same optimizer), the steps taken, and the caller's own entries (epochs done, seed, spec, …).
/// </summary>
public sealed record TrainingStateHeader(
    string OptimizerKind, IReadOnlyDictionary<string, double> Settings, long Steps, IReadOnlyDictionary<string, string> Info);
