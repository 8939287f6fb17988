using LayerEntropy.Tests.Cli;
using LayerEntropy.Tests.Data;
using LayerEntropy.Tests.Onnx;

namespace LayerEntropy.Tests.Import;

/// <summary>
/// `analyze` on a bad model or bad data of one's own: one line naming the file and the problem, exit code 2, no stack
/// trace, and the results of an earlier run in the same output folder left exactly as they were.
/// </summary>
public class ImportBadInputTests(TorchFixtures torch, ImportCases cases, PngFiles png)
    : IClassFixture<TorchFixtures>, IClassFixture<ImportCases>, IClassFixture<PngFiles>
{
    [Theory]
    [InlineData("unsupported", "operators not supported: Resize (node 'up1'), LRN (node 'lrn1', 'lrn2')")]
    [InlineData("external", "tensor 'W' is stored in an external data file")]
    [InlineData("truncated", "not an ONNX model")]
    [InlineData("text", "not an ONNX model")]
    public void A_model_that_cannot_be_read_fails_cleanly(string kind, string problem)
    {
        using var dir = new TempDir();
        string model = kind switch
        {
            "truncated" => dir.Write("truncated.onnx", File.ReadAllBytes(torch.File("cnn.onnx"))[..5000]),
            "text" => dir.Write("text.onnx", "this is not a model\n"u8.ToArray()),
            _ => cases.Bad(kind),
        };
        AssertRefusedKeepingEarlierResults(dir, ["analyze", model, "--data", torch.File("inputs.npy"), "--labels", torch.File("labels.npy")], model, problem);
    }

    [Theory]
    [InlineData("bad_la", "colour type 4")]
    [InlineData("bad_i16", "16-bit")]
    [InlineData("bad_interlaced", "interlaced")]
    public void A_PNG_the_decoder_does_not_take_fails_cleanly(string name, string problem)
    {
        using var dir = new TempDir();
        // A class folder of MNIST images as PNG, and one more class whose only image is the bad file.
        DebianPython.Run(Path.Combine("Import", "write_png_folder.py"),
            [torch.File("inputs_u8.npy"), torch.File("labels.npy"), dir.File("png"), "20"], "install Debian's python3-numpy and python3-pil");
        string bad = dir.Copy(png.Png(name), Path.Combine("png", "zz", name + ".png"));
        AssertRefusedKeepingEarlierResults(dir, ["analyze", torch.File("cnn.onnx"), "--data", dir.File("png")], bad, problem);
    }

    /// <summary>Runs a good analysis into out/ first, then <paramref name="args"/> into the same folder.</summary>
    private void AssertRefusedKeepingEarlierResults(TempDir dir, string[] args, string file, string problem)
    {
        var good = CliRunner.InProcess("analyze", torch.File("mlp.onnx"), "--data", torch.File("inputs.npy"), "--labels", torch.File("labels.npy"),
            "-o", dir.File("out"), "--bootstrap", "0", "--limit-per-class", "20");
        Assert.True(good.ExitCode == 0, good.Error);
        var before = new FolderSnapshot(dir.File("out"));

        var r = CliRunner.InProcess([.. args, "-o", dir.File("out")]);
        CliRunner.AssertOneLineError(r, file, problem);
        before.AssertUnchanged();
    }
}
