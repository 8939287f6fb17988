using System.Diagnostics;
using System.Globalization;
using LayerEntropy.Analysis;
using LayerEntropy.Data;
using LayerEntropy.Nn;
using LayerEntropy.Tensors;

namespace LayerEntropy.Bench;

/// <summary>
/// The analysis of MNIST's 70,000 images (or the first --images of them) through a model beside a bare forward pass
/// over the same images, in one run: the cost of each set of measures as a multiple of the forward pass (median over
/// repeats of the per-repeat ratio), and the process's peak memory. With --torch, PyTorch's bare forward pass and its
/// pass with per-class firing counts in hooks (bench/torch_forward.py, same weights, batch and threads) follow, with
/// the ratios of ours to theirs.
/// Usage: analysis MODEL.onnx [--threads 2] [--repeats 3] [--images 70000] [--torch]
/// </summary>
internal static class AnalysisComparison
{
    public static int Run(string[] args)
    {
        if (BenchArgs.ModelRun(args, "analysis MODEL.onnx [--threads N] [--repeats N] [--images N] [--torch]") is not var (model, repeats)) return 2;
        int images = int.Parse(BenchArgs.Arg(args, "--images", "70000"), CultureInfo.InvariantCulture);
        var all = BenchArgs.AllMnist();
        var data = images >= all.Count ? all : all.Subset(Enumerable.Range(0, images));
        var rows = Rows(model, data);
        var times = Time(rows, repeats);
        Console.WriteLine($"{data.Count:N0} MNIST images, {Compute.Threads} threads, batch {Batch}, {repeats} repeats with the configurations taking turns");
        // Beside the median ratio, the ratio of the fastest runs: interference from outside only ever adds time, so the
        // fastest run of each configuration is the steadiest estimate of its own cost.
        Console.WriteLine($"{"",-56} {"median s",9} {"× forward",10} {"fastest s",10} {"× forward",10}");
        for (int i = 0; i < rows.Length; i++)
        {
            double ratio = Stats.Median(times[i].Zip(times[0], (t, f) => t / f));
            Console.WriteLine($"{rows[i].Name,-56} {Stats.Median(times[i]),9:F2} {ratio,10:F2} {times[i].Min(),10:F2} {times[i].Min() / times[0].Min(),10:F2}");
        }
        Console.WriteLine($"peak working set of the process: {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20)} MiB");
        if (!args.Contains("--torch")) return 0;

        string dataRoot = Environment.GetEnvironmentVariable(DatasetCatalog.DataVariable)!;
        using var torch = TorchScript.Run("torch_forward.py", dataRoot, args[0], "--threads", Compute.Threads.ToString(CultureInfo.InvariantCulture),
            "--repeats", repeats.ToString(CultureInfo.InvariantCulture), "--batch", Batch.ToString(CultureInfo.InvariantCulture),
            "--images", data.Count.ToString(CultureInfo.InvariantCulture));
        if (torch is null) return 1;
        double[] forward = TorchScript.Seconds(torch, "forward_seconds"), hooks = TorchScript.Seconds(torch, "hooks_seconds");
        Console.WriteLine($"PyTorch {torch.RootElement.GetProperty("torch").GetString()}, same model, batch and threads  {"median s",9} {"runs",20}");
        Console.WriteLine($"{"bare forward pass",-56} {Stats.Median(forward),9:F2} {Stats.Runs(forward),20}");
        Console.WriteLine($"{"forward pass with per-class firing counts in hooks",-56} {Stats.Median(hooks),9:F2} {Stats.Runs(hooks),20}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio, bare forward pass (ours / PyTorch): {Stats.Median(times[0]) / Stats.Median(forward):F2}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio, our analysis with every measure but the bootstrap / PyTorch's pass with firing counts: {Stats.Median(times[1]) / Stats.Median(hooks):F2}"));
        return 0;
    }

    /// <summary>Inputs per forward batch, on both sides.</summary>
    public const int Batch = 500;

    /// <summary>The configurations compared, the bare forward pass first and the full analysis but the bootstrap second.</summary>
    public static (string Name, Func<double> Run)[] Rows(Sequential model, Dataset data)
    {
        double Forward()
        {
            var clock = Stopwatch.StartNew();
            foreach (var batch in new BatchLoader(data, Batch).Epoch()) model.Forward(batch.Images, false);
            return clock.Elapsed.TotalSeconds;
        }
        double Analysis(AnalysisOptions options)
        {
            var clock = Stopwatch.StartNew();
            var result = Analyzer.Analyze(model, data, new AnalysisRequest { Options = options, BatchSize = Batch });
            if (result.Manifest.Inputs != data.Count) throw new InvalidOperationException("the analysis did not see every image");
            return clock.Elapsed.TotalSeconds;
        }

        // Validate and warm up (JIT tiers) before timing.
        Forward();
        Analysis(new AnalysisOptions { Bootstrap = 0 });
        return
        [
            ("bare forward pass", Forward),
            ("analysis, every measure but the bootstrap", () => Analysis(new AnalysisOptions { Bootstrap = 0 })),
            ("analysis, every measure but binned and the bootstrap", () => Analysis(new AnalysisOptions { Bootstrap = 0, Bins = 0 })),
            ("analysis, every measure and 200 bootstrap resamples", () => Analysis(new AnalysisOptions { Bootstrap = 200 })),
        ];
    }

    /// <summary>
    /// Each configuration's times over <paramref name="repeats"/> rounds in which they take turns, so that a slow
    /// spell of the machine hits them alike.
    /// </summary>
    public static List<double>[] Time((string Name, Func<double> Run)[] rows, int repeats)
    {
        var times = rows.Select(_ => new List<double>()).ToArray();
        for (int k = 0; k < repeats; k++)
            for (int i = 0; i < rows.Length; i++) times[i].Add(rows[i].Run());
        return times;
    }
}
