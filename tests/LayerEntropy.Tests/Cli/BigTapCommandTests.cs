using LayerEntropy.Analysis;
using LayerEntropy.Nn;
using LayerEntropy.Onnx;
using LayerEntropy.Tests.Analysis;
using LayerEntropy.Tests.Import;

namespace LayerEntropy.Tests.Cli;

/// <summary>The commands that write an analysis folder, on taps past the 1,024 units analysis.json holds inline.</summary>
[Collection(ThreadCountCollection.Name)]
public class BigTapCommandTests
{
    [Fact]
    public void Entropy_json_prints_the_file_it_wrote_and_report_redraws_from_it()
    {
        using var dir = new TempDir();
        var (taps, labels) = AnalysisFixtures.Random(3, 120, 3, 16, 2000);
        for (int t = 0; t < taps.Length; t++) NumpyWrite.Floats(dir.File($"fc{t + 1}.npy"), [.. taps[t].Values], [taps[t].Inputs, taps[t].Units]);
        NumpyWrite.Labels(dir.File("labels.npy"), labels);

        var r = CliRunner.InProcess("entropy", dir.File("fc1.npy"), dir.File("fc2.npy"), "--labels", dir.File("labels.npy"), "--bootstrap", "0", "--json", "-o", dir.File("out"));

        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Equal(File.ReadAllText(dir.File("out", "analysis.json")) + Environment.NewLine, r.Output);
        Assert.Contains("{\"npy\": \"analysis-arrays-", r.Output);
        // Drawn again from the files alone, the page is the one drawn from the result in memory.
        string page = File.ReadAllText(dir.File("out", "report.html"));
        File.Delete(dir.File("out", "report.html"));
        var report = CliRunner.InProcess("report", dir.File("out", "analysis.json"));
        Assert.True(report.ExitCode == 0, report.Error);
        Assert.Equal(page, File.ReadAllText(dir.File("out", "report.html")));
    }

    [Fact]
    public void Merge_writes_the_arrays_beside_the_file_it_is_given_and_gives_the_single_runs_numbers()
    {
        using var dir = new TempDir();
        OnnxModelFile.Save(ModelSpec.Build("mlp:1100", [1, 28, 28], 10, seed: 2), dir.File("wide.onnx"));
        string[] common = [dir.File("wide.onnx"), "--data-dir", TestData.Root, "--limit-per-class", "6", "--bootstrap", "0", "--samples", "1", "--no-report"];
        for (int i = 1; i <= 2; i++)
            Assert.Equal(0, CliRunner.InProcess(["analyze", .. common, "--shard", $"{i}/2", "-o", dir.File($"part-{i}.json")]).ExitCode);
        Assert.Equal(0, CliRunner.InProcess(["analyze", .. common, "-o", dir.File("whole")]).ExitCode);

        var merge = CliRunner.InProcess("merge", dir.File("part-1.json"), dir.File("part-2.json"), "-o", dir.File("merged", "run.json"), "--json");

        Assert.True(merge.ExitCode == 0, merge.Error);
        Assert.Equal(File.ReadAllText(dir.File("merged", "run.json")) + Environment.NewLine, merge.Output);
        string arrays = Path.GetFileName(Assert.Single(Directory.GetDirectories(dir.File("merged"), "run-arrays-*")));
        Assert.Contains($"{{\"npy\": \"{arrays}/t01-entropy.npy\", \"row\": 10}}", merge.Output);
        var merged = AnalysisJson.Load(dir.File("merged", "run.json"));
        var whole = AnalysisJson.Load(dir.File("whole", "analysis.json"));
        Assert.Equal(AnalysisFixtures.Numbers(whole), AnalysisFixtures.Numbers(merged));
        Assert.Equal(1100, merged.Taps[0].Sets[10].Units!.Entropy.Count);
    }
}
