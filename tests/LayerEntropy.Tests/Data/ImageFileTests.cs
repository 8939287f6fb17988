using System.Globalization;
using LayerEntropy.Data;
using LayerEntropy.Tensors;
using Xunit.Abstractions;

namespace LayerEntropy.Tests.Data;

/// <summary>
/// Image files written by Pillow read to the pixels Pillow gives, and resized and cropped to what torchvision's
/// Resize and CenterCrop give on Pillow images.
/// </summary>
public class ImageFileTests(ImageFiles files, ITestOutputHelper output) : IClassFixture<ImageFiles>
{
    [Fact]
    public void LosslessFilesReadToPillowsPixelsExactly() =>
        Check(c => c.Tolerance == 0 && c.Transform.Resize is null && c.Transform.CenterCrop is null, minimum: 50);

    /// <summary>libjpeg-turbo, which Pillow decodes with too, gives Pillow's pixels for every JPEG, 4:2:0 included.</summary>
    [Fact]
    public void JpegsReadToPillowsPixelsExactlyThroughLibjpegTurbo()
    {
        Assert.True(TurboJpeg.Available, "libturbojpeg.so.0 is not installed (Debian: libturbojpeg0; .ci/run installs it)");
        Check(c => c.File.EndsWith(".jpg", StringComparison.Ordinal), minimum: 12, exact: true);
    }

    /// <summary>Without libjpeg-turbo, ImageSharp decodes JPEG: within 2 levels of Pillow where color is stored at full resolution.</summary>
    [Fact]
    public void JpegsWithFullResolutionColorAreWithinTwoLevelsOfPillowThroughImageSharp() =>
        Check(c => c.Tolerance is > 0 and <= 2, minimum: 6, turboJpeg: false);

    /// <summary>
    /// Without libjpeg-turbo, ImageSharp repeats each half-resolution color sample of a 4:2:0 JPEG where libjpeg interpolates between
    /// them: on this noisy test picture RGB values move by up to about 32 levels, 6 on average (luma stays within
    /// a few levels). The bounds hold that gap where it is; they are no claim of agreement.
    /// </summary>
    [Fact]
    public void SubsampledJpegsStayWithinTheMeasuredBoundThroughImageSharp() => Check(c => c.Tolerance > 2, minimum: 6, meanBound: 8, turboJpeg: false);

    [Fact]
    public void ResizeAndCenterCropMatchTorchvisionExactly() =>
        Check(c => c.Tolerance == 0 && (c.Transform.Resize is not null || c.Transform.CenterCrop is not null), minimum: 40);

    [Fact]
    public void EveryFormatIsCovered()
    {
        var extensions = files.Cases().Select(c => System.IO.Path.GetExtension(c.File)).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal([".bmp", ".gif", ".jpg", ".png", ".tif", ".webp"], extensions);
    }

    [Theory]
    [InlineData(5, 7, 3, 3, 4)]
    [InlineData(7, 5, 3, 4, 3)]
    [InlineData(37, 23, 9, 14, 9)]
    [InlineData(200, 7, 3, 85, 3)]
    [InlineData(4, 4, 10, 10, 10)]
    [InlineData(3, 10, 7, 7, 23)]
    public void ResizedSizeTruncatesTheLongerSideAsTorchvision(int width, int height, int side, int w, int h) =>
        Assert.Equal((w, h), ImageFile.ResizedSize(width, height, side));

    [Theory]
    [InlineData(61, 50, 6)]  // round(5.5) is 6
    [InlineData(45, 40, 2)]  // round(2.5) is 2: halves round to even
    [InlineData(45, 44, 0)]  // round(0.5) is 0
    [InlineData(45, 50, -2)] // pads 2 before, 3 after
    [InlineData(23, 70, -23)]
    public void CropStartsWhereTorchvisionCrops(int size, int side, int start) => Assert.Equal(start, ImagePixels.CropStart(size, side));

    [Fact]
    public void ResizingToTheSameSizeCopies()
    {
        byte[] planes = [1, 2, 3, 4, 5, 6];
        Assert.Equal(planes, ImageResample.Resize(planes, 2, 3, 1, 3, 1));
    }

    [Theory]
    [InlineData("bad_truncated.jpg", "damaged or truncated image")]
    [InlineData("bad_truncated.png", "damaged or truncated image")]
    [InlineData("bad_header_only.png", "damaged or truncated image")]
    [InlineData("bad_text.jpg", "not an image file ImageSharp reads (JPEG, PNG, BMP, GIF, TIFF or WebP)")]
    [InlineData("bad_empty.png", "the file is empty, not an image")]
    public void BrokenFilesAreOneLineNamingTheFile(string file, string problem) => Fails(files.Path(file), problem);

    [Fact]
    public void MissingAndOtherFiles()
    {
        Fails(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.png"), "file not found");
        Fails(files.Write("photo.png", "GIF89a and more"u8.ToArray()), "damaged or truncated image");
        Fails(files.Write("notes.webp", "RIFF\0\0\0\0WEBPVP8 "u8.ToArray()), "image");
    }

    [Fact]
    public void DecompressionBombsAreRefusedFromTheirHeader()
    {
        // A 26000×26000 gray PNG of a few hundred bytes: refused from its header, before any pixel is allocated.
        byte[] ihdr = [.. BigEndian(26000), .. BigEndian(26000), 8, 0, 0, 0, 0];
        byte[] idat = [0x78, 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01];
        byte[] png = [0x89, .. "PNG\r\n\x1a\n"u8, .. Chunk("IHDR", ihdr), .. Chunk("IDAT", idat), .. Chunk("IEND", [])];
        Fails(files.Write("bomb.png", png), "the header gives 26000×26000 pixels, more than the 67 megapixels read (shrink it first)");

        // A real JPEG whose frame header is made to say 30000×30000, through libjpeg-turbo and through ImageSharp.
        byte[] jpeg = File.ReadAllBytes(files.Path("q90.jpg"));
        int sof = Enumerable.Range(0, jpeg.Length - 9).First(i => jpeg[i] == 0xFF && jpeg[i + 1] is 0xC0 or 0xC2);
        BigEndian(30000)[2..].CopyTo(jpeg, sof + 5);
        BigEndian(30000)[2..].CopyTo(jpeg, sof + 7);
        string bomb = files.Write("bomb.jpg", jpeg);
        Fails(bomb, "the header gives 30000×30000 pixels, more than the 67 megapixels read");
        var e = Assert.Throws<LayerEntropyException>(() => ImageFile.Read(bomb, ImageTransform.None, turboJpeg: false));
        Assert.Contains("the header gives 30000×30000 pixels", e.Message);
    }

    [Fact]
    public async Task OnlyRegularFilesAreRead()
    {
        // A link to /dev/zero would fill memory and a FIFO would block for ever: both are refused before reading.
        string zero = files.Write("zero-target.png", []);
        File.Delete(zero);
        File.CreateSymbolicLink(zero, "/dev/zero");
        Fails(zero, "not a regular file but a character device");

        string fifo = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(zero)!, "pipe.png");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo])) mkfifo.WaitForExit();
        var read = Task.Run(() => Fails(fifo, "not a regular file but a FIFO (named pipe)"));
        await read.WaitAsync(TimeSpan.FromSeconds(20));
    }

    private static byte[] BigEndian(int value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    private static byte[] Chunk(string type, byte[] data)
    {
        byte[] typed = [.. System.Text.Encoding.ASCII.GetBytes(type), .. data];
        uint crc = 0xFFFFFFFF;
        foreach (byte b in typed)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
        }
        return [.. BigEndian(data.Length), .. typed, .. BigEndian((int)~crc)];
    }

    /// <param name="exact">Hold every case to 0 levels, whatever its tolerance.</param>
    /// <param name="turboJpeg">Decode JPEG with libjpeg-turbo (where false, with ImageSharp).</param>
    private void Check(Func<ImageFiles.Case, bool> which, int minimum, double meanBound = 0, bool exact = false, bool turboJpeg = true)
    {
        var cases = files.Cases().Where(which).ToArray();
        Assert.True(cases.Length >= minimum, $"only {cases.Length} cases");
        var failures = new List<string>();
        foreach (var c in cases)
        {
            var (width, height, channels, pixels) = ImageFile.Read(files.Path(c.File), c.Transform, turboJpeg);
            if ((channels, height, width) != (c.Channels, c.Height, c.Width))
            {
                failures.Add($"{c.Name}: {channels}x{height}x{width}, Pillow {c.Channels}x{c.Height}x{c.Width}");
                continue;
            }
            byte[] expected = files.Expected(c);
            int worst = 0, off = 0;
            long total = 0;
            for (int i = 0; i < pixels.Length; i++)
            {
                int d = Math.Abs(pixels[i] - expected[i]);
                worst = Math.Max(worst, d);
                total += d;
                if (d != 0) off++;
            }
            double mean = (double)total / pixels.Length;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{c.Name}: max difference {worst}, mean {mean:F3}, {off} of {pixels.Length} values differ"));
            int tolerance = exact ? 0 : c.Tolerance;
            if (worst > tolerance) failures.Add($"{c.Name}: max difference {worst} > {tolerance} ({off} values differ)");
            if (meanBound > 0 && mean > meanBound) failures.Add(string.Create(CultureInfo.InvariantCulture, $"{c.Name}: mean difference {mean:F3} > {meanBound}"));
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static void Fails(string path, string problem)
    {
        var e = Assert.Throws<LayerEntropyException>(() => ImageFile.Read(path, ImageTransform.None));
        Assert.StartsWith(path + ": ", e.Message);
        Assert.True(e.Message.Contains(problem, StringComparison.Ordinal), $"expected \"{problem}\" in:\n{e.Message}");
        Assert.DoesNotContain('\n', e.Message);
    }
}
