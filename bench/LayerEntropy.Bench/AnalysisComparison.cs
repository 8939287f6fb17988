using System.Diagnostics;
using LayerEntropy.Analysis;
using LayerEntropy.Data;
using LayerEntropy.Tensors;

namespace LayerEntropy.Bench;

/// <summary>
/// The analysis of all 70,000 MNIST images through a model beside a bare forward pass over the same images, in one run:
/// the cost of each set of measures as a multiple of the forward pass (median over repeats of the per-repeat ratio),
/// and the process's peak memory.
/// Usage: analysis MODEL.onnx [--threads 2] [--repeats 3]
/// </summary>
internal static class AnalysisComparison
{
    public static int Run(string[] args)
    {
        if (BenchArgs.ModelRun(args, "analysis MODEL.onnx [--threads N] [--repeats N]") is not var (model, repeats)) return 2;
        var data = BenchArgs.AllMnist();

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
        // The configurations take turns within each repeat, so a slow spell of the machine hits them alike; the ratio
        // is the median over repeats of each run's time over the same repeat's forward pass.
        var times = rows.Select(_ => new List<double>()).ToArray();
        for (int k = 0; k < repeats; k++)
            for (int i = 0; i < rows.Length; i++) times[i].Add(rows[i].Run());
        Console.WriteLine($"70,000 MNIST images, {Compute.Threads} threads, {repeats} repeats with the configurations taking turns");
        // Beside the median ratio, the ratio of the fastest runs: interference from outside only ever adds time, so the
        // fastest run of each configuration is the steadiest estimate of its own cost.
        Console.WriteLine($"{"",-56} {"median s",9} {"× forward",10} {"fastest s",10} {"× forward",10}");
        for (int i = 0; i < rows.Length; i++)
        {
            double median = Median(times[i]);
            double ratio = Median([.. times[i].Zip(times[0], (t, f) => t / f)]);
            Console.WriteLine($"{rows[i].Name,-56} {median,9:F2} {ratio,10:F2} {times[i].Min(),10:F2} {times[i].Min() / times[0].Min(),10:F2}");
        }
        Console.WriteLine($"peak working set of the process: {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20)} MiB");
        return 0;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

}
