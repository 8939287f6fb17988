using System.Globalization;

namespace LayerEntropy.Data;

/// <summary>
/// How a stored value v of channel c becomes a network input: x = (v·<see cref="Scale"/> − Mean[c]) / Std[c].
/// The scale defaults to 1/255 for images stored as uint8 (so pixels land in [0, 1]) and to 1 for float32 inputs;
/// the mean to 0 and the std to 1. Mean and std hold one value for every channel or one per channel.
/// <para>
/// <see cref="BatchLoader"/> computes x as (v − offset) / divisor with offset = Mean[c]·(1/Scale) and divisor =
/// Std[c]·(1/Scale), rounded to float32: one subtraction and one true division per value. For the byte scale
/// 1/Scale is exactly 255, so this is the arithmetic of <see cref="Normalization"/>, value for value.
/// </para>
/// </summary>
public sealed class Preprocessing
{
    /// <summary>The scale that maps the bytes 0..255 to [0, 1].</summary>
    public const double ByteScale = 1.0 / 255;

    public Preprocessing(double scale, IReadOnlyList<float>? mean = null, IReadOnlyList<float>? std = null)
    {
        if (!(scale > 0) || !double.IsFinite(scale)) throw new ArgumentException($"the scale must be positive and finite, not {scale}", nameof(scale));
        mean ??= [0f];
        std ??= [1f];
        if (mean.Count == 0 || std.Count == 0) throw new ArgumentException("mean and std need at least one value");
        if (mean.Count != std.Count && mean.Count != 1 && std.Count != 1)
            throw new ArgumentException($"mean has {mean.Count} values and std {std.Count}; give one value or one per channel");
        if (std.Any(s => !(s > 0) || float.IsInfinity(s))) throw new ArgumentException("every std must be positive and finite", nameof(std));
        if (mean.Any(m => !float.IsFinite(m))) throw new ArgumentException("every mean must be finite", nameof(mean));
        Scale = scale;
        Mean = mean.ToArray();
        Std = std.ToArray();
    }

    public double Scale { get; }

    /// <summary>One value for every channel, or one per channel.</summary>
    public IReadOnlyList<float> Mean { get; }

    /// <summary>One value for every channel, or one per channel.</summary>
    public IReadOnlyList<float> Std { get; }

    /// <summary>The default scale of <paramref name="data"/>'s storage (1/255 for bytes, 1 for floats), mean 0, std 1.</summary>
    public static Preprocessing Default(Dataset data) => new(DefaultScale(data));

    public static double DefaultScale(Dataset data) => data.Values is null ? ByteScale : 1;

    /// <summary>
    /// A <see cref="Normalization"/> (or none) on the default scale of <paramref name="data"/>'s storage:
    /// for byte images exactly what <see cref="BatchLoader"/> has always computed.
    /// </summary>
    public static Preprocessing For(Dataset data, Normalization? normalization) =>
        normalization is null ? Default(data) : new(DefaultScale(data), normalization.Mean, normalization.Std);

    /// <summary>
    /// The preprocessing of <paramref name="data"/> with what is given: a null scale takes the scale of the data's
    /// storage, a null mean 0, a null std 1. The counts are checked against the data's channels.
    /// </summary>
    /// <exception cref="LayerEntropyException">Mean or std has neither one value nor one per channel.</exception>
    public static Preprocessing Of(double? scale, IReadOnlyList<float>? mean, IReadOnlyList<float>? std, Dataset data)
    {
        IReadOnlyList<float> means = mean ?? [0f], stds = std ?? [1f];
        CheckChannels(means, stds, data.Channels);
        return new Preprocessing(scale ?? DefaultScale(data), means, stds);
    }

    /// <summary>Throws when mean or std has neither one value nor <paramref name="channels"/>.</summary>
    public void CheckChannels(int channels) => CheckChannels(Mean, Std, channels);

    private static void CheckChannels(IReadOnlyList<float> mean, IReadOnlyList<float> std, int channels)
    {
        foreach (var (name, values) in new[] { ("mean", mean), ("std", std) })
            if (values.Count != 1 && values.Count != channels)
                throw new LayerEntropyException($"{name} has {values.Count} values but the images have {channels} channel{(channels == 1 ? "" : "s")}; give one value or one per channel");
    }

    public float MeanOf(int channel) => Mean.Count == 1 ? Mean[0] : Mean[channel];

    public float StdOf(int channel) => Std.Count == 1 ? Std[0] : Std[channel];

    /// <summary>The (v − offset) / divisor form of channel <paramref name="channel"/> that the batch kernels compute.</summary>
    internal (float Offset, float Divisor) Affine(int channel)
    {
        double inverse = 1 / Scale;
        return ((float)(inverse * MeanOf(channel)), (float)(inverse * StdOf(channel)));
    }

    /// <summary>The formula for a run's record, e.g. "x = (v · 0.00392157 − 0.1307) / 0.3081".</summary>
    public string Describe()
    {
        string scale = N(Scale);
        if (Mean.Count == 1 && Std.Count == 1) return $"x = (v · {scale} − {N(Mean[0])}) / {N(Std[0])}";
        return $"x = (v · {scale} − mean[c]) / std[c] with mean ({string.Join(", ", Mean.Select(m => N(m)))}), std ({string.Join(", ", Std.Select(m => N(m)))})";
    }

    public override string ToString() => Describe();

    private static string N(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
