using System.Runtime.InteropServices;
using LayerEntropy.Tensors;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Tiff;
using SixLabors.ImageSharp.Formats.Tiff.Constants;
using SixLabors.ImageSharp.PixelFormats;

namespace LayerEntropy.Data;

/// <summary>
/// Reads one image file (JPEG through libjpeg-turbo where the system has it, as Pillow does, <see cref="TurboJpeg"/>;
/// JPEG elsewhere, PNG, BMP, GIF, TIFF and WebP through ImageSharp) into the planar bytes a
/// <see cref="Dataset"/> stores, transformed as an <see cref="ImageTransform"/> says, with the pixels Pillow and
/// torchvision give: Pillow's color conversions, torchvision's <c>Resize</c> (Pillow's antialiased bilinear
/// resampling, <see cref="ImageResample"/>) and <c>CenterCrop</c>. Errors name the file.
/// </summary>
internal static class ImageFile
{
    private const string Formats = "JPEG, PNG, BMP, GIF, TIFF or WebP";

    /// <summary>The largest image file read, in bytes.</summary>
    public const long MaxFileBytes = 256L << 20;

    /// <summary>The most pixels an image may have: its size is read from the header and checked before it is decoded.</summary>
    public const long MaxPixels = 1L << 26;

    /// <summary>The image in <paramref name="path"/>: its size, channels (1 or 3) and pixels, channel planes one after another.</summary>
    public static (int Width, int Height, int Channels, byte[] Pixels) Read(string path, ImageTransform transform) =>
        Read(path, transform, TurboJpeg.Available);

    /// <param name="turboJpeg">Decode JPEG files with libjpeg-turbo (<see cref="TurboJpeg"/>) rather than ImageSharp.</param>
    internal static (int Width, int Height, int Channels, byte[] Pixels) Read(string path, ImageTransform transform, bool turboJpeg)
    {
        if (transform.Resize is < 1) throw new ArgumentOutOfRangeException(nameof(transform), "the resize side must be at least 1");
        if (transform.CenterCrop is < 1) throw new ArgumentOutOfRangeException(nameof(transform), "the crop side must be at least 1");
        return FileErrors.Guard(path, () =>
        {
            var (width, height, channels, pixels) = Decode(path, transform.Color, turboJpeg);
            if (transform.Resize is int side)
            {
                var (w, h) = ResizedSize(width, height, side);
                if ((w, h) != (width, height)) (width, height, pixels) = (w, h, ImageResample.Resize(pixels, channels, width, height, w, h));
            }
            if (transform.CenterCrop is int crop)
                (width, height, pixels) = (crop, crop, ImagePixels.CenterCrop(pixels, channels, width, height, crop));
            return (width, height, channels, pixels);
        });
    }

    /// <summary>
    /// torchvision's <c>Resize(side)</c> size: the shorter side becomes <paramref name="side"/>, the longer
    /// int(side · longer / shorter) (truncated).
    /// </summary>
    public static (int Width, int Height) ResizedSize(int width, int height, int side)
    {
        int shorter = Math.Min(width, height), longer = Math.Max(width, height);
        int resized = checked((int)((double)((long)side * longer) / shorter));
        return width <= height ? (side, resized) : (resized, side);
    }

    private static (int Width, int Height, int Channels, byte[] Pixels) Decode(string path, ImageColor color, bool turboJpeg)
    {
        byte[] file = RegularFile.ReadAllBytes(path, MaxFileBytes);
        if (turboJpeg && TurboJpeg.IsJpeg(file) && TurboJpeg.Decode(file, path) is var (w, h, gray, rows))
        {
            int planesOf = Channels(color, gray);
            var planes = new byte[planesOf * w * h];
            int stride = gray ? 1 : 3;
            for (int y = 0; y < h; y++)
            {
                var row = rows.AsSpan(y * w * stride, w * stride);
                if (gray) ImagePixels.GrayRow(row, 1, planes, w, h, y, planesOf);
                else ImagePixels.RgbRow(row, 3, planes, w, h, y, luma: planesOf == 1);
            }
            return (w, h, planesOf, planes);
        }
        return Decode(file, path, color);
    }

    private static (int Width, int Height, int Channels, byte[] Pixels) Decode(byte[] file, string path, ImageColor color)
    {
        var (image, format) = Load(file, path);
        using var _ = image;
        bool storedGray = IsGray(image, format);
        int channels = Channels(color, storedGray);
        int width = image.Width, height = image.Height;
        var planes = new byte[channels * width * height];
        switch (image)
        {
            case Image<L8> l8:
                l8.ProcessPixelRows(rows =>
                {
                    for (int y = 0; y < rows.Height; y++)
                        ImagePixels.GrayRow(MemoryMarshal.AsBytes(rows.GetRowSpan(y)), 1, planes, width, height, y, channels);
                });
                break;
            case Image<La16> la16:
                la16.ProcessPixelRows(rows =>
                {
                    for (int y = 0; y < rows.Height; y++)
                        ImagePixels.GrayRow(MemoryMarshal.AsBytes(rows.GetRowSpan(y)), 2, planes, width, height, y, channels);
                });
                break;
            case Image<L16> l16:
                l16.ProcessPixelRows(rows =>
                {
                    for (int y = 0; y < rows.Height; y++)
                        ImagePixels.ClippedGrayRow(MemoryMarshal.Cast<L16, ushort>(rows.GetRowSpan(y)), 1, planes, width, height, y, channels);
                });
                break;
            default:
                using (var owned = image is Image<Rgb24> ? null : image.CloneAs<Rgb24>())
                {
                    var rgb = owned ?? (Image<Rgb24>)image;
                    rgb.ProcessPixelRows(rows =>
                    {
                        for (int y = 0; y < rows.Height; y++)
                        {
                            var row = MemoryMarshal.AsBytes(rows.GetRowSpan(y));
                            if (storedGray) ImagePixels.GrayRow(row, 3, planes, width, height, y, channels);
                            else ImagePixels.RgbRow(row, 3, planes, width, height, y, luma: channels == 1);
                        }
                    });
                }
                break;
        }
        return (width, height, channels, planes);
    }

    /// <summary>The channels an image comes out with: 3 for RGB, 1 for gray, or as stored.</summary>
    private static int Channels(ImageColor color, bool storedGray) => color switch
    {
        ImageColor.Rgb => 3,
        ImageColor.Gray => 1,
        _ => storedGray ? 1 : 3,
    };

    /// <summary>Whether Pillow opens the file in a gray mode: gray PNGs (any depth, with or without alpha), JPEGs and TIFFs.</summary>
    private static bool IsGray(Image image, IImageFormat format)
    {
        if (image is Image<L8> or Image<L16> or Image<La16> or Image<La32>) return true;
        if (format is JpegFormat) return image.Metadata.GetJpegMetadata().ColorType == JpegColorType.Luminance;
        if (format is not TiffFormat) return false;
        var tiff = image.Frames.RootFrame.Metadata.GetTiffMetadata();
        return tiff.PhotometricInterpretation is TiffPhotometricInterpretation.BlackIsZero or TiffPhotometricInterpretation.WhiteIsZero
            && tiff.BitsPerPixel is TiffBitsPerPixel.Bit8;
    }

    private static (Image Image, IImageFormat Format) Load(byte[] file, string path)
    {
        try
        {
            if (Image.Identify(file) is { } info) CheckSize(info.Width, info.Height, path);
            var image = Image.Load(file, out IImageFormat format);
            return (image, format);
        }
        catch (UnknownImageFormatException e)
        {
            bool empty = file.Length == 0;
            throw LayerEntropyException.ForFile(path, empty ? "the file is empty, not an image" : $"not an image file ImageSharp reads ({Formats})", e);
        }
        catch (NotSupportedException e)
        {
            throw LayerEntropyException.ForFile(path, $"unsupported image: {OneLine(e.Message)}", e);
        }
        catch (Exception e) when (e is not (IOException or UnauthorizedAccessException or OutOfMemoryException or LayerEntropyException))
        {
            // ImageSharp's decoders meet a truncated or damaged file with format errors, or now and then with an
            // index or null-reference error from reading past what is there.
            string detail = e is ImageFormatException ? $": {OneLine(e.Message)}" : "";
            throw LayerEntropyException.ForFile(path, $"damaged or truncated image{detail}", e);
        }
    }

    /// <summary>Refuses an image whose header promises more than <see cref="MaxPixels"/>, before any pixel is decoded.</summary>
    internal static void CheckSize(int width, int height, string path)
    {
        if ((long)width * height > MaxPixels)
            throw LayerEntropyException.ForFile(path, $"damaged or truncated image, or one too large: the header gives {width}×{height} pixels, more than the {MaxPixels / 1_000_000} megapixels read (shrink it first)");
    }

    private static string OneLine(string message) => string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
