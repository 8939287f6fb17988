using LayerEntropy.Analysis;
using LayerEntropy.Tests.Cli;

namespace LayerEntropy.Tests.Import;

/// <summary>
/// `analyze --data FOLDER` on image files of any format ImageSharp reads, streamed from disk: the same measures as the
/// pixels Pillow reads given as NPY, labels from a CSV file, and every kind of bad folder failing (or skipped) cleanly.
/// </summary>
public class ImageFolderCliTests(TorchFixtures fixtures) : IClassFixture<TorchFixtures>
{
    private const string Install = "install Debian's python3-numpy and python3-pil";
    private static readonly string[] Common = ["--mean", "0.1307", "--std", "0.3081", "--no-report", "--bootstrap", "0"];

    [Fact]
    public void A_folder_of_mixed_formats_analyses_exactly_like_the_pixels_Pillow_reads_given_as_NPY()
    {
        using var dir = new TempDir();
        // Gray images as PNG, BMP, TIFF, lossless WebP and GIF, some endings in capitals; Pillow writes BMP and GIF as
        // palette images, so --color gray makes every file one channel (the palette's gray comes back exactly).
        WriteFolder(dir, 120, "png,BMP,tif,webp,GIF,Png");
        File.WriteAllText(dir.File("png", "3", "notes.txt"), "not an image");
        var folder = Analyze(dir, "a", "--data", dir.File("png"), "--color", "gray");
        var npy = Analyze(dir, "b", "--data", dir.File("x.npy"), "--labels", dir.File("y.npy"));

        AnalysisAssert.SameMeasures(npy, folder, tolerance: 0);
        Assert.Equal(120, folder.Manifest.Inputs);
        Assert.Contains(folder.Manifest.Input!, n => n.Contains("converted to gray", StringComparison.Ordinal));
        Assert.Contains(folder.Manifest.Input!, n => n.StartsWith("1 file that is not an image was ignored", StringComparison.Ordinal) && n.Contains("notes.txt", StringComparison.Ordinal));
    }

    [Fact]
    public void A_labels_CSV_lists_the_images_with_class_names_or_numbers()
    {
        using var dir = new TempDir();
        WriteFolder(dir, 60, "png");
        var byFolders = Analyze(dir, "a", "--data", dir.File("png"));
        // The same images listed: by class name, relative to the CSV's folder (elsewhere) or to --data, with a header.
        var files = Directory.GetDirectories(dir.File("png")).Order(StringComparer.Ordinal)
            .SelectMany(d => Directory.GetFiles(d).Order(StringComparer.Ordinal)).ToArray();
        Directory.CreateDirectory(dir.File("lists"));
        File.WriteAllLines(dir.File("lists", "names.csv"),
            ["path,label", .. files.Select(f => $"{Path.GetRelativePath(dir.File("png"), f)},class{Path.GetFileName(Path.GetDirectoryName(f))}")]);
        var byNames = Analyze(dir, "b", "--data", dir.File("png"), "--labels", dir.File("lists", "names.csv"));
        AnalysisAssert.SameMeasures(byFolders, byNames, tolerance: 0);
        Assert.Contains(byNames.Manifest.Input!, n => n.Contains("names.csv lists", StringComparison.Ordinal));

        // By number: the class folders' positions, as the labels the folders give.
        var classes = Directory.GetDirectories(dir.File("png")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        File.WriteAllLines(dir.File("png", "numbers.csv"),
            [.. files.Select(f => $"{Path.GetRelativePath(dir.File("png"), f)},{classes.IndexOf(Path.GetFileName(Path.GetDirectoryName(f)))}")]);
        var byNumbers = Analyze(dir, "c", "--data", dir.File("png"), "--labels", dir.File("png", "numbers.csv"));
        AnalysisAssert.SameMeasures(byFolders, byNumbers, tolerance: 0);

        File.WriteAllLines(dir.File("bad.csv"), ["0/missing.png,1"]);
        CliRunner.AssertOneLineError(Run(dir, "d", "--data", dir.File("png"), "--labels", dir.File("bad.csv")), "bad.csv line 1", "0/missing.png not found");
    }

    [Fact]
    public void An_unreadable_image_fails_naming_it_or_is_skipped_and_counted_with_skip_bad()
    {
        using var dir = new TempDir();
        WriteFolder(dir, 40, "png");
        string fake = dir.File("png", "1", "zz-fake.jpg");
        File.WriteAllText(fake, "not a JPEG at all");
        string truncated = Directory.GetFiles(dir.File("png", "2")).Order(StringComparer.Ordinal).Last();
        File.WriteAllBytes(truncated, File.ReadAllBytes(truncated)[..40]);

        CliRunner.AssertOneLineError(Run(dir, "a", "--data", dir.File("png")), fake, "not an image");
        Assert.False(Directory.Exists(dir.File("a")));

        var r = Run(dir, "b", "--data", dir.File("png"), "--skip-bad");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("warning: 2 unreadable images were skipped (--skip-bad): first " + fake, r.Error);
        var result = AnalysisJson.Load(dir.File("b", "analysis.json"));
        Assert.Equal(39, result.Manifest.Inputs);
        Assert.Contains(result.Manifest.Input!, n => n.StartsWith("2 unreadable images were skipped", StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_class_folder_is_an_error_naming_it()
    {
        using var dir = new TempDir();
        WriteFolder(dir, 20, "png");
        Directory.CreateDirectory(dir.File("png", "extra"));
        File.WriteAllText(dir.File("png", "extra", "readme.txt"), "nothing");
        CliRunner.AssertOneLineError(Run(dir, "a", "--data", dir.File("png")), dir.File("png", "extra"), "class folder holds no images");
    }

    [Fact]
    public void Images_of_another_size_fail_naming_both_files_and_what_to_give()
    {
        using var dir = new TempDir();
        WriteFolder(dir, 20, "png");
        string first = Directory.GetFiles(dir.File("png", "0")).Order(StringComparer.Ordinal).First();
        string odd = dir.File("png", "9", "zz.png");
        DebianPython.Run(Path.Combine("Import", "crop_png.py"), [first, odd, "27", "28"], Install);
        var r = Run(dir, "a", "--data", dir.File("png"));
        CliRunner.AssertOneLineError(r, odd, $"image is 27x28 with 1 channel but {first} is 28x28 with 1 channel");
        Assert.Contains("--resize", r.Error);
    }

    [Fact]
    public void A_link_to_outside_the_folder_is_refused_or_skipped_with_skip_bad()
    {
        using var dir = new TempDir();
        WriteFolder(dir, 30, "png");
        string outside = Directory.GetFiles(dir.File("png", "1")).First();
        File.Copy(outside, dir.File("elsewhere.png"));
        string link = dir.File("png", "1", "link.png");
        File.CreateSymbolicLink(link, dir.File("elsewhere.png"));
        // A link inside the folder is read as any file.
        File.CreateSymbolicLink(dir.File("png", "1", "inside.png"), outside);

        CliRunner.AssertOneLineError(Run(dir, "a", "--data", dir.File("png")), link, "outside");
        var r = Run(dir, "b", "--data", dir.File("png"), "--skip-bad");
        Assert.True(r.ExitCode == 0, r.Error);
        var result = AnalysisJson.Load(dir.File("b", "analysis.json"));
        Assert.Equal(31, result.Manifest.Inputs);
        Assert.Contains(result.Manifest.Input!, n => n.StartsWith("1 symbolic link to outside the folder skipped", StringComparison.Ordinal));
    }

    [Fact]
    public void Normalize_and_image_options_are_checked_in_one_line()
    {
        using var dir = new TempDir();
        WriteFolder(dir, 20, "png");
        var both = CliRunner.InProcess("analyze", fixtures.File("cnn.onnx"), "--data", dir.File("png"), "--normalize", "imagenet", "--mean", "0.5", "-o", dir.File("a"));
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("--normalize gives the mean and std", both.Error);
        var gray = CliRunner.InProcess("analyze", fixtures.File("cnn.onnx"), "--data", dir.File("png"), "--normalize", "imagenet", "-o", dir.File("b"));
        Assert.Equal(2, gray.ExitCode);
        Assert.Contains("--normalize imagenet is for 3 channels but the images have 1; give --color rgb", gray.Error);
        var npy = CliRunner.InProcess("analyze", fixtures.File("cnn.onnx"), "--data", fixtures.File("inputs_u8.npy"), "--labels", fixtures.File("labels.npy"),
            "--layout", "nhwc", "--skip-bad", "-o", dir.File("c"));
        CliRunner.AssertOneLineError(npy, "inputs_u8.npy", "--skip-bad goes with a folder of image files");
        var noData = CliRunner.InProcess("analyze", fixtures.File("cnn.onnx"), "--resize", "32", "-o", dir.File("d"));
        Assert.Equal(2, noData.ExitCode);
        Assert.Contains("--resize describes your own inputs", noData.Error);
    }

    [Fact]
    public void Resize_and_center_crop_bring_the_images_to_the_model_and_are_recorded()
    {
        using var dir = new TempDir();
        WriteFolder(dir, 30, "png");
        // 28×28 → 40×40 → the middle 28×28: the model's input again.
        var fitted = Analyze(dir, "a", "--data", dir.File("png"), "--resize", "40", "--center-crop", "28");
        Assert.Equal(30, fitted.Manifest.Inputs);
        Assert.Contains(fitted.Manifest.Input!, n => n.Contains("shorter side resized to 40 pixels", StringComparison.Ordinal)
            && n.Contains("center 28×28 crop", StringComparison.Ordinal));
        Assert.Contains(fitted.Manifest.Input!, n => n.Contains("30 images of 1×28×28", StringComparison.Ordinal));
        // Only resized, they no longer fit the model, which says so naming both shapes.
        var r = Run(dir, "b", "--data", dir.File("png"), "--resize", "20");
        CliRunner.AssertOneLineError(r, "cnn.onnx", "the data are 1×20×20");
    }

    private void WriteFolder(TempDir dir, int count, string formats) =>
        DebianPython.Run(Path.Combine("Import", "write_image_folder.py"),
            [fixtures.File("inputs_u8.npy"), fixtures.File("labels.npy"), dir.File("png"), $"{count}", formats, dir.File("x.npy"), dir.File("y.npy")], Install);

    private CliRunner.Result Run(TempDir dir, string output, params string[] args) =>
        CliRunner.InProcess(["analyze", fixtures.File("cnn.onnx"), .. args, "-o", dir.File(output), .. Common]);

    private AnalysisResult Analyze(TempDir dir, string output, params string[] args)
    {
        var r = Run(dir, output, args);
        Assert.True(r.ExitCode == 0, r.Error);
        return AnalysisJson.Load(dir.File(output, "analysis.json"));
    }
}
