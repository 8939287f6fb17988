using LayerEntropy.Data;

namespace LayerEntropy.Tests.Data;

/// <summary>Folders of images written by Pillow, one subfolder per class, read as datasets.</summary>
public class ImageFolderTests(PngFiles png) : IClassFixture<PngFiles>
{
    [Fact]
    public void GrayscaleClassesAreSortedSubfoldersAndOnlyImageFilesAreRead()
    {
        // cat holds Z.PNG, c10.png, c9.png and thumb.jpg (a PNG under another name); dog a.png, b.png and notes.txt; .hidden is no class.
        Dataset data = ImageFolder.Read(png.Folder("gray"));
        Assert.Equal("folder_gray", data.Name);
        Assert.Equal(DatasetSplit.Given, data.Split);
        Assert.Equal(["cat", "dog"], data.ClassNames);
        Assert.Equal((6, 1, 6, 5), (data.Count, data.Channels, data.Height, data.Width));
        Assert.Equal(png.Labels("gray"), data.Labels);
        Assert.Equal([0, 0, 0, 0, 1, 1], data.Labels.Select(l => (int)l));
        Assert.Equal(png.Expected("folder_gray"), data.Pixels);
        Assert.Null(data.Values);
    }

    [Fact]
    public void RgbRgbaAndPaletteImagesAreThreeChannels()
    {
        Dataset data = ImageFolder.Read(png.Folder("rgb") + Path.DirectorySeparatorChar);
        Assert.Equal("folder_rgb", data.Name);
        Assert.Equal(["blue", "red"], data.ClassNames);
        Assert.Equal((5, 3, 6, 5), (data.Count, data.Channels, data.Height, data.Width));
        Assert.Equal(png.Labels("rgb"), data.Labels);
        Assert.Equal(png.Expected("folder_rgb"), data.Pixels);
    }

    [Fact]
    public void ImagesOfAnotherSizeAreAnErrorNamingTheFile()
    {
        string folder = png.Folder("size_mismatch");
        string odd = Path.Combine(folder, "b", "2.png");
        Fails(folder, odd, $"image is 8x7 with 1 channel but {Path.Combine(folder, "a", "1.png")} is 8x8 with 1 channel; every image must have the same size and channels");
    }

    [Fact]
    public void ImagesWithOtherChannelsAreAnErrorNamingTheFile()
    {
        string folder = png.Folder("channel_mismatch");
        Fails(folder, Path.Combine(folder, "b", "1.png"), "image is 5x6 with 3 channels but");
    }

    [Fact]
    public void AClassWithoutImagesIsAnError()
    {
        string folder = png.Folder("empty_class");
        Fails(folder, Path.Combine(folder, "b"), "class folder holds no images (.jpg .jpeg .png .bmp .gif .tif .tiff .webp); remove it");
    }

    [Fact]
    public void AFolderWithoutSubfoldersOrThatIsMissingIsAnError()
    {
        string flat = png.Folder("no_classes");
        Fails(flat, flat, "no class subfolders; put each class's images in a subfolder named after the class");
        string missing = png.Folder("missing");
        Fails(missing, missing, "folder not found");
        string file = png.Png("pil_L");
        Fails(file, file, "not a folder");
    }

    [Fact]
    public void ADamagedImageIsReportedByItsPath()
    {
        using var dir = new TempDir();
        foreach (string file in Directory.GetFiles(png.Folder("rgb"), "*", SearchOption.AllDirectories))
            dir.Copy(file, Path.GetRelativePath(png.Folder("rgb"), file));
        string damaged = dir.File("red", "2.png");
        byte[] bytes = File.ReadAllBytes(damaged);
        File.WriteAllBytes(damaged, bytes[..^30]);
        Fails(dir.Path, damaged, "truncated");
    }

    private static void Fails(string folder, string path, string problem)
    {
        var e = Assert.Throws<LayerEntropyException>(() => ImageFolder.Read(folder));
        Assert.StartsWith(path + ": ", e.Message);
        Assert.True(e.Message.Contains(problem, StringComparison.Ordinal), $"expected \"{problem}\" in:\n{e.Message}");
        Assert.DoesNotContain('\n', e.Message);
    }
}
