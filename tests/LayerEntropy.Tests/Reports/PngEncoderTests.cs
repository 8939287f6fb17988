using System.Security.Cryptography;
using System.Text;
using LayerEntropy.Reports;

namespace LayerEntropy.Tests.Reports;

/// <summary>The PNG files reports embed (<see cref="RgbaImage.ToPng"/>): read back by our own test decoder and by Pillow.</summary>
public class PngEncoderTests
{
    private const string Install = "install python3 and python3-pil (e.g. apt-get install python3-pil)";

    public static TheoryData<int, int> Sizes => new() { { 1, 1 }, { 1, 17 }, { 17, 1 }, { 257, 3 }, { 3, 257 }, { 64, 48 } };

    internal static RgbaImage RandomImage(int width, int height, int seed, bool opaque)
    {
        var image = new RgbaImage(width, height);
        new Random(seed).NextBytes(image.Pixels);
        if (opaque)
            for (int i = 3; i < image.Pixels.Length; i += 4) image.Pixels[i] = 255;
        return image;
    }

    /// <summary>Smooth content of the kind charts have: gradients in each direction, flat areas, a few sharp edges.</summary>
    private static RgbaImage Smooth(int width, int height, int kind)
    {
        var image = new RgbaImage(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                image[x, y] = kind switch
                {
                    0 => new Rgba((byte)(x * 3), (byte)(x * 5), 40),
                    1 => new Rgba((byte)(y * 3), 90, (byte)(y * 7)),
                    2 => new Rgba((byte)(x * 2 + y * 3), (byte)(x * y / 16), (byte)(x ^ y), (byte)(255 - y)),
                    _ => x < width / 2 == y < height / 2 ? Rgba.White : new Rgba(30, 60, 90, 200),
                };
        return image;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void RandomPixelsRoundTripWithAlpha(int width, int height)
    {
        var image = RandomImage(width, height, seed: width * 1000 + height, opaque: false);
        var decoded = PngDecoder.Decode(image.ToPng(), out var info);
        Assert.Equal(6, info.ColourType);
        Assert.Equal((width, height), (decoded.Width, decoded.Height));
        Assert.Equal(image.Pixels, decoded.Pixels);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void OpaquePixelsRoundTripAsRgb(int width, int height)
    {
        var image = RandomImage(width, height, seed: width * 1000 + height + 7, opaque: true);
        var decoded = PngDecoder.Decode(image.ToPng(), out var info);
        Assert.Equal(2, info.ColourType);
        Assert.Equal(image.Pixels, decoded.Pixels);
    }

    [Fact]
    public void OneTranslucentPixelKeepsTheAlphaChannel()
    {
        var image = RandomImage(20, 10, seed: 3, opaque: true);
        image[19, 9] = image[19, 9] with { A = 254 };
        var decoded = PngDecoder.Decode(image.ToPng(), out var info);
        Assert.Equal(6, info.ColourType);
        Assert.Equal(image.Pixels, decoded.Pixels);
    }

    [Fact]
    public void SmoothImagesRoundTripWithAdaptiveRowFilters()
    {
        var used = new HashSet<int>();
        for (int kind = 0; kind < 4; kind++)
        {
            var image = Smooth(90, 70, kind);
            var decoded = PngDecoder.Decode(image.ToPng(), out var info);
            Assert.Equal(image.Pixels, decoded.Pixels);
            used.UnionWith(info.FilterTypes);
        }
        used.UnionWith(PngDecoderInfo(RandomImage(40, 40, 11, opaque: false)).FilterTypes);
        // Each row gets the filter that suits it: the predictors (1 to 4) all turn up.
        Assert.Superset(new HashSet<int> { 1, 2, 3, 4 }, used);
    }

    [Fact]
    public void FilteringKeepsChartLikeImagesSmall()
    {
        var image = Smooth(400, 300, 0);
        Assert.True(image.ToPng().Length < 2000, "a horizontal gradient should compress to almost nothing");
    }

    [Fact]
    public void LargeImagesSpanSeveralIdatChunks()
    {
        var image = RandomImage(400, 300, seed: 5, opaque: false); // random bytes do not compress: ~480 kB of IDAT
        var decoded = PngDecoder.Decode(image.ToPng(), out var info);
        Assert.True(info.IdatChunks > 1);
        Assert.Equal(image.Pixels, decoded.Pixels);
    }

    [Fact]
    public void OutputIsDeterministic()
    {
        var image = Smooth(50, 40, 2);
        Assert.Equal(image.ToPng(), image.ToPng());
    }

    [Fact]
    public void TheTestDecoderRejectsCorruption()
    {
        byte[] png = RandomImage(16, 16, seed: 9, opaque: false).ToPng();
        PngDecoder.Decode(png); // intact: fine

        int idat = IndexOf(png, "IDAT");
        foreach (int position in new[] { idat + 10, idat - 4 + 4 + 4 + 2, png.Length - 5, IndexOf(png, "IHDR") + 6 })
        {
            byte[] damaged = (byte[])png.Clone();
            damaged[position] ^= 0x01;
            var error = Assert.Throws<InvalidDataException>(() => PngDecoder.Decode(damaged));
            Assert.Contains("CRC", error.Message);
        }

        byte[] badSignature = (byte[])png.Clone();
        badSignature[1] = (byte)'Q';
        Assert.Throws<InvalidDataException>(() => PngDecoder.Decode(badSignature));
        Assert.Throws<InvalidDataException>(() => PngDecoder.Decode(png[..^12])); // no IEND
    }

    [Fact]
    public void DebianPilReadsTheSamePixels()
    {
        using var dir = new TempDir();
        var images = new Dictionary<string, RgbaImage>
        {
            ["one.png"] = RandomImage(1, 1, 1, opaque: false),
            ["column.png"] = RandomImage(1, 33, 2, opaque: true),
            ["row.png"] = RandomImage(33, 1, 3, opaque: false),
            ["wide.png"] = RandomImage(257, 3, 4, opaque: false),
            ["opaque.png"] = RandomImage(37, 29, 5, opaque: true),
            ["smooth.png"] = Smooth(90, 70, 2),
            ["flat.png"] = Smooth(64, 64, 3),
            ["large.png"] = RandomImage(400, 300, 6, opaque: false),
        };
        var paths = images.Select(kv => dir.Write(kv.Key, kv.Value.ToPng())).ToList();

        string output = DebianPython.Run(Path.Combine("Reports", "check_png.py"), paths, Install);

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).ToDictionary(f => f[0]);
        foreach (var (name, image) in images)
        {
            Assert.True(lines.TryGetValue(name, out var fields), $"PIL printed nothing for {name}:\n{output}");
            bool opaque = image.Pixels.Where((_, i) => i % 4 == 3).All(a => a == 255);
            Assert.Equal([name, $"{image.Width}", $"{image.Height}", opaque ? "RGB" : "RGBA", Convert.ToHexStringLower(SHA256.HashData(image.Pixels))], fields);
        }
    }

    private static PngInfo PngDecoderInfo(RgbaImage image)
    {
        PngDecoder.Decode(image.ToPng(), out var info);
        return info;
    }

    private static int IndexOf(byte[] data, string ascii) => data.AsSpan().IndexOf(Encoding.ASCII.GetBytes(ascii));
}
