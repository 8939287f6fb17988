using System.Diagnostics;
using System.Globalization;
using LayerEntropy.Analysis;
using LayerEntropy.Data;
using LayerEntropy.Onnx;
using LayerEntropy.Tensors;

namespace LayerEntropy.Bench;

/// <summary>
/// Where the analysis's own time goes, apart from the forward pass: the tap outputs of all 70,000 MNIST images are
/// recorded once, then the accumulation, the binned range pass and the computation of the measures (with and
/// without the bootstrap) are timed on them alone.
/// Usage: analysis-parts MODEL.onnx [--threads 2] [--repeats 3]
/// </summary>
internal static class AnalysisParts
{
    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-')) { Console.Error.WriteLine("usage: analysis-parts MODEL.onnx [--threads N] [--repeats N]"); return 2; }
        Compute.Threads = int.Parse(Arg(args, "--threads", "2"), CultureInfo.InvariantCulture);
        int repeats = int.Parse(Arg(args, "--repeats", "3"), CultureInfo.InvariantCulture);
        var model = OnnxModelFile.Load(args[0]).Model;
        var catalog = new DatasetCatalog();
        var data = catalog.Load("mnist", DatasetSplit.Train).Concat(catalog.Load("mnist", DatasetSplit.Test));
        var taps = TapSelection.Resolve(model, "fc", false);
        var request = new AnalysisRequest();
        var runner = new ModelRunner(model, [.. taps.Select(t => t.Layer)], request);
        var batches = new List<(TapRows[] Taps, List<int> Rows, List<long> Ids, List<int> Labels)>();
        runner.Run(data, Enumerable.Range(0, data.Count).ToList(),
            (rows, kept, ids, labels) => batches.Add(([.. rows.Select(r => new TapRows((float[])r.Values.Clone(), r.Units))], [.. kept], [.. ids], [.. labels])),
            null, default);
        var tapList = taps.Select(t => (t.Name, t.Kind, t.Units)).ToArray();

        AnalysisState Accumulate(AnalysisOptions options, TapRange[]? ranges)
        {
            var state = new AnalysisState(data.ClassNames, tapList, ranges);
            var accumulator = new BatchAccumulator(state, options.Threshold, options.Bins);
            foreach (var b in batches) accumulator.Add(b.Taps, b.Rows, b.Ids, b.Labels);
            accumulator.Complete();
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
        var binned = Accumulate(new AnalysisOptions(), ranges);
        var rows = new (string Name, Action Run)[]
        {
            ("accumulate, every measure but binned", () => Accumulate(new AnalysisOptions { Bins = 0 }, null)),
            ("binned's range pass (on recorded taps)", () => Ranges()),
            ("accumulate, every measure", () => Accumulate(new AnalysisOptions(), ranges)),
            ("measures from accumulators, no binned", () => AnalysisCalculator.Compute(plain, new AnalysisOptions { Bins = 0, Bootstrap = 0 }, manifest)),
            ("measures from accumulators, every measure", () => AnalysisCalculator.Compute(binned, new AnalysisOptions { Bootstrap = 0 }, manifest)),
            ("measures with 200 bootstrap resamples", () => AnalysisCalculator.Compute(binned, new AnalysisOptions { Bootstrap = 200 }, manifest)),
        };
        if (Environment.GetEnvironmentVariable("KERN") is not null)
        {
            var all = batches.SelectMany(b => Enumerable.Range(0, b.Rows.Count).Select(j => (b.Taps, j))).ToArray();
            var bitsBuf = new ulong[16]; var scratch = new float[2048]; var binb = new byte[1024];
            void T(string n, Action<ReadOnlySpan<float>> f) { for (int rep = 0; rep < 2; rep++) { var c = Stopwatch.StartNew(); foreach (var (tp, j) in all) for (int t = 0; t < tp.Length; t++) f(tp[t].Row(j)); if (rep == 1) Console.WriteLine($"{n,-20} {c.Elapsed.TotalSeconds:F3}"); } }
            T("firing", r => TapKernels.FiringBits(r, 0, bitsBuf));
            T("firing+key", r => { TapKernels.FiringBits(r, 0, bitsBuf); CodewordTable.Key(bitsBuf.AsSpan(0, (r.Length + 63) >> 6)); });
            T("magnitude", r => TapKernels.Magnitude(r));
            T("bin", r => TapKernels.Bin(r, 0, 10, 30, binb));
            T("bin+hash", r => { TapKernels.Bin(r, 0, 10, 30, binb); TapKernels.Hash(binb.AsSpan(0, r.Length)); });
            var one = all[5].Taps[0].Row(all[5].j).ToArray();
            for (int rep = 0; rep < 2; rep++) { var c = Stopwatch.StartNew(); double acc = 0; for (int k = 0; k < 140000; k++) acc += TapKernels.Magnitude(one) ?? 0; if (rep == 1) Console.WriteLine($"magnitude in cache {c.Elapsed.TotalSeconds:F3} {acc}"); }
            for (int rep = 0; rep < 2; rep++) { var c = Stopwatch.StartNew(); double acc = 0; for (int k = 0; k < 140000; k++) acc += TapKernels.FiringBits(one, 0, bitsBuf); if (rep == 1) Console.WriteLine($"firing in cache {c.Elapsed.TotalSeconds:F3} {acc}"); }
            T("minmax", r => { System.Numerics.Tensors.TensorPrimitives.Min(r); System.Numerics.Tensors.TensorPrimitives.Max(r); });
            return 0;
        }
        Console.WriteLine($"70,000 MNIST images, {taps.Count} taps, {Compute.Threads} threads, median of {repeats} runs");
        foreach (var (name, run) in rows)
        {
            run();
            double median = Enumerable.Range(0, repeats).Select(_ => { var c = Stopwatch.StartNew(); run(); return c.Elapsed.TotalSeconds; }).Order().ElementAt(repeats / 2);
            Console.WriteLine($"{name,-48} {median,8:F3} s");
        }
        return 0;
    }

    private static string Arg(string[] args, string name, string fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
