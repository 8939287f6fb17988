namespace LayerEntropy.Data;

/// <summary>Which channels an image file becomes.</summary>
public enum ImageColor
{
    /// <summary>Gray files give one channel, every other file three (RGB; alpha is dropped).</summary>
    AsStored,

    /// <summary>Three channels, as PIL's <c>convert("RGB")</c>.</summary>
    Rgb,

    /// <summary>One channel, as PIL's <c>convert("L")</c>: L = (19595 R + 38470 G + 7471 B + 2¹⁵) / 2¹⁶.</summary>
    Gray,
}

/// <summary>
/// What happens to each image file before it is stored as planar bytes, in the order of torchvision's PIL path:
/// the color conversion, then <see cref="Resize"/> (the shorter side to this many pixels, bilinear with antialias,
/// the longer side in proportion), then <see cref="CenterCrop"/> (a square of this side from the middle).
/// </summary>
public sealed record ImageTransform(ImageColor Color = ImageColor.AsStored, int? Resize = null, int? CenterCrop = null)
{
    /// <summary>No conversion, no resizing, no crop: the file's own pixels.</summary>
    public static ImageTransform None { get; } = new();
}
