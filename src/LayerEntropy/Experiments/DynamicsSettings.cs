using LayerEntropy.Analysis;
using LayerEntropy.Training;

namespace LayerEntropy.Experiments;

/// <summary>What `layerentropy dynamics` trains, and how often it stops to analyse the network.</summary>
public sealed record DynamicsSettings
{
    /// <summary>The network, as a spec.</summary>
    public string Model { get; init; } = "mlp:512,256,128,64,32";

    /// <summary>How the network is trained; ten epochs unless told.</summary>
    public TrainingOptions Training { get; init; } = new() { Epochs = 10 };

    /// <summary>How every checkpoint is analysed; no bootstrap unless asked.</summary>
    public AnalysisOptions Analysis { get; init; } = new() { Bootstrap = 0 };

    /// <summary>Also analyse every K optimiser steps inside an epoch; null: at initialisation and after every epoch only.</summary>
    public int? EverySteps { get; init; }

    public int Seed { get; init; }

    /// <summary>Training accuracy at a checkpoint is measured on the first N training images (inference mode).</summary>
    public int TrainEvaluation { get; init; } = 10_000;

    /// <summary>Also track a twin trained on shuffled labels (the shuffled-labels control) the same way.</summary>
    public bool ShuffledLabels { get; init; }

    /// <summary>Write each checkpoint's report page and figures beside its analysis.</summary>
    public bool Reports { get; init; } = true;

    public int AnalysisBatch { get; init; } = 500;
}
