using System.Globalization;
using LayerEntropy.Data;
using LayerEntropy.Nn;
using LayerEntropy.Tensors;
using LayerEntropy.Training;

namespace LayerEntropy.Bench;

/// <summary>
/// One training epoch of a model on the 60,000 MNIST training images, ours beside PyTorch's (bench/torch_mlp_epoch.py)
/// in the same run: same model, batch size, optimiser and thread count. Prints the median of the timed epochs.
/// Usage: train [--model lenet|mlp:W1,W2,...] [--widths 512,256,128,64,32] [--threads 2] [--repeats 3] [--batch 128] [--no-torch]
/// (--widths W is short for --model mlp:W; without either, the MLP 512,256,128,64,32.)
/// </summary>
internal static class TrainComparison
{
    public static int Run(string[] args)
    {
        string spec = BenchArgs.Arg(args, "--model", "mlp:" + BenchArgs.Arg(args, "--widths", "512,256,128,64,32")).Trim().ToLowerInvariant();
        if (spec != "lenet" && !spec.StartsWith("mlp:", StringComparison.Ordinal))
        {
            Console.Error.WriteLine($"--model must be lenet or mlp:W1,W2,..., got '{spec}'");
            return 2;
        }
        int threads = int.Parse(BenchArgs.Arg(args, "--threads", "2"), CultureInfo.InvariantCulture);
        int repeats = int.Parse(BenchArgs.Arg(args, "--repeats", "3"), CultureInfo.InvariantCulture);
        int batch = int.Parse(BenchArgs.Arg(args, "--batch", "128"), CultureInfo.InvariantCulture);
        string? dataRoot = Environment.GetEnvironmentVariable(DatasetCatalog.DataVariable);
        if (string.IsNullOrEmpty(dataRoot)) { Console.Error.WriteLine("set LAYERENTROPY_DATA to the folder holding mnist/"); return 2; }

        Compute.Threads = threads;
        var train = new DatasetCatalog().Load("mnist", DatasetSplit.Train);
        if (OurEpochs(train, spec, batch, repeats) is not { } ours) return 1;

        string name = spec == "lenet" ? "LeNet-5 (ReLU, max pooling)" : $"MLP 784-{spec[4..].Replace(',', '-')}-10";
        Console.WriteLine($"{name}, Adam 1e-3, batch {batch}, {threads} threads, 60,000 MNIST images per epoch");
        Console.WriteLine($"{"",-12} {"median s",10} {"runs",30}");
        Console.WriteLine($"{"LayerEntropy",-12} {Stats.Median(ours),10:F2} {Stats.Runs(ours),30}");
        if (args.Contains("--no-torch")) return 0;

        var torch = TorchEpochs(dataRoot, spec, threads, repeats, batch);
        if (torch is null) return 1;
        Console.WriteLine($"{"PyTorch",-12} {Stats.Median(torch),10:F2} {Stats.Runs(torch),30}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio (ours / PyTorch epoch time): {Stats.Median(ours) / Stats.Median(torch):F2}"));
        return 0;
    }

    /// <summary>
    /// Seconds of <paramref name="repeats"/> timed epochs of our trainer (Adam 1e-3, on <see cref="Compute.Threads"/>)
    /// after an untimed one that must learn, else null.
    /// </summary>
    internal static double[]? OurEpochs(Dataset train, string spec, int batch, int repeats)
    {
        var model = ModelSpec.Build(spec, [1, 28, 28], 10, seed: 0);
        var trainer = new Trainer(model, new Adam(model.Parameters, 1e-3f), batch, seed: 0);
        // Validate before timing: one epoch must learn (loss well below ln 10 ≈ 2.30), else the timing means nothing.
        var first = trainer.TrainEpoch(train, 0);
        if (first.Loss > 0.5) { Console.Error.WriteLine($"{spec}: validation failed: epoch loss {first.Loss:F3}"); return null; }
        return [.. Enumerable.Range(1, repeats).Select(e => trainer.TrainEpoch(train, e).Seconds)];
    }

    /// <summary>PyTorch's epoch seconds for the same model and recipe (bench/torch_mlp_epoch.py), or null when it failed.</summary>
    internal static double[]? TorchEpochs(string dataRoot, string spec, int threads, int repeats, int batch)
    {
        using var json = TorchScript.Run("torch_mlp_epoch.py", dataRoot, "--model", spec, "--threads", threads.ToString(CultureInfo.InvariantCulture),
            "--repeats", repeats.ToString(CultureInfo.InvariantCulture), "--batch", batch.ToString(CultureInfo.InvariantCulture));
        return json is null ? null : TorchScript.Seconds(json, "epoch_seconds");
    }
}
