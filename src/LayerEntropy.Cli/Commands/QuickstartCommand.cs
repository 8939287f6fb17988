using System.CommandLine;
using LayerEntropy.Analysis;
using LayerEntropy.IO;
using LayerEntropy.Nn;
using LayerEntropy.Training;

namespace LayerEntropy.Cli.Commands;

/// <summary>
/// `layerentropy quickstart`: the whole method in one command. Trains the paper's MLP on MNIST (or reuses it),
/// analyses it on the test images and writes the report.
/// </summary>
internal static class QuickstartCommand
{
    public const string ModelFile = "mlp.onnx";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var outputPath = new Option<string>("--output", "-o") { Description = "Folder for the model, the analysis and the report", DefaultValueFactory = _ => "quickstart" };
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder with the datasets (else $LAYERENTROPY_DATA, then ~/.cache/layerentropy, downloading MNIST there if missing)" };
        var threads = new Option<int?>("--threads") { Description = "Worker threads (default: all cores)" };
        var retrain = new Option<bool>("--retrain") { Description = "Train the model again even when the folder already holds it" };
        var level = new OutputLevelOptions();
        var command = new Command("quickstart",
            "Train the MLP 784-512-256-128-64-32-10 on MNIST (5 epochs, Adam; reused when already there), analyse it on the 10,000 test images and write the report")
        {
            outputPath, dataDir, threads, retrain,
        };
        level.AddTo(command);
        command.SetAction((parse, cancel) =>
        {
            CommonOptions.ApplyThreads(parse.GetValue(threads));
            return Task.FromResult(Execute(parse.GetValue(outputPath)!, parse.GetValue(dataDir), parse.GetValue(retrain), output, error, cancel, level.Bind(parse)));
        });
        return command;
    }

    /// <param name="level">What to print: the pattern table, the accuracy and the finding (the default), every table, or the finding alone.</param>
    public static int Execute(string folder, string? dataDir, bool retrain, TextWriter output, TextWriter error, CancellationToken cancel,
        OutputLevel level = OutputLevel.Default)
    {
        if (level == OutputLevel.Quiet) error = TextWriter.Null;
        OutputFolder.CheckWritable(folder);
        using var hold = OutputLock.Take(folder);
        string model = Path.Combine(folder, ModelFile);
        if (retrain || !File.Exists(model))
        {
            var settings = new TrainSettings
            {
                Model = "mlp:512,256,128,64,32",
                Training = new TrainingOptions { Dataset = "mnist", Epochs = 5, BatchSize = 128, Optimizer = OptimizerKind.Adam, LearningRate = 1e-3f, DataDir = dataDir },
                Seed = 0, Output = model,
            };
            error.WriteLine($"training {settings.Model} on MNIST, {settings.Training.Epochs} epochs → {model}");
            var trained = TrainProgressDisplay.Run(error, settings.Training.Epochs, progress => TrainingRun.Execute(settings, progress, cancel));
            error.WriteLine($"test accuracy {trained.TestAccuracy:P2}");
        }
        else error.WriteLine($"reusing {model} (--retrain trains it again)"); // a damaged file fails the analysis in one line naming it
        var analysis = new AnalyzeSettings { Model = model, Dataset = "mnist", DataDir = dataDir };
        var result = AnalysisProgressDisplay.Run(error, progress => ModelAnalysis.Run(analysis, progress, cancel));
        string page = AnalyzeCommand.WriteFolder(result, folder, report: true, error, cancel)!;
        AnalysisTables.Render(result, output, level);
        if (level != OutputLevel.Quiet) output.WriteLine($"report: {Path.GetFullPath(page)}");
        return 0;
    }
}
