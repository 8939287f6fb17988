using System.Diagnostics;
using System.Globalization;
using LayerEntropy.Data;
using LayerEntropy.Tensors;

namespace LayerEntropy.Bench;

/// <summary>
/// Decoding and preprocessing a folder of image files into float batches: ours (the streamed folder through the batch
/// loader, as analyze reads it) beside torchvision's ImageFolder and DataLoader with PIL, the same transform on both:
/// optional Resize and CenterCrop, then ImageNet's normalisation. Each side runs whole passes over the folder; the
/// median of the repeats is reported, the sides taking turns.
/// Usage: image-load FOLDER [--resize N] [--crop N] [--batch 256] [--workers 2] [--repeats 3] [--no-torch]
/// </summary>
internal static class ImageLoading
{
    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            Console.Error.WriteLine("usage: image-load FOLDER [--resize N] [--crop N] [--batch 256] [--workers 2] [--repeats 3] [--no-torch]");
            return 2;
        }
        string folder = args[0];
        int? resize = Optional(args, "--resize"), crop = Optional(args, "--crop");
        int batch = int.Parse(BenchArgs.Arg(args, "--batch", "256"), CultureInfo.InvariantCulture);
        int workers = int.Parse(BenchArgs.Arg(args, "--workers", "2"), CultureInfo.InvariantCulture);
        int repeats = int.Parse(BenchArgs.Arg(args, "--repeats", "3"), CultureInfo.InvariantCulture);
        bool torch = !args.Contains("--no-torch");
        Compute.Threads = workers;

        var transform = new ImageTransform(ImageColor.Rgb, resize, crop);
        var ours = new List<double>();
        var theirs = new List<double>();
        int count = 0;
        string shape = "";
        for (int r = 0; r < repeats; r++)
        {
            var data = ImageFolder.Open(folder, transform, skipBad: false).Data;
            var loader = new BatchLoader(data, batch, Normalization.ImageNet) { Workers = workers };
            var clock = Stopwatch.StartNew();
            count = 0;
            foreach (var b in loader.Epoch()) count += b.Count;
            ours.Add(clock.Elapsed.TotalSeconds);
            shape = $"{data.Channels}×{data.Height}×{data.Width}";
            if (!torch) continue;
            List<string> script = ["load", folder, "--workers", $"{workers}", "--batch", $"{batch}"];
            if (resize is int rs) script.AddRange(["--resize", $"{rs}"]);
            if (crop is int c) script.AddRange(["--crop", $"{c}"]);
            using var json = TorchScript.Run("image_folder.py", [.. script]);
            if (json is null) return 1;
            theirs.Add(json.RootElement.GetProperty("seconds").GetDouble());
        }

        string steps = string.Join(" → ", new[] { resize is int a ? $"resize {a}" : null, crop is int b2 ? $"center-crop {b2}" : null, "normalize imagenet" }.OfType<string>());
        Console.WriteLine($"{count} images of {folder} ({steps}; {shape} float batches of {batch}), {workers} workers; median of {repeats}");
        double mine = Stats.Median(ours);
        Console.WriteLine($"ours        {mine,7:F2} s  {count / mine,7:F0} images/s");
        if (torch)
        {
            double other = Stats.Median(theirs);
            Console.WriteLine($"torchvision {other,7:F2} s  {count / other,7:F0} images/s");
            Console.WriteLine($"ours / torchvision speed: {other / mine:F2}×");
        }
        return 0;
    }

    private static int? Optional(string[] args, string name) =>
        args.Contains(name) ? int.Parse(BenchArgs.Arg(args, name, "0"), CultureInfo.InvariantCulture) : null;
}
