using System.Diagnostics;
using LayerEntropy.Analysis;
using LayerEntropy.Data;
using LayerEntropy.Tensors;

namespace LayerEntropy.Bench;

/// <summary>
/// Where the analysis's own time goes, apart from the forward pass: the tap outputs of all 70,000 MNIST images are
/// recorded once, then the accumulation, the binned range pass and the computation of the measures (with and
/// without the bootstrap) are timed on them alone.
/// Usage: analysis-parts MODEL.onnx [--threads 2] [--repeats 3] [--kernels: each per-row kernel alone instead]
/// </summary>
internal static class AnalysisParts
{
    public static int Run(string[] args)
    {
        if (BenchArgs.ModelRun(args, "analysis-parts MODEL.onnx [--threads N] [--repeats N] [--kernels]") is not var (model, repeats)) return 2;
        var data = BenchArgs.AllMnist();
        using var engine = new EngineModel(model, "fc", false);
        var taps = engine.Taps;
        var request = new AnalysisRequest();
        var runner = new ModelRunner(engine, InputFit.None(data.Channels, data.Height, data.Width), request);
        var batches = new List<(TapRows[] Taps, List<int> Rows, List<long> Ids, List<int> Labels)>();
        runner.Run(data, Enumerable.Range(0, data.Count).ToList(),
            (rows, kept, ids, labels) => batches.Add(([.. rows.Select(r => new TapRows((float[])r.Values.Clone(), r.Units))], [.. kept], [.. ids], [.. labels])),
            null, default);
        var tapList = taps.Select(t => (t.Name, t.Kind, t.Units)).ToArray();

        AnalysisState Accumulate(AnalysisOptions options, TapRange[]? ranges)
        {
            // Binned without given ranges: the rows are kept and binned at the end, as a single-pass analysis does.
            bool keep = options.Bins > 0 && ranges is null;
            var state = new AnalysisState(data.ClassNames, tapList, keep ? [.. tapList.Select(_ => new TapRange(data.ClassNames.Count))] : ranges);
            var accumulator = new BatchAccumulator(state, options.Threshold, options.Bins, keep);
            foreach (var b in batches) accumulator.Add(b.Taps, b.Rows, b.Ids, b.Labels);
            accumulator.Complete();
            accumulator.BinStored();
            return state;
        }
        TapRange[] Ranges()
        {
            var pass = new RangePass(tapList.Length, data.ClassNames.Count);
            foreach (var b in batches) pass.Add(b.Taps, b.Rows, b.Labels);
            return pass.Ranges;
        }
        var manifest = Analyzer.AnalyzeActivations([new TapActivations("x", 2, 1, [1f, 0f])], [0, 1], null, new AnalysisOptions { Bootstrap = 0, Bins = 0 }).Manifest;
        var ranges = Ranges();
        var plain = Accumulate(new AnalysisOptions { Bins = 0 }, null);
        var binned = Accumulate(new AnalysisOptions(), null);
        var rows = new (string Name, Action Run)[]
        {
            ("accumulate, every measure but binned", () => Accumulate(new AnalysisOptions { Bins = 0 }, null)),
            ("accumulate, every measure (rows kept, binned at the end)", () => Accumulate(new AnalysisOptions(), null)),
            ("binned's range pass (on recorded taps)", () => Ranges()),
            ("accumulate, every measure, ranges given", () => Accumulate(new AnalysisOptions(), ranges)),
            ("measures from accumulators, no binned", () => AnalysisCalculator.Compute(plain, new AnalysisOptions { Bins = 0, Bootstrap = 0 }, manifest)),
            ("measures from accumulators, every measure", () => AnalysisCalculator.Compute(binned, new AnalysisOptions { Bootstrap = 0 }, manifest)),
            ("measures with 200 bootstrap resamples", () => AnalysisCalculator.Compute(binned, new AnalysisOptions { Bootstrap = 200 }, manifest)),
        };
        if (args.Contains("--kernels"))
        {
            // Each per-row kernel alone over every tap row of the 70,000 images, on one thread.
            var all = batches.SelectMany(b => Enumerable.Range(0, b.Rows.Count).Select(j => (b.Taps, Row: j))).ToArray();
            var bits = new ulong[(taps.Max(t => t.Units) + 63) / 64];
            var counts = new int[taps.Max(t => t.Units)];
            var code = new byte[taps.Max(t => t.Units)];
            void Time(string name, Action<TapRows, int> kernel)
            {
                double best = double.MaxValue;
                for (int rep = 0; rep < repeats; rep++)
                {
                    var c = Stopwatch.StartNew();
                    foreach (var (rows, j) in all)
                        foreach (var tap in rows) kernel(tap, j);
                    best = Math.Min(best, c.Elapsed.TotalSeconds);
                }
                Console.WriteLine($"{name,-48} {best,8:F3} s (1 thread, fastest of {repeats})");
            }
            Time("firing bits and codeword key", (tap, j) =>
            {
                TapKernels.FiringBits(tap.Row(j), 0, bits);
                CodewordTable.Key(bits.AsSpan(0, (tap.Units + 63) / 64));
            });
            Time("firing counts", (tap, j) => TapKernels.CountFiring(tap.Row(j), 0, counts));
            Time("magnitude", (tap, j) => TapKernels.Magnitude(tap.Row(j)));
            Time("binned vector and key", (tap, j) => { TapKernels.Bin(tap.Row(j), 0, 10, 30, code); TapKernels.Hash(code.AsSpan(0, tap.Units)); });
            return 0;
        }
        Console.WriteLine($"70,000 MNIST images, {taps.Count} taps, {Compute.Threads} threads, median of {repeats} runs");
        foreach (var (name, run) in rows)
        {
            run();
            double median = Enumerable.Range(0, repeats).Select(_ => { var c = Stopwatch.StartNew(); run(); return c.Elapsed.TotalSeconds; }).Order().ElementAt(repeats / 2);
            Console.WriteLine($"{name,-58} {median,8:F3} s");
        }
        return 0;
    }

}
