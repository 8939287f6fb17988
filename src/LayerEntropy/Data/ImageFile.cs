using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace LayerEntropy.Data;

/// <summary>
/// Reads one image file (JPEG, PNG, BMP, GIF, TIFF or WebP, through ImageSharp) into the planar bytes a
/// <see cref="Dataset"/> stores, transformed as an <see cref="ImageTransform"/> says. Errors name the file.
/// </summary>
internal static class ImageFile
{
    /// <summary>The image in <paramref name="path"/>: its size, channels (1 or 3) and pixels, channel planes one after another.</summary>
    public static (int Width, int Height, int Channels, byte[] Pixels) Read(string path, ImageTransform transform)
    {
        if (transform.Resize is not null || transform.CenterCrop is not null)
            throw new NotSupportedException("resize and crop are not read yet");
        return FileErrors.Guard(path, () =>
        {
            try
            {
                using var image = Image.Load(path);
                bool gray = transform.Color == ImageColor.Gray
                    || (transform.Color == ImageColor.AsStored && image is Image<L8> or Image<L16> or Image<La16> or Image<La32>);
                using var rgb = image.CloneAs<Rgb24>();
                return (rgb.Width, rgb.Height, gray ? 1 : 3, Planar(rgb, gray && image is not (Image<L8> or Image<L16> or Image<La16> or Image<La32>), gray));
            }
            catch (UnknownImageFormatException e)
            {
                throw LayerEntropyException.ForFile(path, "not an image ImageSharp reads (JPEG, PNG, BMP, GIF, TIFF or WebP)", e);
            }
            catch (InvalidImageContentException e)
            {
                throw LayerEntropyException.ForFile(path, $"damaged or truncated image: {e.Message}", e);
            }
            catch (ImageFormatException e)
            {
                throw LayerEntropyException.ForFile(path, $"unreadable image: {e.Message}", e);
            }
        });
    }

    /// <summary>Planar bytes: three planes, or one (PIL's luma from RGB where <paramref name="luma"/>, else the stored gray, which the RGB copy repeats).</summary>
    private static byte[] Planar(Image<Rgb24> rgb, bool luma, bool gray)
    {
        int plane = rgb.Width * rgb.Height;
        var pixels = new byte[(gray ? 1 : 3) * plane];
        rgb.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                int at = y * rows.Width;
                for (int x = 0; x < row.Length; x++)
                {
                    var p = row[x];
                    if (!gray)
                    {
                        pixels[at + x] = p.R;
                        pixels[plane + at + x] = p.G;
                        pixels[2 * plane + at + x] = p.B;
                    }
                    else pixels[at + x] = luma ? (byte)((19595 * p.R + 38470 * p.G + 7471 * p.B + 0x8000) >> 16) : p.R;
                }
            }
        });
        return pixels;
    }
}
