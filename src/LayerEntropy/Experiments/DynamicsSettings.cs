using LayerEntropy.Nn;

namespace LayerEntropy.Experiments;

/// <summary>What `layerentropy dynamics` trains, and how often it stops to analyse the network.</summary>
public sealed record DynamicsSettings
{
    public string Dataset { get; init; } = "mnist";

    /// <summary>Folder with the datasets (else $LAYERENTROPY_DATA, then the cache); not recorded, since it changes no number.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? DataDir { get; init; }
    public string Model { get; init; } = "mlp:512,256,128,64,32";
    public int Epochs { get; init; } = 10;

    /// <summary>Also analyse every K optimiser steps inside an epoch; null: at initialisation and after every epoch only.</summary>
    public int? EverySteps { get; init; }

    public int BatchSize { get; init; } = 128;
    public string Optimizer { get; init; } = "adam";
    public float LearningRate { get; init; } = 1e-3f;
    public ActivationKind Activation { get; init; } = ActivationKind.ReLU;
    public InitScheme? Init { get; init; }
    public bool Normalize { get; init; }
    public int Seed { get; init; }

    /// <summary>Train on the first N training images only; null for all.</summary>
    public int? TrainLimit { get; init; }

    /// <summary>Training accuracy at a checkpoint is measured on the first N training images (inference mode).</summary>
    public int TrainEvaluation { get; init; } = 10_000;

    /// <summary>Bootstrap resamples of each checkpoint's analysis.</summary>
    public int Bootstrap { get; init; }

    /// <summary>δ of the saturation depth (MEASURES.md).</summary>
    public double Delta { get; init; } = 0.1;

    /// <summary>Also track a twin trained on shuffled labels (the shuffled-labels control) the same way.</summary>
    public bool ShuffledLabels { get; init; }

    /// <summary>Write each checkpoint's report page and figures beside its analysis.</summary>
    public bool Reports { get; init; } = true;

    public int AnalysisBatch { get; init; } = 500;
}
