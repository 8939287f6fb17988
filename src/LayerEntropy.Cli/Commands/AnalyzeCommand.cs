using System.CommandLine;
using System.Globalization;
using LayerEntropy.Analysis;
using LayerEntropy.Data;
using LayerEntropy.Experiments;
using LayerEntropy.IO;
using LayerEntropy.Reports;
using LayerEntropy.Training;

namespace LayerEntropy.Cli.Commands;

/// <summary>`layerentropy analyze model.onnx`: every measure per tap and class, the depth findings, analysis.json and measures.csv.</summary>
internal static class AnalyzeCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var model = new Argument<string>("model") { Description = "An ONNX model file: one written by layerentropy train (run by our engine), or exported from PyTorch, Keras or TensorFlow (run by ONNX Runtime)" };
        var dataset = new Option<string>("--dataset", "-d") { Description = "mnist, fashion-mnist or cifar10", DefaultValueFactory = _ => "mnist" };
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder with the datasets (else $LAYERENTROPY_DATA, then ~/.cache/layerentropy)" };
        var data = new Option<string?>("--data") { Description = "Your own inputs instead of --dataset: a folder of images (JPEG, PNG, BMP, GIF, TIFF or WebP) with one subfolder per class, or a .npy file of inputs (M×D, M×H×W, M×C×H×W or M×H×W×C; float32 or uint8)" };
        var labels = new Option<string?>("--labels") { Description = "With --data inputs.npy: a .npy file of the M integer labels; with --data FOLDER: a CSV file of path,label lines (paths relative to the CSV's folder or to FOLDER, labels integers or class names) in place of class subfolders" };
        var resize = new Option<int?>("--resize") { Description = "With --data FOLDER: resize each image's shorter side to N pixels (bilinear with antialias, as torchvision's Resize)" };
        var centerCrop = new Option<int?>("--center-crop") { Description = "With --data FOLDER: crop the middle N×N pixels of each image (after --resize, as torchvision's CenterCrop)" };
        var color = new Option<string?>("--color") { Description = "With --data FOLDER: convert each image to rgb or gray (default: as stored, gray files one channel and others RGB)" };
        color.AcceptOnlyFromAmong("rgb", "gray");
        var normalize = new Option<string?>("--normalize") { Description = "A named normalisation in place of --mean and --std: imagenet (mean 0.485,0.456,0.406, std 0.229,0.224,0.225)" };
        normalize.AcceptOnlyFromAmong("imagenet");
        var skipBad = new Option<bool>("--skip-bad") { Description = "With --data FOLDER: skip and count image files that cannot be read, and links to outside the folder, instead of stopping" };
        var layout = new Option<string?>("--layout") { Description = "With --data inputs.npy of 4 axes: nchw (default) or nhwc" };
        layout.AcceptOnlyFromAmong("nchw", "nhwc");
        var scale = new Option<string?>("--scale") { Description = "Preprocessing x = (v·scale − mean)/std: the scale (default 1/255 for uint8 inputs and the built-in datasets, 1 for float32)" };
        var mean = new Option<string?>("--mean") { Description = "The mean, one value or one per channel separated by commas (default 0, or the model's recorded normalisation)" };
        var std = new Option<string?>("--std") { Description = "The std, one value or one per channel separated by commas (default 1, or the model's recorded normalisation)" };
        var channels = new Option<int?>("--channels") { Description = "Repeat gray images' channel into this many (3 for a model that takes RGB images)" };
        var split = new Option<string>("--split") { Description = "Which images make the input sets", DefaultValueFactory = _ => "test" };
        split.AcceptOnlyFromAmong("test", "train", "all");
        var taps = new Option<string>("--taps") { Description = "fc (hidden FC layers after their activation; block outputs where a model has none), all (every activation), or value, node or layer names separated by commas (layerentropy inspect lists them)", DefaultValueFactory = _ => "fc" };
        var preActivation = new Option<bool>("--pre-activation") { Description = "Tap the FC layers before their activation function" };
        var shard = new Option<string?>("--shard") { Description = "Analyse part i of n (e.g. 2/4; auto: the Slurm array task, auto/n: also a Kubernetes Indexed Job) and write its accumulators into the folder -o for layerentropy merge" };
        var outputPath = new Option<string?>("--output", "-o") { Description = "Output folder (default: a new folder named after the model and dataset); with --shard, the folder of the parts (or the part's .json file)" };
        var batch = new Option<int?>("--batch") { Description = "Inputs per forward batch (default: 500, or for an imported graph as many as keep its values within about 256 MB)" };
        var threads = new Option<int?>("--threads") { Description = "Worker threads (default: all cores; results do not depend on it)" };
        var json = new Option<bool>("--json") { Description = "Print analysis.json to stdout instead of the tables and the finding" };
        var noReport = new Option<bool>("--no-report") { Description = "Write only the data files, not report.html and figures/" };
        var control = new Option<string[]>("--control")
        {
            Description = "Also analyse a control beside the model, the same way, into OUTPUT/controls/KIND/: reinit (the same graph with freshly drawn weights) or shuffled-labels (a twin trained the same way on shuffled labels); repeat it or separate kinds by commas",
        };
        var controlSeed = new Option<int?>("--control-seed") { Description = "Draw the controls from this seed instead of the one the model records" };
        var twinMaxEpochs = CommonOptions.TwinMaxEpochs();
        var command = new Command("analyze", "Measure the entropy of every tapped layer's activation patterns, per class and pooled")
        {
            model, dataset, dataDir, data, labels, layout, resize, centerCrop, color, skipBad, normalize, scale, mean, std, channels, split, taps, preActivation, shard, outputPath, batch, threads, json, noReport, control, controlSeed, twinMaxEpochs,
        };
        var binder = new AnalysisOptionsBinder();
        binder.AddTo(command);
        var level = new OutputLevelOptions();
        level.AddTo(command);
        command.SetAction((parse, cancel) =>
        {
            CommonOptions.ApplyThreads(parse.GetValue(threads));
            if (parse.GetValue(data) is not null)
                foreach (var builtIn in new Option[] { dataset, dataDir, split })
                    if (parse.GetResult(builtIn) is { Implicit: false })
                        throw new LayerEntropyException($"--data takes the place of a built-in dataset: leave out {builtIn.Name}");
            foreach (var own in new Option[] { labels, layout, resize, centerCrop, color, skipBad })
                if (parse.GetResult(own) is { Implicit: false } && parse.GetValue(data) is null)
                    throw new LayerEntropyException($"{own.Name} describes your own inputs: give them with --data");
            var settings = new AnalyzeSettings
            {
                Model = parse.GetValue(model)!,
                Dataset = parse.GetValue(dataset)!,
                DataDir = parse.GetValue(dataDir),
                Split = Enum.Parse<SplitChoice>(parse.GetValue(split)!, ignoreCase: true),
                Taps = parse.GetValue(taps)!,
                PreActivation = parse.GetValue(preActivation),
                Options = binder.Bind(parse),
                BatchSize = parse.GetValue(batch),
                Shard = ShardChoice.Resolve(parse.GetValue(shard)),
                Data = parse.GetValue(data),
                Labels = parse.GetValue(labels),
                Layout = parse.GetValue(layout) is string l ? Enum.Parse<InputLayout>(l, ignoreCase: true) : null,
                Scale = OptionText.Scale(parse.GetValue(scale)),
                Mean = OptionText.Means(parse.GetValue(mean)),
                Std = OptionText.Stds(parse.GetValue(std)),
                Channels = parse.GetValue(channels),
                Resize = parse.GetValue(resize),
                CenterCrop = parse.GetValue(centerCrop),
                Color = parse.GetValue(color) is string c ? Enum.Parse<ImageColor>(c, ignoreCase: true) : null,
                Normalize = parse.GetValue(normalize) is string n ? Enum.Parse<NormalizationName>(n, ignoreCase: true) : null,
                SkipBad = parse.GetValue(skipBad),
            };
            IReadOnlyList<string>? controls = parse.GetResult(control) is { Implicit: false } ? OptionText.Controls(parse.GetValue(control) ?? []) : null;
            if (controls is null && parse.GetValue(controlSeed) is not null) throw new LayerEntropyException("--control-seed goes with --control: name the controls to draw");
            if (parse.GetResult(twinMaxEpochs) is { Implicit: false } && controls?.Contains(ControlKinds.ShuffledLabels) != true)
                throw new LayerEntropyException("--twin-max-epochs goes with --control shuffled-labels");
            return Task.FromResult(Execute(settings, parse.GetValue(outputPath), parse.GetValue(json), !parse.GetValue(noReport), output, error, cancel,
                controls, parse.GetValue(controlSeed), parse.GetValue(twinMaxEpochs), level.Bind(parse)));
        });
        return command;
    }

    /// <param name="controls">Control kinds to analyse beside the model (<see cref="ControlKinds"/>); null for none.</param>
    /// <param name="controlSeed">Draws the controls from this seed instead of the model's.</param>
    /// <param name="twinMaxEpochs">The shuffled-labels twin's epoch cap.</param>
    /// <param name="level">What to print on stdout; <see cref="OutputLevel.Quiet"/> also keeps stderr to errors.</param>
    public static int Execute(AnalyzeSettings settings, string? outputPath, bool json, bool report, TextWriter output, TextWriter error, CancellationToken cancel,
        IReadOnlyList<string>? controls = null, int? controlSeed = null, int twinMaxEpochs = TrainSettings.DefaultFitMaxEpochs, OutputLevel level = OutputLevel.Default)
    {
        if (level == OutputLevel.Quiet) error = TextWriter.Null;
        if (controls is not null) ControlAnalysis.Check(settings);
        if (settings.Shard is not null)
        {
            string partPath = PartPath(outputPath ?? throw new LayerEntropyException("--shard needs -o: a folder for the part (shared by every shard) or PART.json"),
                settings.Shard.Value);
            // Made here, not by a script before the tasks: tasks that start together may each find it missing.
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(partPath))!);
            var part = AnalysisProgressDisplay.Run(error, progress => ModelAnalysis.RunPart(settings, progress, cancel));
            AnalysisPartFile.Save(part, partPath);
            error.WriteLine($"shard {part.Manifest.Shard}: {part.Inputs} inputs; accumulators written to {partPath}");
            return 0;
        }
        string source = settings.Data is { } own ? UserInputs.Name(own) : settings.Dataset;
        string folder = outputPath ?? CommonOptions.NewFolder($"{Path.GetFileNameWithoutExtension(settings.Model)}-{source}");
        OutputFolder.CheckWritable(folder);
        using var hold = OutputLock.Take(folder);
        var result = controls is null
            ? AnalysisProgressDisplay.Run(error, progress => ModelAnalysis.Run(settings, progress, cancel))
            : WithControls(settings, controls, controlSeed, twinMaxEpochs, folder, report, error, cancel);
        foreach (var note in result.Manifest.Input ?? [])
            if (note.Contains("unreadable image", StringComparison.Ordinal)) error.WriteLine($"warning: {note}");
        WriteFolder(result, folder, report, error, cancel);
        if (json)
        {
            output.WriteLine(AnalysisJson.Serialize(result));
            if (result.Observed is { } accuracy) error.WriteLine(AnalysisTables.AccuracyLine(accuracy));
        }
        else AnalysisTables.Render(result, output, level);
        return 0;
    }

    /// <summary>
    /// Where a shard's part goes: -o itself when it names a .json file, else part-IIII-of-NNNN.json inside the folder -o
    /// (made if missing), the name `merge DIR` reads.
    /// </summary>
    internal static string PartPath(string output, (int Index, int Count) shard) =>
        output.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? output : Path.Combine(output, AnalysisPartFile.NameOf(shard.Index, shard.Count));

    /// <summary>Builds the controls (a twin's training shown as train shows it), then analyses the model beside them.</summary>
    private static AnalysisResult WithControls(AnalyzeSettings settings, IReadOnlyList<string> kinds, int? seed, int twinMaxEpochs, string folder, bool report,
        TextWriter error, CancellationToken cancel)
    {
        var controls = new List<ControlModel>();
        foreach (var kind in kinds)
        {
            // The display takes the epoch count from each progress report; it needs none beforehand.
            var built = kind == ControlKinds.ShuffledLabels
                ? TrainProgressDisplay.Run(error, epochs: 0, progress => ControlModels.Build(settings, kind, seed, progress, cancel, twinMaxEpochs))
                : ControlModels.Build(settings, kind, seed, cancel: cancel);
            error.WriteLine($"{kind} control: {built.Description}");
            controls.Add(built);
        }
        var result = AnalysisProgressDisplay.Run(error, progress => ControlAnalysis.Run(settings, controls, folder, report, progress, cancel));
        foreach (var profile in result.Controls ?? [])
            error.WriteLine($"{profile.Kind} control written to {Path.Combine(folder, profile.Analysis)}"
                + (profile.TestAccuracy is double accuracy ? string.Create(CultureInfo.InvariantCulture, $" (test accuracy {accuracy:P1})") : ""));
        return result;
    }

    /// <summary>
    /// Writes the analysis folder as one set (<see cref="ReportOutput.WriteFolder"/>): the data files and, with
    /// <paramref name="report"/>, report.html and figures/; says what was written. Returns the page (null without one).
    /// </summary>
    internal static string? WriteFolder(AnalysisResult result, string folder, bool report, TextWriter error, CancellationToken cancel,
        string jsonFileName = AnalysisOutput.JsonFileName)
    {
        var written = ReportOutput.WriteFolder(result, folder, report, jsonFileName, cancel);
        error.WriteLine($"written: {written[0]}, {written[1]}");
        if (!report) return null;
        string figures = Path.Combine(folder, ReportOutput.FiguresFolder);
        error.WriteLine($"report: {Path.GetFullPath(written[2])} ({written.Count - 3} figures in {figures})");
        return written[2];
    }
}
