using System.Buffers.Binary;
using LayerEntropy.Data;
using LayerEntropy.Reports;
using LayerEntropy.Tests.Reports;

namespace LayerEntropy.Tests.Data;

/// <summary>PNG files written by Pillow (and by hand where Pillow cannot) read to the pixels Pillow reads back.</summary>
public class PngFileTests(PngFiles png) : IClassFixture<PngFiles>
{
    private static readonly string[] Readable =
    [
        "pil_L", "pil_L_optimize", "pil_L_stored", "pil_1", "pil_I16", "pil_LA", "pil_RGB", "pil_RGB_optimize",
        "pil_RGB_level1", "pil_RGBA", "pil_RGBA_optimize", "pil_P256", "pil_P16", "pil_P4", "pil_P2", "pil_P_transparent",
        "pil_single_pixel", "hm_RGB_filter0", "hm_RGB_filter1", "hm_RGB_filter2", "hm_RGB_filter3", "hm_RGB_filter4",
        "hm_RGBA_mixed", "hm_L_mixed", "hm_gray1", "hm_gray2", "hm_gray4", "hm_palette_ancillary",
    ];

    public static TheoryData<string> ReadableCases() => new(Readable);

    [Theory]
    [MemberData(nameof(ReadableCases))]
    public void PixelsMatchPillow(string name)
    {
        var expected = png.Cases().Single(c => c.Name == name);
        var (width, height, channels, pixels) = ImageFile.Read(png.Png(name), ImageTransform.None);
        Assert.Equal((expected.Width, expected.Height, expected.Channels), (width, height, channels));
        Assert.Equal(png.Expected(name), pixels);
    }

    [Fact]
    public void TheCasesCoverEveryFilterBitDepthAndColourType()
    {
        var cases = png.Cases();
        Assert.Equal(Readable.Order(StringComparer.Ordinal), cases.Select(c => c.Name).Order(StringComparer.Ordinal));
        // Pillow's own files alone use all five row filters.
        Assert.Equal([0, 1, 2, 3, 4], cases.Where(c => c.Name.StartsWith("pil_", StringComparison.Ordinal)).SelectMany(c => c.Filters).Distinct().Order());
        var headers = Readable.Select(n => File.ReadAllBytes(png.Png(n))).Select(b => (Depth: b[24], Colour: b[25])).Distinct().ToArray();
        Assert.Equal(
            [(1, 0), (1, 3), (2, 0), (2, 3), (4, 0), (4, 3), (8, 0), (8, 2), (8, 3), (8, 4), (8, 6), (16, 0)],
            headers.Select(h => ((int)h.Depth, (int)h.Colour)).Order());
    }

    [Fact]
    public void ReportImagesComeBackWithoutAlpha()
    {
        var random = new Random(7);
        foreach (bool opaque in new[] { true, false })
        {
            var image = new RgbaImage(13, 6);
            random.NextBytes(image.Pixels);
            if (opaque) for (int i = 3; i < image.Pixels.Length; i += 4) image.Pixels[i] = 255;
            var (width, height, channels, pixels) = ImageFile.Read(png.Write("encoded.png", image.ToPng()), ImageTransform.None);
            Assert.Equal((13, 6, 3), (width, height, channels));
            for (int y = 0; y < 6; y++)
                for (int x = 0; x < 13; x++)
                    for (int c = 0; c < 3; c++)
                        Assert.Equal(image.Pixels[4 * (y * 13 + x) + c], pixels[c * 78 + y * 13 + x]);
        }
    }

    [Theory]
    [InlineData("bad_interlaced")]
    [InlineData("bad_rgb16")]
    [InlineData("bad_filter")]
    [InlineData("bad_no_ihdr")]
    [InlineData("bad_no_plte")]
    public void BrokenFilesAreOneLineNamingTheFile(string name) => Fails(png.Png(name), "damaged or truncated image");

    [Fact]
    public void DamagedCriticalChunksAreReported()
    {
        byte[] original = File.ReadAllBytes(png.Png("pil_RGB"));
        int idat = IndexOfChunk(original, "IDAT"u8);
        Fails(png.Damaged("pil_RGB", b => Flip(b, idat + 8 + 10)), "damaged or truncated image");
        Fails(png.Damaged("pil_RGB", b => Flip(b, 16)), "damaged or truncated image");
        int plte = IndexOfChunk(File.ReadAllBytes(png.Png("pil_P16")), "PLTE"u8);
        Fails(png.Damaged("pil_P16", b => Flip(b, plte + 8)), "damaged or truncated image");
    }

    [Fact]
    public void CorruptCompressedDataWithAGoodCrcIsReported()
    {
        // Damage the zlib stream's first byte (its header) and recompute the chunk's CRC, so only inflating can notice.
        string path = png.Damaged("hm_RGB_filter0", b =>
        {
            int at = IndexOfChunk(b, "IDAT"u8);
            int length = BinaryPrimitives.ReadInt32BigEndian(b.AsSpan(at));
            b[at + 8] ^= 0x0F;
            BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(at + 8 + length), PngDecoder.BitwiseCrc(b.AsSpan(at + 4, 4 + length)));
            return b;
        });
        Fails(path, "damaged or truncated image");
    }

    [Theory]
    [InlineData(0, "the file is empty, not an image")]
    [InlineData(5, "not an image file ImageSharp reads")]
    [InlineData(14, "damaged or truncated image")]
    [InlineData(20, "damaged or truncated image")]
    [InlineData(31, "damaged or truncated image")]
    [InlineData(-20, "damaged or truncated image")]
    public void TruncatedFiles(int keep, string problem) =>
        Fails(png.Damaged("pil_L", b => keep >= 0 ? b[..keep] : b[..^-keep]), problem);

    [Fact]
    public void OtherFilesAreNotPngs()
    {
        Fails(png.Write("photo.png", "GIF89a and more"u8.ToArray()), "damaged or truncated image");
        Fails(png.Write("notes.png", "just some text\n"u8.ToArray()), "not an image file ImageSharp reads");
        string missing = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.png");
        Fails(missing, "file not found");
    }

    private static void Fails(string path, string problem)
    {
        var e = Assert.Throws<LayerEntropyException>(() => ImageFile.Read(path, ImageTransform.None));
        Assert.StartsWith(path + ": ", e.Message);
        Assert.True(e.Message.Contains(problem, StringComparison.Ordinal), $"expected \"{problem}\" in:\n{e.Message}");
        Assert.DoesNotContain('\n', e.Message);
    }

    private static byte[] Flip(byte[] bytes, int at)
    {
        bytes[at] ^= 0x40;
        return bytes;
    }

    /// <summary>The offset of the first chunk of <paramref name="type"/> (its length field).</summary>
    private static int IndexOfChunk(byte[] png, ReadOnlySpan<byte> type)
    {
        for (int at = 8; at < png.Length; at += 12 + BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at)))
            if (png.AsSpan(at + 4, 4).SequenceEqual(type)) return at;
        throw new InvalidOperationException("no such chunk");
    }
}
