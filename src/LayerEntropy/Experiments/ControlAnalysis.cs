using System.Security.Cryptography;
using LayerEntropy.Analysis;
using LayerEntropy.IO;
using LayerEntropy.Reports;

namespace LayerEntropy.Experiments;

/// <summary>
/// Analyses a model beside its controls (analyze --control): the model and every control see the same inputs, taps
/// and options, each control's files go to its own folder under the output folder, and the model's result carries
/// each control's profile and a summary that says whether the model's profile differs from it.
/// </summary>
public static class ControlAnalysis
{
    /// <summary>The folder, inside the analysis folder, that holds one folder per control (controls/reinit/, …).</summary>
    public const string Folder = "controls";

    /// <summary>
    /// Analyses the model of <paramref name="settings"/> and each of <paramref name="controls"/> (built by
    /// <see cref="ControlModels.Build"/>) with identical settings, writes each control's model file (when it has
    /// one), analysis.json, measures.csv and, with <paramref name="reports"/>, report.html and figures/ into
    /// <paramref name="outputFolder"/>/controls/KIND/, and returns the model's result with
    /// <see cref="AnalysisResult.Controls"/> and the summary's clause per control. The model's own files are the
    /// caller's to write (<see cref="AnalysisOutput.Write"/>), last, so that they mark a finished run. Nothing is written
    /// until every analysis is done.
    /// </summary>
    /// <param name="progress">One count over all the analyses: the model's inputs, then each control's.</param>
    /// <exception cref="LayerEntropyException">The settings cannot go with controls (a shard, correct-only), or as for <see cref="ModelAnalysis.Run"/>.</exception>
    public static AnalysisResult Run(AnalyzeSettings settings, IReadOnlyList<ControlModel> controls, string outputFolder, bool reports = true,
        IProgress<AnalysisProgress>? progress = null, CancellationToken cancel = default)
    {
        Check(settings);
        if (controls.Select(c => c.Kind).Distinct().Count() != controls.Count) throw LayerEntropyException.ForSetting($"{Controls}: each control can be asked for once");
        using var prepared = ModelAnalysis.Prepare(settings);
        var request = prepared.Request;
        int runs = 1 + controls.Count;
        var result = Analyzer.Analyze(prepared.Model, prepared.Fit, prepared.Data, request, Part(progress, 0, runs), cancel);

        var analysed = new List<(ControlModel Control, AnalysisResult Result, string Folder)>();
        for (int i = 0; i < controls.Count; i++)
        {
            var control = controls[i];
            string folder = Path.Combine(outputFolder, Folder, control.Kind);
            var controlRequest = request with
            {
                ModelPath = control.Saved ? Path.Combine(folder, ControlModels.ModelFileName) : control.Source,
                ModelSha256 = control.Saved ? Convert.ToHexStringLower(SHA256.HashData(control.Files.First(f => f.Name == ControlModels.ModelFileName).Bytes)) : null,
                WarnAccuracy = false,
            };
            // The control sees the model's inputs, fitted as the model's are, through the same taps.
            using AnalysedModel network = control.Network is { } net
                ? new EngineModel(net, settings.Taps, settings.PreActivation)
                : new RuntimeModel(prepared.Imported ?? throw new ArgumentException($"the {control.Kind} control is a graph, the model is not"),
                    prepared.ImportedTaps!, control.GraphBytes ?? throw new ArgumentException($"the {control.Kind} control has no network"), controlRequest.ModelPath ?? settings.Model);
            var controlResult = Analyzer.Analyze(network, prepared.Fit, prepared.Data, controlRequest, Part(progress, i + 1, runs), cancel);
            // An imported graph's control has no accuracy of its own until it is measured, here, on the test images.
            if (control.TestAccuracy is null && settings.Data is null && settings.Split == SplitChoice.Test && control.Network is null && controlResult.Observed is { } seen)
                control = control with { TestAccuracy = seen.Value };
            analysed.Add((control, controlResult, folder));
        }
        cancel.ThrowIfCancellationRequested();

        var profiles = analysed.Select(a => new ControlProfile(a.Control.Kind, a.Control.Description,
            a.Control.Saved ? $"{Folder}/{a.Control.Kind}/{ControlModels.ModelFileName}" : a.Control.Source,
            $"{Folder}/{a.Control.Kind}", a.Control.TestAccuracy, a.Result.Findings) { Fit = a.Control.Fit }).ToArray();
        var unfit = profiles.Where(p => p.Fit is { Reached: false }).Select(p => $"{p.Kind} control: {p.Fit!.Describe()}");
        var withControls = result with { Controls = profiles, Summary = ControlVerdict.Summary(result, profiles), Warnings = [.. result.Warnings, .. unfit] };
        // A result that cannot be written fails here, before any folder is touched.
        foreach (var r in analysed.Select(a => a.Result).Append(withControls))
            if (ResultCheck.FirstProblem(r) is { } problem) throw new ArgumentException($"cannot write the analysis: {problem}");
        foreach (var (control, controlResult, folder) in analysed) Write(control, controlResult, folder, reports, cancel);
        return withControls;
    }

    /// <summary>The controls asked for, as errors name them.</summary>
    internal static readonly SettingName Controls = new(nameof(ControlAnalysis), "controls");

    /// <summary>Refuses the settings a comparison with controls cannot be made under.</summary>
    internal static void Check(AnalyzeSettings settings)
    {
        if (settings.Shard is not null)
        {
            var shard = SettingName.Of<AnalyzeSettings>(nameof(settings.Shard));
            throw LayerEntropyException.ForSetting($"{Controls} cannot go with {shard}: a control is analysed whole beside the whole model; leave out {shard}");
        }
        if (settings.Options.CorrectOnly)
            throw LayerEntropyException.ForSetting(
                $"{Controls} cannot go with {SettingName.Of<AnalysisOptions>(nameof(AnalysisOptions.CorrectOnly))}: a control classifies at about chance, so its correctly classified inputs are another set than the model's");
    }

    private static void Write(ControlModel control, AnalysisResult result, string folder, bool reports, CancellationToken cancel)
    {
        FileFailure.Guard(folder, $"write the {control.Kind} control's model", () =>
        {
            Directory.CreateDirectory(folder);
            AtomicFile.WriteAll([.. control.Files.Select(f => (Path.Combine(folder, f.Name), (Action<Stream>)(s => s.Write(f.Bytes))))]);
        });
        ReportOutput.WriteFolder(result, folder, reports, cancel: cancel);
    }

    /// <summary>Reports one analysis of several as its share of one count over them all.</summary>
    private static ProgressRelay<AnalysisProgress>? Part(IProgress<AnalysisProgress>? progress, int run, int runs) =>
        progress is null ? null : new ProgressRelay<AnalysisProgress>(p => progress.Report(p with { Done = run * p.Total + p.Done, Total = runs * p.Total }));
}
