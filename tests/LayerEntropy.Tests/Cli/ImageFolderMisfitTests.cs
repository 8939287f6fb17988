using LayerEntropy.Tests.Slurm;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace LayerEntropy.Tests.Cli;

/// <summary>An image folder's shape is its first image's: when that shape does not fit the model, the error names that image.</summary>
public sealed class ImageFolderMisfitTests(TinyMnistModel model) : IClassFixture<TinyMnistModel>
{
    [Fact]
    public void AnOddFirstImageIsNamedWhenItsShapeDoesNotFitTheModel()
    {
        using var dir = new TempDir();
        var test = TestData.MnistTest;
        for (int i = 0; i < 6; i++)
            Png(dir.File("data", $"{test.Labels[i]}", $"{i + 1:D2}.png"), test.Pixels.AsSpan(784 * i, 784).ToArray(), 28, 28);
        // The first 56 pixels of a digit as a 56×1 image: a real image of another shape, sorted first (class 0, name 00).
        Assert.Contains((byte)0, test.Labels.Take(6));
        string odd = dir.File("data", "0", "00.png");
        Png(odd, test.Pixels.AsSpan(0, 56).ToArray(), 56, 1);

        var r = CliRunner.InProcess("analyze", model.Path, "--data", dir.File("data"), "--bootstrap", "0", "--no-report", "-q", "-o", dir.File("out"));

        CliRunner.AssertOneLineError(r, model.Path, $"the data are 1×1×56 (56 values each, the shape of the first image, {odd}, which every image must have)");
        Assert.False(Directory.Exists(dir.File("out")));
    }

    private static void Png(string path, byte[] pixels, int width, int height)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var image = Image.LoadPixelData<L8>(pixels, width, height);
        image.SaveAsPng(path);
    }
}
