namespace LayerEntropy.Tensors;

/// <summary>
/// Moves one image between the interleaved layout (HWC: the channels of a pixel side by side, as PNG rows and
/// NumPy's channels-last arrays hold them) and the planar layout (CHW: one plane per channel, as datasets store them).
/// </summary>
internal static class ChannelLayout
{
    /// <summary>planar[c·P + p] = interleaved[p·C + c] for the P = length/C pixels of one image.</summary>
    public static void ToPlanar<T>(ReadOnlySpan<T> interleaved, Span<T> planar, int channels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        if (interleaved.Length % channels != 0) throw new ArgumentException($"{interleaved.Length} values are not whole pixels of {channels} channels", nameof(interleaved));
        if (planar.Length < interleaved.Length) throw new ArgumentException("destination shorter than source", nameof(planar));
        int pixels = interleaved.Length / channels;
        StridedGather.Copy(interleaved, [channels, pixels], [1, channels], planar);
    }
}
