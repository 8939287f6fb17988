using System.Globalization;
using Google.Protobuf;
using LayerEntropy.Analysis;
using LayerEntropy.Data;
using LayerEntropy.Nn;
using LayerEntropy.Onnx;
using LayerEntropy.Training;

namespace LayerEntropy.Experiments;

/// <summary>
/// Builds the controls an analysis is compared with (analyze --control): entropy can fall with depth for reasons
/// unrelated to learning (a signal that shrinks layer by layer at initialisation, units that end up dead or always
/// on), so the model's profile means most beside the same graph untrained (<see cref="ControlKinds.Reinit"/>) and
/// trained without anything to learn (<see cref="ControlKinds.ShuffledLabels"/>).
/// </summary>
public static class ControlModels
{
    /// <summary>The control's model file in its folder.</summary>
    public const string ModelFileName = "model.onnx";

    /// <summary>
    /// The control of kind <paramref name="kind"/> for the model of <paramref name="settings"/>, ready for
    /// <see cref="ControlAnalysis.Run"/>. Nothing is written: a trained twin is trained in a temporary folder and
    /// its files are kept in memory until the analysis writes them.
    /// </summary>
    /// <param name="seed">Draws the control from this seed instead of the one the model records.</param>
    /// <param name="progress">The twin's training progress (shuffled-labels only).</param>
    /// <exception cref="LayerEntropyException">
    /// The kind is unknown, the model file cannot be read, or (shuffled-labels) it was not trained by layerentropy train.
    /// </exception>
    /// <param name="twinMaxEpochs">The shuffled-labels twin trains until it fits its labels or this many epochs are done.</param>
    public static ControlModel Build(AnalyzeSettings settings, string kind, int? seed = null, IProgress<TrainProgress>? progress = null,
        CancellationToken cancel = default, int twinMaxEpochs = TrainSettings.DefaultFitMaxEpochs)
    {
        // Before any training: a run the comparison cannot be made in fails at once.
        ControlAnalysis.Check(settings);
        return kind switch
        {
            ControlKinds.Reinit => Reinit(settings, seed, cancel),
            ControlKinds.ShuffledLabels => ShuffledLabels(settings, seed, twinMaxEpochs, progress, cancel),
            _ => throw new LayerEntropyException($"unknown control '{kind}'; use {string.Join(" or ", ControlKinds.All)}"),
        };
    }

    /// <summary>
    /// The same graph with every weight redrawn by the trainer's initialisation (<see cref="Init.Apply"/>): the scheme
    /// the file records (uniform, the default, when none) from the seed it records (0 when none) or
    /// <paramref name="seed"/>. For a model `layerentropy train` wrote, with its own seed, this is exactly the network
    /// its training started from. Its test accuracy is measured on the test split of the dataset the model records
    /// (else the one analysed); null when the analysis runs on the user's own inputs or the model does not fit it.
    /// </summary>
    private static ControlModel Reinit(AnalyzeSettings s, int? seed, CancellationToken cancel)
    {
        // A fresh copy of the model: the analysis of the model itself must see its trained weights.
        var (ours, graph) = OnnxReader.ReadAny(s.Model);
        if (graph is not null) return ReinitImported(s, graph, seed);
        var file = ours!;
        var recorded = new RecordedTraining(s.Model, file.Metadata);
        var scheme = recorded.Init();
        int recordedSeed = recorded.Seed();
        int drawSeed = seed ?? recordedSeed;
        var model = file.Model;
        Init.Apply(model, scheme, drawSeed);
        double? accuracy = ReinitAccuracy(s, file, cancel);

        var metadata = new Dictionary<string, string>(file.Metadata)
        {
            ["control"] = ControlKinds.Reinit,
            ["control_source"] = s.Model,
            ["init"] = scheme.ToString().ToLowerInvariant(),
            ["seed"] = drawSeed.ToString(CultureInfo.InvariantCulture),
            ["epochs"] = "0",
        };
        metadata.Remove("test_accuracy");
        if (accuracy is double a) metadata["test_accuracy"] = a.ToString("R", CultureInfo.InvariantCulture);
        byte[]? bytes = null;
        string? unsaved = null;
        try
        {
            bytes = OnnxWriter.Build(model, metadata).ToByteArray();
        }
        catch (ArgumentException e)
        {
            unsaved = e.Message.Replace("ONNX export: ", "", StringComparison.Ordinal);
        }

        string drawn = $"{scheme.ToString().ToLowerInvariant()}, seed {drawSeed}";
        var parts = new List<string>();
        if (recorded.HasSpec)
        {
            // Only a file that records both its scheme and its seed can say which network its training started from.
            bool start = (seed is null || seed == recordedSeed) && recorded.Defaults.Count == 0;
            parts.Add($"{recorded.Spec} with its weights redrawn as layerentropy train draws them ({drawn})" + (start ? ": the network its training started from" : ""));
        }
        else
        {
            int drawnLayers = model.Layers.Count(l => l is Linear or Conv2d);
            parts.Add($"the graph of {Path.GetFileName(s.Model)} with the weights of its {drawnLayers} linear and convolution layers redrawn as layerentropy train draws them ({drawn})");
        }
        parts.AddRange(recorded.Defaults);
        if (unsaved is not null) parts.Add($"analysed in memory, not saved ({unsaved})");
        return new ControlModel(ControlKinds.Reinit, string.Join("; ", parts), model, accuracy)
        {
            Files = bytes is null ? [] : [(ModelFileName, bytes)],
            Source = s.Model,
        };
    }

    /// <summary>
    /// The reinit control of a graph `layerentropy train` did not write (<see cref="GraphReinit"/>): drawn from
    /// <paramref name="seed"/>, else the seed the file records, else 0. Its accuracy comes from its own analysis.
    /// </summary>
    private static ControlModel ReinitImported(AnalyzeSettings s, OnnxGraph graph, int? seed)
    {
        int drawSeed = seed ?? (graph.Metadata.TryGetValue("seed", out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int recorded) ? recorded : 0);
        var metadata = new Dictionary<string, string>(graph.Metadata)
        {
            ["control"] = ControlKinds.Reinit,
            ["control_source"] = s.Model,
            ["init"] = "uniform",
            ["seed"] = drawSeed.ToString(CultureInfo.InvariantCulture),
        };
        var (bytes, redrawn, reset) = GraphReinit.Redraw(s.Model, drawSeed, metadata);
        var parts = new List<string>
        {
            $"the graph of {Path.GetFileName(s.Model)} with the weights of its {redrawn} Conv, Gemm and MatMul layers drawn afresh as PyTorch draws new ones (U(±1/√fan_in), seed {drawSeed})",
        };
        if (reset > 0) parts.Add($"its {reset} BatchNormalization layer{(reset == 1 ? "" : "s")} reset to the identity, as new ones start");
        parts.Add("every other constant kept");
        if (graph.HasExternalData) parts.Add("analysed in memory, not saved (its other weights live in external files beside the model)");
        return new ControlModel(ControlKinds.Reinit, string.Join("; ", parts), null, null)
        {
            Files = graph.HasExternalData ? [] : [(ModelFileName, bytes)],
            GraphBytes = bytes,
            Source = s.Model,
        };
    }

    /// <summary>
    /// A twin trained exactly as the model was (the settings its file records, with the trainer's defaults for what an
    /// older file leaves out) but on the training labels dealt to the images at random (<see cref="TrainSettings.ShuffledLabels"/>).
    /// </summary>
    private static ControlModel ShuffledLabels(AnalyzeSettings s, int? seed, int maxEpochs, IProgress<TrainProgress>? progress, CancellationToken cancel)
    {
        var (file, graph) = OnnxReader.ReadAny(s.Model);
        var recorded = new RecordedTraining(s.Model, file?.Metadata ?? graph!.Metadata);
        if (file is null || !recorded.HasSpec)
            throw LayerEntropyException.ForFile(s.Model,
                "the shuffled-labels control needs a model trained by layerentropy train (this file records no model_spec to train a twin from); the reinit control works for any model");
        var twin = recorded.Settings(seed, s.DataDir) with { ShuffledLabels = true, FitTrainAccuracy = TrainSettings.TwinFitAccuracy };
        if (maxEpochs < 1) throw new LayerEntropyException($"the twin's epoch cap must be at least 1 (got {maxEpochs})");
        twin = twin with { FitMaxEpochs = Math.Max(maxEpochs, twin.Training.Epochs) };
        var temp = Directory.CreateTempSubdirectory("layerentropy-twin-");
        try
        {
            var report = TrainingRun.Execute(twin with { Output = Path.Combine(temp.FullName, ModelFileName) }, progress, cancel);
            var files = new List<(string, byte[])> { (ModelFileName, File.ReadAllBytes(report.ModelPath)) };
            files.Add((Path.GetFileName(report.StatePath), File.ReadAllBytes(report.StatePath)));
            var network = OnnxModelFile.Load(report.ModelPath).Model;
            var o = twin.Training;
            string limit = o.TrainLimit is int n ? $", the first {n.ToString(CultureInfo.InvariantCulture)} training images" : "";
            var parts = new List<string>
            {
                string.Create(CultureInfo.InvariantCulture,
                    $"{twin.Model} trained as the model was ({o.Dataset}{limit}, {o.Optimizer.Name()}, learning rate {o.LearningRate}, batch {o.BatchSize}, {o.Init!.Value.ToString().ToLowerInvariant()} init, seed {twin.Seed}) on its training labels dealt to the images at random, for the model's {o.Epochs} epoch{(o.Epochs == 1 ? "" : "s")} and on until it fits {twin.FitTrainAccuracy:P0} of them (at most {twin.FitMaxEpochs} epochs)"),
            };
            var fit = new TwinFit(report.FitAccuracy!.Value, report.Epochs.Count, twin.FitTrainAccuracy!.Value, twin.FitMaxEpochs);
            parts.Add(fit.Describe());
            parts.AddRange(recorded.Defaults);
            return new ControlModel(ControlKinds.ShuffledLabels, string.Join("; ", parts), network, report.TestAccuracy) { Files = files, Source = s.Model, Fit = fit };
        }
        finally
        {
            try
            {
                temp.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A temporary folder left behind costs some disk; failing the run for it would cost the results.
            }
        }
    }

    private static double? ReinitAccuracy(AnalyzeSettings s, OnnxModel file, CancellationToken cancel)
    {
        if (s.Data is not null) return null;
        string dataset = file.Metadata.GetValueOrDefault("dataset") ?? s.Dataset;
        var test = new DatasetCatalog(s.DataDir).Load(dataset, DatasetSplit.Test, verify: true);
        int[] shape = [test.Channels, test.Height, test.Width];
        if (!file.Model.InputShape.SequenceEqual(shape) || file.Model.OutputShapePerSample is not [int outputs] || outputs != test.ClassNames.Count) return null;
        return Trainer.Evaluate(file.Model, test, ModelAnalysis.NormalizationOf(file.Metadata, s.Model), cancel: cancel).Accuracy;
    }

}
