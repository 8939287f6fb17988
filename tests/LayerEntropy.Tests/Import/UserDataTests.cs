using LayerEntropy.Analysis;
using LayerEntropy.Data;
using LayerEntropy.Nn;
using LayerEntropy.Onnx;
using LayerEntropy.Tensors;
using LayerEntropy.Tests.Cli;

namespace LayerEntropy.Tests.Import;

/// <summary>`analyze --data`: a folder of PNG images and an NPY pair reach the model alike; bad inputs fail cleanly.</summary>
public class UserDataTests(TorchFixtures fixtures) : IClassFixture<TorchFixtures>
{
    [Fact]
    public void A_folder_of_PNGs_analyses_exactly_like_the_same_images_in_an_NPY_file()
    {
        using var dir = new TempDir();
        const int count = 300;
        DebianPython.Run(Path.Combine("Import", "write_png_folder.py"),
            [fixtures.File("inputs_u8.npy"), fixtures.File("labels.npy"), dir.File("png"), $"{count}"], "install Debian's python3-numpy and python3-pil");
        // The same images as an NPY pair, in the folder's order (by label, then by index), as numpy would save them.
        var images = NpyInputs.Read(fixtures.File("inputs_u8.npy"), fixtures.File("labels.npy"), InputLayout.Nhwc);
        var order = Enumerable.Range(0, count).OrderBy(i => images.Labels[i]).ThenBy(i => i).ToArray();
        var subset = images.Subset(order);
        NumpyWrite.Bytes(dir.File("x.npy"), subset.Pixels, [count, 1, 28, 28]);
        NumpyWrite.Labels(dir.File("y.npy"), subset.Labels);

        string[] common = ["--mean", "0.1307", "--std", "0.3081", "--no-report", "--bootstrap", "0"];
        var png = CliRunner.InProcess(["analyze", fixtures.File("cnn.onnx"), "--data", dir.File("png"), "-o", dir.File("a"), .. common]);
        Assert.True(png.ExitCode == 0, png.Error);
        var npy = CliRunner.InProcess(["analyze", fixtures.File("cnn.onnx"), "--data", dir.File("x.npy"), "--labels", dir.File("y.npy"), "-o", dir.File("b"), .. common]);
        Assert.True(npy.ExitCode == 0, npy.Error);

        var a = AnalysisJson.Load(dir.File("a", "analysis.json"));
        AnalysisAssert.SameMeasures(AnalysisJson.Load(dir.File("b", "analysis.json")), a, tolerance: 0);
        Assert.Equal(count, a.Manifest.Inputs);
        Assert.Equal("given", a.Manifest.Split);
        Assert.Contains(a.Manifest.Input!, note => note.StartsWith("images: the image files of", StringComparison.Ordinal));
        Assert.Contains(a.Manifest.Input!, note => note.Contains("decoded as the batches are run", StringComparison.Ordinal));
    }

    [Fact]
    public void Inputs_that_cannot_fit_the_model_fail_naming_both_shapes()
    {
        using var dir = new TempDir();
        NumpyWrite.Floats(dir.File("x.npy"), new float[4 * 100], [4, 1, 10, 10]);
        NumpyWrite.Labels(dir.File("y.npy"), [0, 1, 0, 1]);
        var r = CliRunner.InProcess("analyze", fixtures.File("cnn.onnx"), "--data", dir.File("x.npy"), "--labels", dir.File("y.npy"), "-o", dir.File("out"));
        CliRunner.AssertOneLineError(r, "cnn.onnx", $"the model takes inputs of [N, 1, 28, 28] but the data are 1×10×10 (100 values each, the shape {dir.File("x.npy")} gives)");
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void A_PNG_with_a_bad_CRC_fails_in_one_line_and_leaves_earlier_results_whole()
    {
        using var dir = new TempDir();
        DebianPython.Run(Path.Combine("Import", "write_png_folder.py"),
            [fixtures.File("inputs_u8.npy"), fixtures.File("labels.npy"), dir.File("png"), "40"], "install Debian's python3-numpy and python3-pil");
        string[] args = ["analyze", fixtures.File("cnn.onnx"), "--data", dir.File("png"), "-o", dir.File("out"), "--bootstrap", "0"];
        Assert.Equal(0, CliRunner.InProcess(args).ExitCode);
        var before = new FolderSnapshot(dir.File("out"));

        string damaged = Directory.GetFiles(dir.File("png"), "*.png", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        byte[] bytes = File.ReadAllBytes(damaged);
        bytes[^20] ^= 0xFF; // inside the last IDAT chunk, so its CRC no longer matches
        File.WriteAllBytes(damaged, bytes);
        var r = CliRunner.InProcess(args);
        CliRunner.AssertOneLineError(r, damaged, "CRC");
        before.AssertUnchanged();
    }

    [Theory]
    [InlineData("missing.npy", "not found")]
    [InlineData("inputs.txt", "neither a folder of images")]
    public void A_missing_or_unknown_data_path_fails_in_one_line(string name, string problem)
    {
        using var dir = new TempDir();
        if (name.EndsWith(".txt", StringComparison.Ordinal)) File.WriteAllText(dir.File(name), "1 2 3");
        var r = CliRunner.InProcess("analyze", fixtures.File("cnn.onnx"), "--data", dir.File(name), "--labels", fixtures.File("labels.npy"), "-o", dir.File("out"));
        CliRunner.AssertOneLineError(r, name, problem);
    }

    [Fact]
    public void NPY_inputs_without_labels_fail_saying_what_to_add()
    {
        var r = CliRunner.InProcess("analyze", fixtures.File("cnn.onnx"), "--data", fixtures.File("inputs.npy"));
        CliRunner.AssertOneLineError(r, "inputs.npy", "--labels");
    }
}
