using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using ImageSharpPngEncoder = SixLabors.ImageSharp.Formats.Png.PngEncoder;

namespace LayerEntropy.Reports;

/// <summary>A raster of <see cref="Width"/>×<see cref="Height"/> pixels, row by row from the top, 4 bytes (R, G, B, A) each.</summary>
internal sealed class RgbaImage
{
    public RgbaImage(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Width = width;
        Height = height;
        Pixels = new byte[checked(width * height * 4)];
    }

    public int Width { get; }
    public int Height { get; }
    public byte[] Pixels { get; }

    public Rgba this[int x, int y]
    {
        get
        {
            int i = (y * Width + x) * 4;
            return new Rgba(Pixels[i], Pixels[i + 1], Pixels[i + 2], Pixels[i + 3]);
        }
        set
        {
            int i = (y * Width + x) * 4;
            Pixels[i] = value.R;
            Pixels[i + 1] = value.G;
            Pixels[i + 2] = value.B;
            Pixels[i + 3] = value.A;
        }
    }

    /// <summary>
    /// The image as a PNG file (through ImageSharp): 8 bits per channel, RGB where every pixel is opaque, else RGBA.
    /// The same pixels always give the same bytes.
    /// </summary>
    public byte[] ToPng()
    {
        bool opaque = true;
        for (int i = 3; i < Pixels.Length && opaque; i += 4) opaque = Pixels[i] == 255;
        using var image = Image.LoadPixelData<Rgba32>(Pixels, Width, Height);
        using var output = new MemoryStream();
        image.SaveAsPng(output, new ImageSharpPngEncoder
        {
            ColorType = opaque ? PngColorType.Rgb : PngColorType.RgbWithAlpha,
            BitDepth = PngBitDepth.Bit8,
            CompressionLevel = PngCompressionLevel.DefaultCompression,
            FilterMethod = PngFilterMethod.Adaptive,
            ChunkFilter = PngChunkFilter.ExcludeAll,
        });
        return output.ToArray();
    }
}
