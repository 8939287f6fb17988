namespace LayerEntropy.Data;

/// <summary>
/// Per-channel standardisation applied after scaling pixels to [0, 1]: x = (pixel/255 − Mean[c]) / Std[c].
/// The published statistics of the training sets are provided; none is applied unless asked for.
/// </summary>
public sealed class Normalization
{
    public Normalization(IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        if (mean.Count == 0 || mean.Count != std.Count) throw new ArgumentException("mean and std need one value per channel");
        if (std.Any(s => !(s > 0) || float.IsInfinity(s))) throw new ArgumentException("every std must be positive and finite", nameof(std));
        if (mean.Any(m => !float.IsFinite(m))) throw new ArgumentException("every mean must be finite", nameof(mean));
        Mean = mean.ToArray();
        Std = std.ToArray();
    }

    public IReadOnlyList<float> Mean { get; }
    public IReadOnlyList<float> Std { get; }
    public int Channels => Mean.Count;

    /// <summary>MNIST training set: mean 0.1307, std 0.3081.</summary>
    public static Normalization Mnist { get; } = new([0.1307f], [0.3081f]);

    /// <summary>Fashion-MNIST training set: mean 0.2860, std 0.3530.</summary>
    public static Normalization FashionMnist { get; } = new([0.2860f], [0.3530f]);

    /// <summary>CIFAR-10 training set, per channel R, G, B.</summary>
    /// <summary>torchvision's ImageNet normalisation, the one its pretrained models expect.</summary>
    public static Normalization ImageNet { get; } = new([0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]);

    public static Normalization Cifar10 { get; } = new([0.4914f, 0.4822f, 0.4465f], [0.2470f, 0.2435f, 0.2616f]);

    /// <summary>The normalisation <paramref name="name"/> names.</summary>
    public static Normalization Named(NormalizationName name) => name switch
    {
        NormalizationName.ImageNet => ImageNet,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such normalisation"),
    };

    /// <summary>The training-set statistics of a known dataset (by name or alias), or null for any other name.</summary>
    public static Normalization? ForDataset(string name) => name.Trim().ToLowerInvariant() switch
    {
        "mnist" => Mnist,
        "fashion-mnist" or "fashion" => FashionMnist,
        "cifar10" or "cifar-10" => Cifar10,
        _ => null,
    };

    /// <summary>
    /// The mean and std measured on <paramref name="data"/> per channel: in the [0, 1] scale for byte images, of the
    /// values as stored for float ones (the default scales of <see cref="Preprocessing"/>).
    /// </summary>
    public static Normalization Measure(Dataset data)
    {
        int plane = data.Height * data.Width;
        if (data.Values is not null) return MeasureValues(data, plane);
        var sum = new double[data.Channels];
        var sumSquares = new double[data.Channels];
        for (int i = 0; i < data.Count; i++)
        {
            ReadOnlySpan<byte> image = data.Image(i);
            for (int c = 0; c < data.Channels; c++)
                foreach (byte b in image.Slice(c * plane, plane))
                {
                    sum[c] += b;
                    sumSquares[c] += b * b;
                }
        }
        double n = (double)data.Count * plane * 255;
        var mean = sum.Select(s => s / n).ToArray();
        var std = sumSquares.Select((s, c) => Math.Sqrt(s / (n * 255) - mean[c] * mean[c])).ToArray();
        return new(mean.Select(m => (float)m).ToArray(), std.Select(s => (float)s).ToArray());
    }

    private static Normalization MeasureValues(Dataset data, int plane)
    {
        var sum = new double[data.Channels];
        var sumSquares = new double[data.Channels];
        for (int i = 0; i < data.Count; i++)
        {
            ReadOnlySpan<float> image = data.ImageValues(i);
            for (int c = 0; c < data.Channels; c++)
                foreach (float v in image.Slice(c * plane, plane))
                {
                    sum[c] += v;
                    sumSquares[c] += (double)v * v;
                }
        }
        double n = (double)data.Count * plane;
        var mean = sum.Select(s => s / n).ToArray();
        var std = sumSquares.Select((s, c) => Math.Sqrt(Math.Max(0, s / n - mean[c] * mean[c]))).ToArray();
        // A constant channel has std 0, which a normalisation cannot divide by: it keeps std 1.
        return new(mean.Select(m => (float)m).ToArray(), std.Select(s => s > 0 ? (float)s : 1f).ToArray());
    }
}
