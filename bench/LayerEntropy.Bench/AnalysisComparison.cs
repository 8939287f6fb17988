using System.Diagnostics;
using System.Globalization;
using LayerEntropy.Analysis;
using LayerEntropy.Data;
using LayerEntropy.Onnx;
using LayerEntropy.Tensors;

namespace LayerEntropy.Bench;

/// <summary>
/// The analysis of all 70,000 MNIST images through a model beside a bare forward pass over the same images, in one run:
/// the cost of each set of measures as a multiple of the forward pass, and the process's peak memory.
/// Usage: analysis MODEL.onnx [--threads 2] [--repeats 3]
/// </summary>
internal static class AnalysisComparison
{
    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-')) { Console.Error.WriteLine("usage: analysis MODEL.onnx [--threads N] [--repeats N]"); return 2; }
        Compute.Threads = int.Parse(Arg(args, "--threads", "2"), CultureInfo.InvariantCulture);
        int repeats = int.Parse(Arg(args, "--repeats", "3"), CultureInfo.InvariantCulture);
        var model = OnnxModelFile.Load(args[0]).Model;
        var catalog = new DatasetCatalog();
        var data = catalog.Load("mnist", DatasetSplit.Train).Concat(catalog.Load("mnist", DatasetSplit.Test));

        double Forward()
        {
            var clock = Stopwatch.StartNew();
            foreach (var batch in new BatchLoader(data, 500).Epoch()) model.Forward(batch.Images, false);
            return clock.Elapsed.TotalSeconds;
        }
        double Analysis(AnalysisOptions options)
        {
            var clock = Stopwatch.StartNew();
            var result = Analyzer.Analyze(model, data, new AnalysisRequest { Options = options });
            if (result.Manifest.Inputs != data.Count) throw new InvalidOperationException("the analysis did not see every image");
            return clock.Elapsed.TotalSeconds;
        }

        // Validate and warm up (JIT tiers) before timing.
        Forward();
        Analysis(new AnalysisOptions { Bootstrap = 0 });
        var rows = new (string Name, Func<double> Run)[]
        {
            ("bare forward pass", Forward),
            ("analysis, every measure but binned", () => Analysis(new AnalysisOptions { Bootstrap = 0, Bins = 0 })),
            ("analysis, every measure (binned's range pass included)", () => Analysis(new AnalysisOptions { Bootstrap = 0 })),
            ("analysis, every measure and 200 bootstrap resamples", () => Analysis(new AnalysisOptions { Bootstrap = 200 })),
        };
        Console.WriteLine($"70,000 MNIST images, {Compute.Threads} threads, median of {repeats} runs");
        Console.WriteLine($"{"",-56} {"median s",9} {"× forward",10}");
        double forward = 0;
        foreach (var (name, run) in rows)
        {
            double median = Enumerable.Range(0, repeats).Select(_ => run()).Order().ElementAt(repeats / 2);
            if (forward == 0) forward = median;
            Console.WriteLine($"{name,-56} {median,9:F2} {median / forward,10:F2}");
        }
        Console.WriteLine($"peak working set of the process: {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20)} MiB");
        return 0;
    }

    private static string Arg(string[] args, string name, string fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
