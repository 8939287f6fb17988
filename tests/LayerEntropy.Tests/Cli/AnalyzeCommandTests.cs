using System.Text;
using System.Text.Json;
using LayerEntropy.Analysis;
using LayerEntropy.Data;
using LayerEntropy.Onnx;

namespace LayerEntropy.Tests.Cli;

/// <summary>`analyze`, `merge` and `entropy` end to end on real MNIST through a small trained model.</summary>
[Collection(ThreadCountCollection.Name)]
public sealed class AnalyzeCommandTests : IClassFixture<AnalyzeCommandTests.TrainedModel>
{
    private readonly TrainedModel trained;

    public AnalyzeCommandTests(TrainedModel trained) => this.trained = trained;

    /// <summary>A small MLP trained once for the class: 6,000 images, two epochs.</summary>
    public sealed class TrainedModel() : TrainedMnistModel("mlp:24,16,12", epochs: 2, images: 6000);

    private static string[] Common(string model) =>
        [model, "--data-dir", TestData.Root, "--limit-per-class", "40", "--bootstrap", "20", "--bins", "8"];

    private static JsonElement Numbers(string analysisJson)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(analysisJson));
        var root = doc.RootElement;
        return JsonSerializer.SerializeToElement(new { sets = root.GetProperty("sets"), taps = root.GetProperty("taps"), findings = root.GetProperty("findings"), summary = root.GetProperty("summary"), samples = root.GetProperty("samples") });
    }

    [Fact]
    public void BatchSizeThreadsAndShardsGiveTheSameNumbers()
    {
        using var dir = new TempDir();
        var runs = new[] { ("b1", new[] { "--batch", "1" }), ("b7", ["--batch", "7", "--threads", "1"]), ("b1000", ["--batch", "1000", "--threads", "2"]) };
        foreach (var (name, extra) in runs)
        {
            var r = CliRunner.InProcess(["analyze", .. Common(trained.Path), .. extra, "-o", dir.File(name)]);
            Assert.True(r.ExitCode == 0, r.Error);
        }
        string reference = Numbers(dir.File("b1", "analysis.json")).GetRawText();
        Assert.Equal(reference, Numbers(dir.File("b7", "analysis.json")).GetRawText());
        Assert.Equal(reference, Numbers(dir.File("b1000", "analysis.json")).GetRawText());

        for (int i = 1; i <= 3; i++)
            Assert.Equal(0, CliRunner.InProcess(["analyze", .. Common(trained.Path), "--shard", $"{i}/3", "--batch", "13", "-o", dir.File($"part-{i}.json")]).ExitCode);
        var merge = CliRunner.InProcess("merge", dir.File("part-1.json"), dir.File("part-2.json"), dir.File("part-3.json"), "-o", dir.File("merged", "analysis.json"));
        Assert.True(merge.ExitCode == 0, merge.Error);
        Assert.Equal(reference, Numbers(dir.File("merged", "analysis.json")).GetRawText());
        Assert.True(File.Exists(dir.File("merged", "measures.csv")));

        // Given in the order 3, 2, 1, the parts merge to the same bytes: they are put in shard order first.
        var reversed = CliRunner.InProcess("merge", dir.File("part-3.json"), dir.File("part-2.json"), dir.File("part-1.json"), "-o", dir.File("reversed", "analysis.json"), "--no-report");
        Assert.True(reversed.ExitCode == 0, reversed.Error);
        Assert.Equal(LayerEntropy.Tests.Slurm.AnalysisFiles.WithoutDate(dir.File("merged", "analysis.json")), LayerEntropy.Tests.Slurm.AnalysisFiles.WithoutDate(dir.File("reversed", "analysis.json")));

        // A part whose shard id lies outside 1..n is refused, naming the file.
        foreach (string id in new[] { "-5/3", "1000000000000000/3" })
        {
            string lying = dir.File($"lying-{id.Length}.json");
            File.WriteAllText(lying, File.ReadAllText(dir.File("part-1.json")).Replace("\"1/3\"", $"\"{id}\""));
            var bad = CliRunner.InProcess("merge", lying, dir.File("part-2.json"), dir.File("part-3.json"), "-o", dir.File($"bad-{id.Length}", "analysis.json"));
            CliRunner.AssertOneLineError(bad, lying, $"manifest.shard is '{id}', not i/n with 1 ≤ i ≤ n");
            Assert.False(Directory.Exists(dir.File($"bad-{id.Length}")));
        }
    }

    [Fact]
    public void TablesFindingsAndFilesAreWritten()
    {
        using var dir = new TempDir();
        var r = CliRunner.InProcess(["analyze", .. Common(trained.Path), "-o", dir.File("out")]);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("pattern · mean", r.Output);
        Assert.Contains("fc3_act", r.Output);
        Assert.Contains("per class, pattern entropy", r.Output);
        var result = AnalysisJson.Load(dir.File("out", "analysis.json"));
        Assert.Equal(400, result.Manifest.Inputs);
        Assert.Equal(trained.Path, result.Manifest.Model);
        Assert.Equal(64, result.Manifest.ModelSha256!.Length);
        Assert.Equal("f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6", result.Manifest.DatasetFiles["t10k-labels-idx1-ubyte.gz"]);
        Assert.Equal(["fc1_act", "fc2_act", "fc3_act"], result.Manifest.Taps);
        var csv = File.ReadAllLines(dir.File("out", "measures.csv"));
        Assert.Equal("tap,depth,set,measure,statistic,value,ci_low,ci_high,ci_note", csv[0]);
        Assert.Contains(csv, line => line.StartsWith("fc1_act,1,pooled,pattern,mean,", StringComparison.Ordinal));
    }

    /// <summary>The title of every table the analysis can fill: each measure statistic with a value somewhere.</summary>
    private static string[] Tables(AnalysisResult result) =>
        [.. result.Taps.SelectMany(t => t.Sets).SelectMany(s => s.Values).Where(v => v.Value is not null).Select(v => $"{v.Measure} · {v.Statistic} (").Distinct()];

    private static string Words(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();

    [Fact]
    public void ByDefaultThePatternTableTheAccuracyAndTheFindingAllTablesWithAllTablesAndTheFindingAloneWithQuiet()
    {
        using var dir = new TempDir();
        var plain = CliRunner.InProcess(["analyze", .. Common(trained.Path), "-o", dir.File("plain")]);
        Assert.True(plain.ExitCode == 0, plain.Error);
        var result = AnalysisJson.Load(dir.File("plain", "analysis.json"));
        var tables = Tables(result);
        Assert.True(tables.Length >= 10, string.Join(", ", tables));
        Assert.Contains("pattern · mean (", plain.Output);
        Assert.Single(tables, t => plain.Output.Contains(t, StringComparison.Ordinal));
        Assert.Matches(@"accuracy on the analysed inputs: \d+\.\d\d ?% \([\d,]+ of 400\)", plain.Output);
        int table = plain.Output.IndexOf("pattern · mean", StringComparison.Ordinal), accuracy = plain.Output.IndexOf("accuracy on", StringComparison.Ordinal);
        int finding = Words(plain.Output).IndexOf(Words(result.Summary), StringComparison.Ordinal);
        Assert.True(finding >= 0, plain.Output);
        Assert.True(table < accuracy && accuracy < plain.Output.IndexOf(result.Summary[..20], StringComparison.Ordinal), plain.Output);

        var all = CliRunner.InProcess(["analyze", .. Common(trained.Path), "--all-tables", "-o", dir.File("all")]);
        Assert.True(all.ExitCode == 0, all.Error);
        Assert.All(tables, t => Assert.Contains(t, all.Output));
        Assert.Contains(Words(result.Summary), Words(all.Output));
        Assert.Contains("accuracy on the analysed inputs", all.Output);

        var quiet = CliRunner.InProcess(["analyze", .. Common(trained.Path), "--quiet", "-o", dir.File("quiet")]);
        Assert.True(quiet.ExitCode == 0, quiet.Error);
        Assert.Equal(Words(result.Summary), Words(quiet.Output));
        Assert.Equal("", quiet.Error);
        Assert.True(File.Exists(dir.File("quiet", "report.html")));

        var both = CliRunner.InProcess(["analyze", .. Common(trained.Path), "--quiet", "--all-tables", "-o", dir.File("both")]);
        Assert.Equal(LayerEntropy.Cli.CliApp.BadInput, both.ExitCode);
        Assert.Contains("--all-tables and --quiet", both.Error);
    }

    [Fact]
    public void CorrectOnlyKeepsTheCorrectlyClassifiedInputs()
    {
        var file = OnnxModelFile.Load(trained.Path);
        var test = new DatasetCatalog(TestData.Root).Load("mnist", DatasetSplit.Test);
        var first = test.Subset(Enumerable.Range(0, test.Count).Where(i => test.Labels.Take(i).Count(l => l == test.Labels[i]) < 40));
        int correct = 0;
        foreach (var batch in new BatchLoader(first, 400).Epoch())
        {
            var logits = file.Model.Forward(batch.Images, false);
            for (int j = 0; j < batch.Count; j++)
                if (System.Numerics.Tensors.TensorPrimitives.IndexOfMax(logits.Data.AsSpan(j * 10, 10)) == batch.Labels[j]) correct++;
        }
        var settings = new AnalyzeSettings { Model = trained.Path, DataDir = TestData.Root, Options = new AnalysisOptions { Bootstrap = 0, LimitPerClass = 40, CorrectOnly = true } };
        var result = ModelAnalysis.Run(settings);
        Assert.Equal(correct, result.Manifest.Inputs);
        Assert.True(correct is > 200 and < 400, $"{correct} correct of 400");
    }

    [Fact]
    public void RecordedActivationsGiveTheNumbersOfTheModel()
    {
        // Dump the taps of the same 400 inputs to .npy files, as another framework would, and analyse them with `entropy`.
        using var dir = new TempDir();
        var file = OnnxModelFile.Load(trained.Path);
        var test = new DatasetCatalog(TestData.Root).Load("mnist", DatasetSplit.Test);
        var picked = Enumerable.Range(0, test.Count).Where(i => test.Labels.Take(i).Count(l => l == test.Labels[i]) < 40).ToArray();
        var taps = new[] { "fc1_act", "fc2_act", "fc3_act" };
        var rows = taps.ToDictionary(t => t, _ => new List<float>());
        foreach (var batch in new BatchLoader(test.Subset(picked), 100).Epoch())
            file.Model.Forward(batch.Images, false, (layer, output) =>
            {
                if (rows.TryGetValue(layer.Name, out var list)) list.AddRange(output.Data);
            });
        var files = taps.Select(t => Import.NumpyWrite.Write(dir.File(t + ".npy"), "<f4", [picked.Length, rows[t].Count / picked.Length],
            MemoryMarshal(rows[t].ToArray()))).ToArray();
        string labels = Import.NumpyWrite.Write(dir.File("labels.npy"), "|u1", [picked.Length], [.. picked.Select(i => test.Labels[i])]);

        var entropy = CliRunner.InProcess(["entropy", .. files, "--labels", labels, "--bootstrap", "20", "--bins", "8", "-o", dir.File("rec")]);
        Assert.True(entropy.ExitCode == 0, entropy.Error);
        var analyze = CliRunner.InProcess(["analyze", .. Common(trained.Path), "-o", dir.File("model")]);
        Assert.True(analyze.ExitCode == 0, analyze.Error);
        var a = AnalysisJson.Load(dir.File("model", "analysis.json"));
        var b = AnalysisJson.Load(dir.File("rec", "analysis.json"));
        Assert.Equal(JsonSerializer.Serialize(a.Taps.Select(t => t.Sets)), JsonSerializer.Serialize(b.Taps.Select(t => t.Sets)));
        Assert.Equal(JsonSerializer.Serialize(a.Findings), JsonSerializer.Serialize(b.Findings));
    }

    [Fact]
    public void AutoBinsRecordTheirRuleAndLeaveTheCeiling()
    {
        using var dir = new TempDir();
        string[] common = [trained.Path, "--data-dir", TestData.Root, "--limit-per-class", "40", "--bootstrap", "0", "--no-report"];
        var auto = CliRunner.InProcess(["analyze", .. common, "--bins", "auto", "-o", dir.File("auto")]);
        Assert.True(auto.ExitCode == 0, auto.Error);
        var fixedBins = CliRunner.InProcess(["analyze", .. common, "-o", dir.File("fixed")]);
        Assert.True(fixedBins.ExitCode == 0, fixedBins.Error);
        var a = AnalysisJson.Load(dir.File("auto", "analysis.json"));
        var f = AnalysisJson.Load(dir.File("fixed", "analysis.json"));
        Assert.True(a.Manifest.Options.AutoBins);
        Assert.Null(f.Manifest.Binning);
        var binning = Assert.IsType<BinChoice>(a.Manifest.Binning);
        Assert.Equal("equal-mass", binning.Rule);
        Assert.Equal(a.Manifest.Taps, binning.Taps.Select(t => t.Tap));
        // 400 inputs through 24, 16 and 12 units: B^N ≤ 400 allows only B = 2, one edge per tap.
        Assert.All(binning.Taps, t => { Assert.Equal(2, t.Bins); Assert.Single(t.Edges); });
        double? Binned(AnalysisResult r, string tap) => r.Find(tap, InputSet.PooledName, MeasureNames.Binned, MeasureNames.Normalized)?.Value;
        // 30 equal-width bins give every input its own binned vector at every tap; the equal-mass bins do not.
        Assert.All(f.Manifest.Taps, t => Assert.True(Binned(f, t) > 0.99, $"{t}: {Binned(f, t)}"));
        Assert.Contains(a.Manifest.Taps, t => Binned(a, t) < 0.99);
    }

    [Fact]
    public void BinsThatAreNeitherANumberNorAutoAreOneLineExitTwo()
    {
        using var dir = new TempDir();
        var r = CliRunner.InProcess(["analyze", trained.Path, "--data-dir", TestData.Root, "--bins", "foo", "-o", dir.File("out")]);
        CliRunner.AssertOneLineError(r, "--bins", "foo");
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void ABatchTooLargeForTheModelNamesTheModelAndABatchThatFits()
    {
        // 2^29 inputs × 24 units of fc1_act is past one array: refused before any batch is loaded.
        using var dir = new TempDir();
        var r = CliRunner.InProcess(["analyze", .. Common(trained.Path), "--batch", "536870912", "-o", dir.File("out")]);
        CliRunner.AssertOneLineError(r, trained.Path, "a batch of 536870912 inputs needs a tensor of shape [536870912,24], more than the 2147483591 values one array holds; give a smaller batch, e.g. --batch 67108864");
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void UnknownTapIsOneLineExitTwoAndWritesNothing()
    {
        using var dir = new TempDir();
        var r = CliRunner.InProcess(["analyze", .. Common(trained.Path), "--taps", "fc1_act,fc9", "-o", dir.File("out")]);
        CliRunner.AssertOneLineError(r, "fc9", "tappable outputs are");
        Assert.Contains("fc2_act", r.Error);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    private static byte[] MemoryMarshal(float[] values) => System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
}
