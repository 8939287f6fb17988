using System.CommandLine;
using System.Globalization;
using LayerEntropy.Nn;
using LayerEntropy.Training;

namespace LayerEntropy.Cli.Commands;

/// <summary>`layerentropy train`: trains a model on a dataset and writes it as ONNX.</summary>
internal static class TrainCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var model = new Option<string>("--model", "-m") { Description = $"Model spec: {ModelSpec.Help}", DefaultValueFactory = _ => "mlp:512,256,128,64,32" };
        var epochs = new Option<int>("--epochs", "-e") { Description = "Epochs to train (with --resume: the total to reach)", DefaultValueFactory = _ => 5 };
        var momentum = new Option<float>("--momentum") { Description = "SGD momentum", DefaultValueFactory = _ => 0.9f };
        var weightDecay = new Option<float>("--weight-decay") { Description = "L2 weight decay", DefaultValueFactory = _ => 0f };
        var seed = new Option<int>("--seed") { Description = "Seed for initialisation, shuffling and dropout", DefaultValueFactory = _ => 0 };
        var outputPath = new Option<string>("--output", "-o") { Description = "Model file to write (its optimiser state goes beside it as .state)", DefaultValueFactory = _ => "model.onnx" };
        var resume = new Option<bool>("--resume") { Description = "Continue the run saved at --output up to --epochs" };
        var threads = new Option<int?>("--threads") { Description = "Worker threads (default: all cores); results repeat exactly for a fixed count" };
        var json = new Option<bool>("--json") { Description = "Print the result as one JSON object on stdout (progress stays on stderr)" };

        var command = new Command("train", "Train a network on a dataset and save it as an ONNX model")
        {
            model, epochs, momentum, weightDecay, seed, outputPath, resume, threads, json,
        };
        var training = new TrainingOptionsBinder();
        training.AddTo(command);
        command.SetAction((parse, cancel) =>
        {
            CommonOptions.ApplyThreads(parse.GetValue(threads));
            var settings = new TrainSettings
            {
                Model = parse.GetValue(model)!,
                Training = training.Bind(parse) with
                {
                    Epochs = parse.GetValue(epochs),
                    Momentum = parse.GetValue(momentum),
                    WeightDecay = parse.GetValue(weightDecay),
                },
                Seed = parse.GetValue(seed),
                Output = parse.GetValue(outputPath)!,
                Resume = parse.GetValue(resume),
            };
            return Task.FromResult(Execute(settings, parse.GetValue(json), output, error, cancel));
        });
        return command;
    }

    public static int Execute(TrainSettings settings, bool json, TextWriter output, TextWriter error, CancellationToken cancel)
    {
        var report = TrainProgressDisplay.Run(error, settings.Training.Epochs, progress => TrainingRun.Execute(settings, progress, cancel));
        if (json)
        {
            output.WriteLine(JsonOutput.Serialize(report));
            return 0;
        }
        foreach (var e in report.Epochs)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {e.Epoch}: loss {e.Loss:F4}, train accuracy {e.Accuracy:P2}, {e.Seconds:F1} s"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"test accuracy {report.TestAccuracy:P2} (loss {report.TestLoss:F4}); model written to {report.ModelPath}, optimiser state to {report.StatePath}"));
        return 0;
    }
}
