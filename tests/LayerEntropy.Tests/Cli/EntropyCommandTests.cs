using LayerEntropy.Analysis;
using LayerEntropy.Cli;
using LayerEntropy.Cli.Commands;
using LayerEntropy.Tests.Data;

namespace LayerEntropy.Tests.Cli;

public class EntropyCommandTests(NumpyFiles numpy) : IClassFixture<NumpyFiles>
{
    [Fact]
    public void HelpListsTheAnalysisOptionsButNotTheModelOnes()
    {
        var r = CliRunner.InProcess("entropy", "--help");
        Assert.Equal(0, r.ExitCode);
        foreach (var option in new[] { "--labels", "--tap-name", "--class-names", "--output", "--json", "--threshold", "--bins", "--limit-per-class" })
            Assert.Contains(option, r.Output);
        Assert.DoesNotContain("--correct-only", r.Output);
    }

    [Fact]
    public void LabelsCountDifferentFromRowsIsOneLineExitTwoAndWritesNothing()
    {
        using var dir = new TempDir();
        string acts = numpy.Npy("tap_fc1"), labels = numpy.Npy("five_labels");
        var settings = new EntropySettings([acts], labels, [], null, dir.Path, Json: false, new AnalysisOptions());
        var (output, error) = (new StringWriter(), new StringWriter());
        int code = EntropyCommand.Execute(settings, output, error);
        CliRunner.AssertOneLineError(new CliRunner.Result(code, output.ToString(), error.ToString()), acts, $"holds 6 inputs (rows) but {labels} holds 5 labels");
        Assert.Equal("", output.ToString());
        Assert.Empty(dir.Files());
    }

    [Fact]
    public void BadFileThroughTheCommandLineIsOneLineExitTwo()
    {
        using var dir = new TempDir();
        string acts = numpy.Npy("bad_big_endian");
        var r = CliRunner.InProcess("entropy", acts, "--labels", numpy.Npy("tap_labels"), "-o", dir.Path);
        CliRunner.AssertOneLineError(r, acts, "big-endian dtype '>f4'");
        Assert.Empty(dir.Files());
    }

    [Fact]
    public void LabelsReachingSixtyFiveThousandAreRefusedAtOnce()
    {
        // Six rows of activations whose labels make 65,536 classes: refused before any class is accumulated.
        using var dir = new TempDir();
        string labels = numpy.Handmade("{'descr': '<u2', 'fortran_order': False, 'shape': (6,)}", [.. new ushort[] { 0, 1, 65535, 0, 1, 0 }.SelectMany(BitConverter.GetBytes)]);
        var r = CliRunner.InProcess("entropy", numpy.Npy("tap_fc1"), "--labels", labels, "-o", dir.Path);
        CliRunner.AssertOneLineError(r, labels, "65536 classes, past the 4096 supported");
        Assert.Empty(dir.Files());
    }

    [Fact]
    public void A_tap_named_past_the_file_name_limit_gets_a_short_figure_name()
    {
        // 250 characters: with "firing-matrix-1-" and ".png" before and after, past the 255 bytes a file name may have.
        using var dir = new TempDir();
        string name = "fc_" + new string('x', 247);
        var r = CliRunner.InProcess("entropy", numpy.Npy("tap_fc1"), "--labels", numpy.Npy("tap_labels"), "--tap-name", name, "-o", dir.Path);
        Assert.True(r.ExitCode == 0, r.Error);
        string[] figures = [.. Directory.GetFiles(Path.Combine(dir.Path, "figures")).Select(Path.GetFileName)!];
        Assert.Contains($"firing-matrix-1-fc_{new string('x', 45)}.png", figures);
        Assert.All(figures, f => Assert.True(f.Length <= 80, f));
        Assert.Contains(name, File.ReadAllText(Path.Combine(dir.Path, "report.html")));
    }

    [Fact]
    public void LabelsAreRequired()
    {
        var r = CliRunner.InProcess("entropy", numpy.Npy("tap_fc1"));
        Assert.Equal(CliApp.BadInput, r.ExitCode);
        Assert.Contains("--labels", r.Error);
    }

    [Fact]
    public void RepeatedClassNameIsOneLineExitTwo()
    {
        var r = CliRunner.InProcess("entropy", numpy.Npy("tap_fc1"), "--labels", numpy.Npy("tap_labels"), "--class-names", "a,b,a");
        CliRunner.AssertOneLineError(r, "--class-names", "repeats a name");
    }

    [Fact]
    public void NonFiniteActivationsNameTheTapAndHowManyInputs()
    {
        using var dir = new TempDir();
        string acts = numpy.Npy("bad_inf");
        string labels = numpy.Handmade("{'descr': '|u1', 'fortran_order': False, 'shape': (2,)}", [0, 1]);
        var r = CliRunner.InProcess("entropy", acts, "--labels", labels, "--tap-name", "fc1", "-o", dir.Path);
        CliRunner.AssertOneLineError(r, acts, "tap fc1 has NaN or infinite activations for 1 input");
        Assert.Empty(dir.Files());
    }
}
