using System.Diagnostics;
using System.Globalization;
using LayerEntropy.Analysis;
using LayerEntropy.Data;
using LayerEntropy.Onnx;
using LayerEntropy.Tensors;

namespace LayerEntropy.Bench;

/// <summary>
/// Models on ONNX Runtime beside our engine and PyTorch, in one run: the README's MLP over MNIST's 10,000 test images
/// (our engine's forward pass, ONNX Runtime's on the same file, PyTorch's on the same weights) and torchvision's
/// resnet18 at 64×64 over 1,000 images (ONNX Runtime and PyTorch; our engine builds no residual networks), and vgg11 at
/// 224×224 over 50 images (ONNX Runtime; its default taps are its two hidden FC layers). For each,
/// the analysis on ONNX Runtime (every measure but the bootstrap) as a multiple of ONNX Runtime's bare forward pass
/// over the same inputs, with the same batches. Configurations take turns; medians over the repeats.
/// Usage: onnx MLP.onnx FOLDER [--threads 2] [--repeats 3] [--torch] [--models mlp,resnet18,vgg11]
/// (FOLDER: what bench/onnx_models.py make wrote; --models: which of the three to run, all by default)
/// </summary>
internal static class RuntimeComparison
{
    public static int Run(string[] args)
    {
        if (args.Length < 2 || args[0].StartsWith('-'))
        {
            Console.Error.WriteLine("usage: onnx MLP.onnx FOLDER [--threads N] [--repeats N] [--torch] [--models mlp,resnet18,vgg11]");
            return 2;
        }
        Compute.Threads = int.Parse(BenchArgs.Arg(args, "--threads", "2"), CultureInfo.InvariantCulture);
        int repeats = int.Parse(BenchArgs.Arg(args, "--repeats", "3"), CultureInfo.InvariantCulture);
        string folder = args[1];
        bool torch = args.Contains("--torch");
        var models = BenchArgs.Arg(args, "--models", "mlp,resnet18,vgg11").Split(',');
        Console.WriteLine($"ONNX Runtime {RuntimeSession.Version}, {Compute.Threads} threads, {repeats} repeats with the configurations taking turns");

        (int Batch, double Forward)? mlp = null, cnn = null;
        if (models.Contains("mlp"))
        {
            var mnist = NpyInputs.Read(Path.Combine(folder, "mnist-test.npy"), Path.Combine(folder, "mnist-test.labels.npy"), InputLayout.Nchw);
            mlp = Compare("MLP 784-512-256-128-64-32-10, 10,000 MNIST test images", args[0], mnist, "fc", 500, repeats, engine: true);
        }
        string resnet = Path.Combine(folder, "resnet18-64.onnx");
        if (models.Contains("resnet18"))
        {
            var images = NpyInputs.Read(Path.Combine(folder, "images64.npy"), Path.Combine(folder, "images64.labels.npy"), InputLayout.Nchw);
            cnn = Compare("resnet18 at 64×64, 1,000 images", resnet, images, "fc", null, repeats, engine: false, ("analysis, --taps all (every ReLU)", "all"));
        }
        if (models.Contains("vgg11"))
        {
            var large = NpyInputs.Read(Path.Combine(folder, "images224.npy"), Path.Combine(folder, "images224.labels.npy"), InputLayout.Nchw).Subset(Enumerable.Range(0, 50));
            Compare("vgg11 at 224×224, 50 images", Path.Combine(folder, "vgg11-224.onnx"), large, "fc", null, repeats, engine: false);
        }
        if (!torch) return 0;
        foreach (var (name, model, inputs, measured) in new[] { ("MLP", args[0], "mnist-test.npy", mlp), ("resnet18", resnet, "images64.npy", cnn) })
        {
            if (measured is not var (batch, ort)) continue;
            using var json = TorchScript.Run("onnx_models.py", "time", model, Path.Combine(folder, inputs), "--threads", Compute.Threads.ToString(CultureInfo.InvariantCulture),
                "--repeats", repeats.ToString(CultureInfo.InvariantCulture), "--batch", batch.ToString(CultureInfo.InvariantCulture));
            if (json is null) return 1;
            double[] seconds = TorchScript.Seconds(json, "forward_seconds");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: PyTorch {json.RootElement.GetProperty("torch").GetString()} bare forward pass {Stats.Median(seconds):F3} s ({Stats.Runs(seconds)}); ratio, ONNX Runtime / PyTorch: {ort / Stats.Median(seconds):F2}"));
        }
        return 0;
    }

    /// <summary>Times each configuration over <paramref name="data"/> and prints the table; returns the batch and ONNX Runtime's median forward seconds.</summary>
    private static (int Batch, double Forward) Compare(string title, string path, Dataset data, string taps, int? batchSize, int repeats, bool engine,
        params (string Name, string Taps)[] more)
    {
        var graph = OnnxGraph.Read(path);
        var fit = InputFit.Resolve(data.Channels, data.Height, data.Width, graph.Input.Dims, path, graph.Input.Describe());
        var imported = new ImportedModel(graph, fit.Shape, Compute.Threads);
        var tapPoints = imported.Layers.Resolve(taps, false);
        int batch = batchSize ?? ModelAnalysis.AutomaticBatch(imported, tapPoints);
        var options = new AnalysisOptions { Bootstrap = 0 };
        var request = new AnalysisRequest { Options = options, BatchSize = batch };
        var preprocessing = Preprocessing.Default(data);
        using var bare = RuntimeSession.Create(graph, [], optimize: true, Compute.Threads);
        var tapped = new RuntimeModel(imported, tapPoints);

        var rows = new List<(string Name, Func<double> Run)>
        {
            ("ONNX Runtime, bare forward pass", () => Seconds(() =>
            {
                var loader = new BatchLoader(data, batch, preprocessing);
                foreach (var b in loader.Epoch())
                {
                    var x = fit.Apply(b.Images);
                    bare.Run(graph.Input.Name, x.Data, [b.Count, .. fit.Shape.Select(d => (long)d)], [graph.Outputs[0]], (_, _, _) => { });
                }
            })),
            ($"ONNX Runtime, forward pass fetching the default taps' values", () => Seconds(() =>
            {
                var loader = new BatchLoader(data, batch, preprocessing);
                foreach (var b in loader.Epoch()) tapped.Forward(fit.Apply(b.Images));
            })),
            ($"analysis on ONNX Runtime, default taps ({tapPoints.Count}), no bootstrap", () => Seconds(() => Analyzer.Analyze(tapped, fit, data, request, null, default))),
            ("the same without binned (--bins 0)", () => Seconds(() => Analyzer.Analyze(tapped, fit, data, request with { Options = options with { Bins = 0 } }, null, default))),
        };
        // Sessions are made before the clock starts, as the bare forward pass's is: what is timed is the pass over the inputs.
        var sessions = new List<RuntimeModel> { tapped };
        foreach (var (name, spec) in more)
        {
            var model = new RuntimeModel(imported, imported.Layers.Resolve(spec, false));
            sessions.Add(model);
            rows.Add(($"{name}, no bootstrap", () => Seconds(() => Analyzer.Analyze(model, fit, data, request, null, default))));
        }
        if (engine)
        {
            var sequential = OnnxModelFile.Load(path).Model;
            rows.Add(("our engine, bare forward pass", () => Seconds(() =>
            {
                var loader = new BatchLoader(data, batch, preprocessing);
                foreach (var b in loader.Epoch()) sequential.Forward(fit.Apply(b.Images), false);
            })));
        }
        try
        {
            foreach (var (_, run) in rows) run(); // warm-up
            var times = rows.Select(_ => new List<double>()).ToArray();
            for (int r = 0; r < repeats; r++)
                for (int i = 0; i < rows.Count; i++) times[i].Add(rows[i].Run());

            Console.WriteLine();
            Console.WriteLine($"{title}, batch {batch}");
            Console.WriteLine($"{"",-62} {"median s",9} {"× ORT forward",14}");
            for (int i = 0; i < rows.Count; i++)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{rows[i].Name,-62} {Stats.Median(times[i]),9:F3} {Stats.Median(times[i].Zip(times[0], (t, f) => t / f)),14:F2}"));
            return (batch, Stats.Median(times[0]));
        }
        finally
        {
            foreach (var s in sessions) s.Dispose();
        }
    }

    private static double Seconds(Action work)
    {
        var clock = Stopwatch.StartNew();
        work();
        return clock.Elapsed.TotalSeconds;
    }
}
