using System.Globalization;
using LayerEntropy.Data;
using LayerEntropy.Nn;
using LayerEntropy.Tensors;

namespace LayerEntropy.Bench;

/// <summary>
/// How cost grows, ours beside PyTorch where both run the same thing: one training epoch of an MLP 784-W-W-W-10 for
/// W = 128, 256, 512, 1024; the analysis (every measure but the bootstrap) of 10,000, 35,000 and 70,000 images beside
/// the forward pass; and the speed-up from 1 to 2 threads of training, the forward pass and the analysis.
/// Usage: scaling MODEL.onnx [--repeats 3] [--no-torch]
/// </summary>
internal static class Scaling
{
    public static int Run(string[] args)
    {
        if (BenchArgs.ModelRun(args, "scaling MODEL.onnx [--repeats N] [--no-torch]") is not var (model, repeats)) return 2;
        bool torch = !args.Contains("--no-torch");
        string dataRoot = Environment.GetEnvironmentVariable(DatasetCatalog.DataVariable)!;
        var train = new DatasetCatalog().Load("mnist", DatasetSplit.Train);
        var all = BenchArgs.AllMnist();

        Console.WriteLine($"Training, one epoch of 60,000 MNIST images, MLP 784-W-W-W-10, Adam 1e-3, batch 128, 2 threads; median of {repeats}");
        Console.WriteLine($"{"W",6} {"ours s",9} {"PyTorch s",10} {"ratio",6}");
        foreach (int width in new[] { 128, 256, 512, 1024 })
        {
            string widths = $"{width},{width},{width}";
            double ours = Stats.Median(Epochs(train, widths, 2, repeats));
            double? theirs = torch ? TorchEpoch(dataRoot, widths, 2, repeats) : null;
            Console.WriteLine($"{width,6} {ours,9:F2} {Text(theirs),10} {Text(theirs is { } t ? ours / t : null),6}");
        }

        Console.WriteLine();
        Console.WriteLine($"Analysis (every measure but the bootstrap) of the first N of MNIST's 70,000 images, 2 threads; median of {repeats}");
        Console.WriteLine($"{"N",7} {"forward s",10} {"analysis s",11} {"× forward",10} {"µs per image",13}");
        Compute.Threads = 2;
        foreach (int n in new[] { 10_000, 35_000, 70_000 })
        {
            var (forward, analysis, ratio) = ForwardAndAnalysis(model, n >= all.Count ? all : all.Subset(Enumerable.Range(0, n)), repeats);
            Console.WriteLine($"{n,7:N0} {forward,10:F3} {analysis,11:F3} {ratio,10:F2} {analysis / n * 1e6,13:F1}");
        }

        Console.WriteLine();
        Console.WriteLine($"1 → 2 threads (median of {repeats}): seconds on 1 thread, on 2, and the speed-up");
        Console.WriteLine($"{"",-52} {"1 thread",9} {"2 threads",10} {"speed-up",9}");
        var one = new List<double>();
        var two = new List<double>();
        void Row(string name, double t1, double t2) => Console.WriteLine($"{name,-52} {t1,9:F2} {t2,10:F2} {t1 / t2,9:F2}");
        const string mlp = "512,256,128,64,32";
        Row("training epoch, MLP 784-512-256-128-64-32-10 (ours)", Stats.Median(Epochs(train, mlp, 1, repeats)), Stats.Median(Epochs(train, mlp, 2, repeats)));
        if (torch && TorchEpoch(dataRoot, mlp, 1, repeats) is { } t1 && TorchEpoch(dataRoot, mlp, 2, repeats) is { } t2)
            Row("training epoch, same MLP (PyTorch)", t1, t2);
        Compute.Threads = 1;
        var single = ForwardAndAnalysis(model, all, repeats);
        Compute.Threads = 2;
        var both = ForwardAndAnalysis(model, all, repeats);
        Row("forward pass, 70,000 images (ours)", single.Forward, both.Forward);
        Row("analysis, every measure but the bootstrap (ours)", single.Analysis, both.Analysis);
        return 0;
    }

    /// <summary>Our epoch seconds on <paramref name="threads"/> threads (NaN when the validation epoch did not learn).</summary>
    private static double[] Epochs(Dataset train, string widths, int threads, int repeats)
    {
        Compute.Threads = threads;
        return TrainComparison.OurEpochs(train, "mlp:" + widths, 128, repeats) ?? [double.NaN];
    }

    private static double? TorchEpoch(string dataRoot, string widths, int threads, int repeats) =>
        TrainComparison.TorchEpochs(dataRoot, "mlp:" + widths, threads, repeats, 128) is { } seconds ? Stats.Median(seconds) : null;

    private static (double Forward, double Analysis, double Ratio) ForwardAndAnalysis(Sequential model, Dataset data, int repeats)
    {
        var rows = AnalysisComparison.Rows(model, data)[..2];
        var times = AnalysisComparison.Time(rows, repeats);
        return (Stats.Median(times[0]), Stats.Median(times[1]), Stats.Median(times[1].Zip(times[0], (a, f) => a / f)));
    }

    private static string Text(double? value) => value is { } v ? v.ToString("F2", CultureInfo.InvariantCulture) : "-";
}
