using System.Diagnostics;
using System.Globalization;
using LayerEntropy.Nn;
using LayerEntropy.Tensors;

namespace LayerEntropy.Bench;

/// <summary>
/// Where a training step's time goes: forward and backward of each layer of a model on one random batch, repeated,
/// timed with a stopwatch per layer. Prints milliseconds per batch and the share of the total.
/// Usage: layers [--model lenet] [--threads 2] [--batch 128] [--steps 200]
/// </summary>
internal static class LayerTimes
{
    public static int Run(string[] args)
    {
        string spec = BenchArgs.Arg(args, "--model", "lenet");
        Compute.Threads = int.Parse(BenchArgs.Arg(args, "--threads", "2"), CultureInfo.InvariantCulture);
        int batch = int.Parse(BenchArgs.Arg(args, "--batch", "128"), CultureInfo.InvariantCulture);
        int steps = int.Parse(BenchArgs.Arg(args, "--steps", "200"), CultureInfo.InvariantCulture);
        var model = ModelSpec.Build(spec, [1, 28, 28], 10, seed: 0);
        var layers = model.Layers;
        var random = new Random(1);
        var x = new Tensor(batch, 1, 28, 28);
        for (int i = 0; i < x.Length; i++) x[i] = random.NextSingle();

        var forward = new double[layers.Count];
        var backward = new double[layers.Count];
        var outputs = new Tensor[layers.Count];
        for (int step = -10; step < steps; step++)
        {
            var h = x;
            for (int l = 0; l < layers.Count; l++)
            {
                long t = Stopwatch.GetTimestamp();
                h = outputs[l] = layers[l].Forward(h, training: true);
                if (step >= 0) forward[l] += Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            }
            var dy = new Tensor(h.Shape);
            for (int i = 0; i < dy.Length; i++) dy[i] = (i % 7 - 3) * 1e-3f;
            for (int l = layers.Count - 1; l >= 0; l--)
            {
                long t = Stopwatch.GetTimestamp();
                dy = layers[l].Backward(dy, needInputGradient: l > 0);
                if (step >= 0) backward[l] += Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            }
        }

        double total = forward.Sum() + backward.Sum();
        Console.WriteLine($"{spec}, batch {batch}, {Compute.Threads} threads, {steps} steps: ms per batch");
        Console.WriteLine($"{"layer",-14} {"forward",9} {"backward",9} {"share",7}");
        for (int l = 0; l < layers.Count; l++)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{layers[l].Name ?? layers[l].Kind,-14} {forward[l] / steps,9:F3} {backward[l] / steps,9:F3} {(forward[l] + backward[l]) / total,7:P1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"total",-14} {forward.Sum() / steps,9:F3} {backward.Sum() / steps,9:F3}"));
        return 0;
    }
}
