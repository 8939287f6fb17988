using LayerEntropy.Analysis;
using LayerEntropy.Experiments;
using LayerEntropy.Training;

namespace LayerEntropy.Cli;

/// <summary>
/// The flag that gives each setting the library names in its errors, so that a message about
/// <c>TrainingOptions.Epochs</c> reaches the user as one about <c>--epochs</c>.
/// </summary>
internal static class SettingFlags
{
    /// <summary>Every setting an error may name, and its flag.</summary>
    internal static IReadOnlyDictionary<SettingName, string> All { get; } = new Dictionary<SettingName, string>
    {
        [Of<TrainingOptions>(nameof(TrainingOptions.Dataset))] = "--dataset",
        [Of<TrainingOptions>(nameof(TrainingOptions.Epochs))] = "--epochs",
        [Of<TrainingOptions>(nameof(TrainingOptions.BatchSize))] = "--batch",
        [Of<TrainingOptions>(nameof(TrainingOptions.Optimizer))] = "--optimizer",
        [Of<TrainingOptions>(nameof(TrainingOptions.LearningRate))] = "--lr",
        [Of<TrainingOptions>(nameof(TrainingOptions.Momentum))] = "--momentum",
        [Of<TrainingOptions>(nameof(TrainingOptions.WeightDecay))] = "--weight-decay",
        [Of<TrainingOptions>(nameof(TrainingOptions.TrainLimit))] = "--limit",
        [Of<TrainSettings>(nameof(TrainSettings.Model))] = "--model",
        [Of<TrainSettings>(nameof(TrainSettings.Seed))] = "--seed",
        [Of<TrainSettings>(nameof(TrainSettings.Output))] = "--output",
        [Of<TrainSettings>(nameof(TrainSettings.Resume))] = "--resume",
        [Of<SweepSettings>(nameof(SweepSettings.Base))] = "--base",
        [Of<SweepSettings>(nameof(SweepSettings.Depths))] = "--depths",
        [Of<SweepSettings>(nameof(SweepSettings.Width))] = "--width",
        [Of<SweepSettings>(nameof(SweepSettings.Seeds))] = "--seeds",
        [Of<SweepSettings>(nameof(SweepSettings.AccuracyTolerance))] = "--accuracy-tolerance",
        [Of<DynamicsSettings>(nameof(DynamicsSettings.EverySteps))] = "--every",
        [Of<DynamicsSettings>(nameof(DynamicsSettings.TrainEvaluation))] = "--train-eval",
        [Of<AnalysisOptions>(nameof(AnalysisOptions.Threshold))] = "--threshold",
        [Of<AnalysisOptions>(nameof(AnalysisOptions.Units))] = "--units",
        [Of<AnalysisOptions>(nameof(AnalysisOptions.Bins))] = "--bins",
        [Of<AnalysisOptions>(nameof(AnalysisOptions.Delta))] = "--delta",
        [Of<AnalysisOptions>(nameof(AnalysisOptions.Bootstrap))] = "--bootstrap",
        [Of<AnalysisOptions>(nameof(AnalysisOptions.CorrectOnly))] = "--correct-only",
        [Of<AnalysisOptions>(nameof(AnalysisOptions.LimitPerClass))] = "--limit-per-class",
        [Of<AnalysisOptions>(nameof(AnalysisOptions.Samples))] = "--samples",
        [Of<AnalyzeSettings>(nameof(AnalyzeSettings.Taps))] = "--taps",
        [Of<AnalyzeSettings>(nameof(AnalyzeSettings.BatchSize))] = "--batch",
        [Of<AnalyzeSettings>(nameof(AnalyzeSettings.Shard))] = "--shard",
        [Of<AnalyzeSettings>(nameof(AnalyzeSettings.Data))] = "--data",
        [Of<AnalyzeSettings>(nameof(AnalyzeSettings.Labels))] = "--labels",
        [Of<AnalyzeSettings>(nameof(AnalyzeSettings.Resize))] = "--resize",
        [Of<AnalyzeSettings>(nameof(AnalyzeSettings.CenterCrop))] = "--center-crop",
        [Of<AnalyzeSettings>(nameof(AnalyzeSettings.Color))] = "--color",
        [Of<AnalyzeSettings>(nameof(AnalyzeSettings.Normalize))] = "--normalize",
        [Of<AnalyzeSettings>(nameof(AnalyzeSettings.SkipBad))] = "--skip-bad",
        [Of<AnalyzeSettings>(nameof(AnalyzeSettings.Mean))] = "--mean",
        [Of<AnalyzeSettings>(nameof(AnalyzeSettings.Std))] = "--std",
        [Of<AnalyzeSettings>(nameof(AnalyzeSettings.Channels))] = "--channels",
        [Of<AnalysisRequest>(nameof(AnalysisRequest.Shard))] = "--shard",
        [new SettingName(nameof(ControlAnalysis), "controls")] = "--control",
        [new SettingName("RecordedActivations", "tapNames")] = "--tap-name",
    };

    /// <summary>The flag of <paramref name="name"/>, or the library's name for a setting no flag gives.</summary>
    public static string For(SettingName name) => All.GetValueOrDefault(name) ?? name.ToString();

    /// <summary>The message of <paramref name="e"/> as the command line's user reads it: the settings it names called by their flags.</summary>
    public static string Describe(LayerEntropyException e) => e.Describe(For);

    private static SettingName Of<T>(string property) => SettingName.Of<T>(property);
}
