using LayerEntropy.Analysis;
using LayerEntropy.Data;
using LayerEntropy.Nn;
using LayerEntropy.Tensors;
using static LayerEntropy.Analysis.MeasureNames;

namespace LayerEntropy.Tests.Analysis;

/// <summary>Whole analyses of small arrays against hand-computed numbers, and the properties the streaming design promises.</summary>
[Collection(ThreadCountCollection.Name)]
public class AnalyzerTests
{
    private static readonly AnalysisOptions NoBootstrap = new() { Bootstrap = 0, Bins = 2 };

    [Fact]
    public void HandComputedArray()
    {
        // Two classes of two inputs, three units. Class 0 rows: [1,0,2], [1,0,0]; class 1 rows: [0,3,0], [0,1,1].
        float[] values = [1, 0, 2, 1, 0, 0, 0, 3, 0, 0, 1, 1];
        var tap = new TapActivations("fc1", 4, 3, values);
        var r = Analyzer.AnalyzeActivations([tap], [0, 0, 1, 1], ["a", "b"], NoBootstrap);
        double V(string set, string measure, string statistic) => r.Find("fc1", set, measure, statistic)!.Value!.Value;

        // Class a: unit firing fractions (1, 0, 1/2) → h = (0, 0, 1), mean 1/3. Pooled: (1/2, 1/2, 1/2) → mean 1.
        EntropyCheck.AssertClose(1.0 / 3, V("a", Pattern, Mean), "pattern a");
        EntropyCheck.AssertClose(1, V("pooled", Pattern, Mean), "pattern pooled");
        EntropyCheck.AssertClose(3, V("pooled", Pattern, Sum), "pattern sum pooled");
        // Codewords: 101, 100, 010, 011 all distinct → log₂ 4 = 2, normalised 1, Miller–Madow 2 + 3/(8 ln 2).
        EntropyCheck.AssertClose(2, V("pooled", Codeword, Raw), "codeword");
        EntropyCheck.AssertClose(2 + 3 / (8 * Math.Log(2)), V("pooled", Codeword, MillerMadow), "Miller–Madow");
        // Chao–Shen: four singletons, f₁ = M − 1 = 3, C = 1/4, p̃ = 1/16 → 4·(1/16)·4 / (1 − (15/16)⁴), past log₂ 4.
        EntropyCheck.AssertClose(1 / (1 - Math.Pow(15.0 / 16, 4)), V("pooled", Codeword, ChaoShen), "Chao–Shen");
        // Class a's codewords 101 and 100: two singletons of M = 2, f₁ = 1, C = 1/2, p̃ = 1/4 → 2·(1/4)·2 / (1 − (3/4)²).
        EntropyCheck.AssertClose(1 / (1 - 9.0 / 16), V("a", Codeword, ChaoShen), "Chao–Shen a");
        // Magnitude: [1,0,2] → q (1/3, 2/3) → 0.9183; [1,0,0] → 0; [0,3,0] → 0; [0,1,1] → 1. Class a mean 0.4591.
        double h12 = -(1.0 / 3 * Math.Log2(1.0 / 3) + 2.0 / 3 * Math.Log2(2.0 / 3));
        EntropyCheck.AssertClose(h12 / 2, V("a", Magnitude, Mean), "magnitude a", 1e-6);
        EntropyCheck.AssertClose((h12 + 1) / 4, V("pooled", Magnitude, Mean), "magnitude pooled", 1e-6);
        // Label information: unit 1 fires on exactly class a (1 bit), unit 2 on exactly class b (1 bit),
        // unit 3 on one input of each (0 bits): mean 2/3.
        EntropyCheck.AssertClose(2.0 / 3, V("pooled", LabelInformation, Mean), "label-information");
        // Binned, B = 2 over the pooled range [0, 3]: bins ⌊a·2/3⌋ clamped to 1 → 001, 000, 010, 000: counts 2, 1, 1 → 1.5 bits.
        EntropyCheck.AssertClose(1.5, V("pooled", Binned, Raw), "binned pooled");
        // Class b's own range is [0, 3]: [0,3,0] → 010, [0,1,1] → 000: distinct → 1 bit.
        EntropyCheck.AssertClose(1, V("b", Binned, Raw), "binned b");
        Assert.Equal(0, V("pooled", Census, Dead));
        Assert.Equal(0, V("a", Census, AlwaysOn) - 1);
    }

    [Fact]
    public void SamplesAreEachClassesFirstInputsAndMeansAreTheRowMeans()
    {
        var (taps, labels) = AnalysisFixtures.Random(8, 120, 3, 37, 5);
        var r = Analyzer.AnalyzeActivations(taps, labels, null, NoBootstrap with { Samples = 4 });
        Assert.Null(r.Samples!.InputShape);
        for (int c = 0; c < 3; c++)
        {
            var expected = Enumerable.Range(0, labels.Length).Where(i => labels[i] == c).Take(4).ToArray();
            var kept = r.Samples.Inputs.Where(x => x.Set == c.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(expected.Select(i => (long)i), kept.Select(x => x.Id));
            foreach (var x in kept)
            {
                Assert.Null(x.Image);
                for (int t = 0; t < taps.Length; t++)
                    Assert.Equal(taps[t].Values.AsSpan((int)x.Id * taps[t].Units, taps[t].Units).ToArray(), x.Taps[t]);
            }
        }
        // Means to the fixed point's resolution (2⁻¹⁶ per input, half of it after rounding).
        for (int t = 0; t < taps.Length; t++)
            foreach (var set in r.Taps[t].Sets)
            {
                int n = taps[t].Units;
                var rows = Enumerable.Range(0, labels.Length).Where(i => set.Set == "pooled" || labels[i].ToString(System.Globalization.CultureInfo.InvariantCulture) == set.Set).ToArray();
                for (int u = 0; u < n; u++)
                {
                    double mean = rows.Average(i => (double)taps[t].Values[i * n + u]);
                    Assert.True(Math.Abs(set.Units!.MeanActivation![u] - mean) <= 0.5 / 65536 + 1e-12, $"{set.Set} unit {u}: {set.Units.MeanActivation[u]} vs {mean}");
                }
            }
        Assert.Null(Analyzer.AnalyzeActivations(taps, labels, null, NoBootstrap with { Samples = 0 }).Samples);
    }

    [Fact]
    public void BatchSizesAndThreadCountsGiveIdenticalNumbers()
    {
        var (taps, labels) = AnalysisFixtures.Random(3, 300, 4, 70, 33, 9);
        var options = new AnalysisOptions { Bootstrap = 25, Seed = 4 };
        string? reference = null;
        int saved = Compute.Threads;
        try
        {
            foreach (int threads in new[] { 1, 2 })
            {
                Compute.Threads = threads;
                string numbers = AnalysisFixtures.Numbers(Analyzer.AnalyzeActivations(taps, labels, null, options));
                reference ??= numbers;
                Assert.Equal(reference, numbers);
            }
        }
        finally
        {
            Compute.Threads = saved;
        }
    }

    [Theory]
    [InlineData(ActivationKind.ReLU, false)]
    [InlineData(ActivationKind.ReLU, true)] // linear outputs: negative values, hardly any zeros
    [InlineData(ActivationKind.Tanh, false)]
    public void OnePassWithRowsKeptInMemoryOrOnDiskEqualsTheRangePassThenTheMainPass(ActivationKind activation, bool preActivation)
    {
        // An untrained model on 300 MNIST test images; the rows kept for binned, or a first pass for its ranges.
        var model = ModelSpec.Build("mlp:40,20,12", [1, 28, 28], 10, activation, seed: 3);
        var data = TestData.MnistTest.Subset(Enumerable.Range(0, 300));
        var request = new AnalysisRequest { Options = new AnalysisOptions { Bootstrap = 10, Bins = 7, Seed = 1 }, BatchSize = 37, PreActivation = preActivation };
        var passes = new List<int>();
        var progress = new Progress(p => passes.Add(p.Passes));
        string kept = AnalysisFixtures.Numbers(Analyzer.Analyze(model, data, request, progress));
        Assert.Equal([1], passes.Distinct());
        passes.Clear();
        string spilled = AnalysisFixtures.Numbers(Analyzer.Analyze(model, data, request with { StoreBudget = 0 }, progress));
        Assert.Equal([1], passes.Distinct());
        passes.Clear();
        string twice = AnalysisFixtures.Numbers(Analyzer.Analyze(model, data, request with { StoreBudget = 0, DiskBudget = 0 }, progress));
        Assert.Equal([2], passes.Distinct());
        // The distinct firing patterns on disk rather than in memory.
        string patternsOnDisk = AnalysisFixtures.Numbers(Analyzer.Analyze(model, data, request with { PatternBudget = 0 }, progress));
        Assert.Equal(twice, kept);
        Assert.Equal(twice, spilled);
        Assert.Equal(kept, patternsOnDisk);
    }

    /// <summary>Reports on the calling thread (System.Progress posts to the thread pool, too late for the asserts).</summary>
    private sealed class Progress(Action<AnalysisProgress> report) : IProgress<AnalysisProgress>
    {
        public void Report(AnalysisProgress value) => report(value);
    }

    [Fact]
    public void MergeOfAnySplitEqualsTheWhole()
    {
        var (taps, labels) = AnalysisFixtures.Random(5, 120, 3, 40, 12);
        var options = new AnalysisOptions { Bootstrap = 15, Bins = 5, Seed = 2 };
        string whole = AnalysisFixtures.Numbers(Analyzer.AnalyzeActivations(taps, labels, null, options));
        PropertyCheck.Run(FsCheck.Fluent.Prop.ForAll(FsCheck.Fluent.ArbMap.Default.ArbFor<int[]>(), cuts =>
        {
            // Cut the inputs, shuffled by the drawn numbers, into up to four parts; merge them in reverse order.
            var order = Enumerable.Range(0, labels.Length).OrderBy(i => cuts.Length == 0 ? i : cuts[i % cuts.Length] * 31 + i).ToArray();
            int k = 1 + (cuts.Length % 4);
            var parts = Enumerable.Range(0, k).Select(p => Analyzer.ActivationsPart(taps, labels, null, options,
                [.. order.Where((_, j) => j % k == p)], null, default)).Reverse().ToArray();
            return AnalysisFixtures.Numbers(Analyzer.Merge(parts)) == whole;
        }), cases: 12);
    }

    [Fact]
    public void PartFilesRoundTripExactly()
    {
        var (taps, labels) = AnalysisFixtures.Random(8, 90, 3, 20, 7);
        var options = new AnalysisOptions { Bootstrap = 10 };
        using var dir = new TempDir();
        var paths = Enumerable.Range(0, 3).Select(p =>
        {
            var part = Analyzer.ActivationsPart(taps, labels, null, options, [.. Enumerable.Range(0, 90).Where(i => i % 3 == p)], null, default);
            string path = dir.File($"part-{p}.json");
            AnalysisPartFile.Save(part, path);
            return path;
        }).ToArray();
        var merged = Analyzer.Merge([.. paths.Select(AnalysisPartFile.Load)]);
        Assert.Equal(AnalysisFixtures.Numbers(Analyzer.AnalyzeActivations(taps, labels, null, options)), AnalysisFixtures.Numbers(merged));
    }

    [Fact]
    public void APartFileWhosePatternsHaveBitsPastTheUnitsIsRejectedInOneLine()
    {
        var (taps, labels) = AnalysisFixtures.Random(8, 30, 2, 20, 7);
        using var dir = new TempDir();
        string path = dir.File("part.json");
        AnalysisPartFile.Save(Analyzer.ActivationsPart(taps, labels, null, NoBootstrap, null, null, default), path);
        // Tap t2 has 7 units: set bit 7 of its first pattern, a unit it does not have.
        var root = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!;
        var tap = root["taps"]![1]!;
        var patterns = Convert.FromBase64String((string)tap["patterns"]!);
        patterns[0] |= 0x80;
        tap["patterns"] = Convert.ToBase64String(patterns);
        File.WriteAllText(path, root.ToJsonString());
        var e = Assert.Throws<LayerEntropyException>(() => AnalysisPartFile.Load(path));
        Assert.Equal($"{path}: not a readable analysis part: taps[1].patterns: pattern 0 has bits past its 7 units", e.Message);
    }

    [Fact]
    public void APartFileWithAnImpossibleMagnitudeIsRejectedInOneLine()
    {
        var (taps, labels) = AnalysisFixtures.Random(8, 30, 2, 20, 7);
        using var dir = new TempDir();
        string path = dir.File("part.json");
        AnalysisPartFile.Save(Analyzer.ActivationsPart(taps, labels, null, NoBootstrap, null, null, default), path);
        var root = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!;
        var tap = root["taps"]![0]!;
        var magnitude = Convert.FromBase64String((string)tap["magnitude"]!);
        BitConverter.GetBytes(double.PositiveInfinity).CopyTo(magnitude, 8);
        tap["magnitude"] = Convert.ToBase64String(magnitude);
        File.WriteAllText(path, root.ToJsonString());
        var e = Assert.Throws<LayerEntropyException>(() => AnalysisPartFile.Load(path));
        Assert.Equal($"{path}: not a readable analysis part: taps[0].magnitude[1]: Infinity is outside [0, log2 20]", e.Message);
    }

    [Fact]
    public void APartFileWhoseBinnedRangesDoNotCoverEveryClassIsRejectedInOneLine()
    {
        var (taps, labels) = AnalysisFixtures.Random(8, 30, 3, 20, 7);
        using var dir = new TempDir();
        string path = dir.File("part.json");
        AnalysisPartFile.Save(Analyzer.ActivationsPart(taps, labels, null, NoBootstrap, null, null, default), path);
        var root = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!;
        var range = root["ranges"]![0]!;
        range["min"] = Convert.ToBase64String(Convert.FromBase64String((string)range["min"]!)[..8]); // two classes of three
        File.WriteAllText(path, root.ToJsonString());
        var e = Assert.Throws<LayerEntropyException>(() => AnalysisPartFile.Load(path));
        Assert.Equal($"{path}: not a readable analysis part: ranges[0].min: 2 values, but 3 are needed", e.Message);
    }

    [Fact]
    public void OverlappingPartsAreRefused()
    {
        var (taps, labels) = AnalysisFixtures.Random(8, 30, 2, 5);
        var a = Analyzer.ActivationsPart(taps, labels, null, NoBootstrap, [0, 1, 2], null, default);
        var b = Analyzer.ActivationsPart(taps, labels, null, NoBootstrap, [2, 3], null, default);
        Assert.Contains("more than one part", Assert.Throws<LayerEntropyException>(() => Analyzer.Merge([a, b])).Message);
    }

    [Fact]
    public void NaNOrInfiniteActivationsNameTheTapAndHowManyInputs()
    {
        var (taps, labels) = AnalysisFixtures.Random(1, 50, 2, 6, 4);
        taps[1].Values[4 * 7 + 2] = float.NaN;
        taps[1].Values[4 * 9] = float.PositiveInfinity;
        taps[1].Values[4 * 9 + 1] = float.NaN;
        var e = Assert.Throws<LayerEntropyException>(() => Analyzer.AnalyzeActivations(taps, labels, null, NoBootstrap, "acts.npy"));
        Assert.Equal("acts.npy: tap t2 has NaN or infinite activations for 2 inputs (the first is input 7)", e.Message);
    }

    [Fact]
    public void AnEmptyClassIsReportedEmptyWithNullsNeverNaN()
    {
        var (taps, labels) = AnalysisFixtures.Random(2, 40, 2, 8, 8);
        labels = [.. labels.Select(l => l == 1 ? 2 : l)]; // three class names, nobody in class 1
        var r = Analyzer.AnalyzeActivations(taps, labels, ["a", "b", "c"], new AnalysisOptions { Bootstrap = 10 });
        var empty = r.Taps[0].Sets.Single(s => s.Set == "b");
        Assert.Equal(0, empty.Count);
        Assert.Null(empty.Units);
        Assert.All(empty.Values.Where(v => v.Measure is not (Census or Magnitude) || v.Statistic != ZeroInputs && v.Measure != Census), v => Assert.Null(v.Value));
        string numbers = AnalysisFixtures.Numbers(r);
        Assert.DoesNotContain("NaN", numbers);
        Assert.DoesNotContain("Infinity", numbers);
        Assert.DoesNotContain(r.Findings, f => f.Set == "b");
    }

    [Fact]
    public void BootstrapIsSeededAndBracketsTheEstimate()
    {
        var (taps, labels) = AnalysisFixtures.Random(6, 200, 2, 30, 10);
        var a = Analyzer.AnalyzeActivations(taps, labels, null, new AnalysisOptions { Bootstrap = 40, Seed = 1 });
        var b = Analyzer.AnalyzeActivations(taps, labels, null, new AnalysisOptions { Bootstrap = 40, Seed = 1 });
        var c = Analyzer.AnalyzeActivations(taps, labels, null, new AnalysisOptions { Bootstrap = 40, Seed = 2 });
        Assert.Equal(AnalysisFixtures.Numbers(a), AnalysisFixtures.Numbers(b));
        Assert.NotEqual(AnalysisFixtures.Numbers(a), AnalysisFixtures.Numbers(c));
        var pattern = a.Find("t1", "pooled", Pattern, Mean)!;
        Assert.True(pattern.CiLow < pattern.Value && pattern.Value < pattern.CiHigh, $"{pattern}");
        Assert.All(a.Taps.SelectMany(t => t.Sets).SelectMany(s => s.Values).Where(v => v.Measure == Census), v => Assert.Null(v.CiLow));
        var none = Analyzer.AnalyzeActivations(taps, labels, null, new AnalysisOptions { Bootstrap = 0 });
        Assert.All(none.Taps.SelectMany(t => t.Sets).SelectMany(s => s.Values), v => Assert.Null(v.CiLow));
    }

    [Fact]
    public void SaturatedCodewordEstimatesAreWarnedAbout()
    {
        // 64 random units on 30 inputs: every pattern differs, so the codeword entropy is log M exactly, for the one
        // class and the pooled set alike.
        var (taps, labels) = AnalysisFixtures.Random(9, 30, 1, 64);
        var r = Analyzer.AnalyzeActivations(taps, labels, null, NoBootstrap);
        Assert.Contains("codeword: within 1% of log M for 2 of 2 tap and set pairs (too few inputs to tell)", r.Warnings);
    }

    [Fact]
    public void SaturationIsOneNotePerMeasureWhateverTheNumberOfTapsAndSets()
    {
        // Two taps of 64 units saturate on every set (3 classes and pooled: 8 pairs); a tap of 1 unit has at most 2
        // codewords, 1 bit, below 0.99 · log M for sets of 3 inputs or more: 12 pairs, 8 of them saturated.
        var (taps, labels) = AnalysisFixtures.Random(9, 60, 3, 64, 64, 1);
        Assert.All(Enumerable.Range(0, 3), c => Assert.True(labels.Count(l => l == c) >= 3));
        var r = Analyzer.AnalyzeActivations(taps, labels, null, NoBootstrap);
        Assert.Single(r.Warnings, w => w.StartsWith("codeword:", StringComparison.Ordinal));
        Assert.Contains("codeword: within 1% of log M for 8 of 12 tap and set pairs (too few inputs to tell)", r.Warnings);
        Assert.True(r.Warnings.Count(w => w.StartsWith("binned:", StringComparison.Ordinal)) <= 1, string.Join("\n", r.Warnings));
        Assert.Equal(r.Warnings.Count, r.Warnings.Select(w => w.Split(':')[0]).Distinct().Count());
    }

    [Fact]
    public void UnitsInNatsScaleEveryEntropyByLn2()
    {
        var (taps, labels) = AnalysisFixtures.Random(4, 60, 2, 12, 5);
        var bits = Analyzer.AnalyzeActivations(taps, labels, null, NoBootstrap);
        var nats = Analyzer.AnalyzeActivations(taps, labels, null, NoBootstrap with { Units = EntropyUnit.Nats });
        EntropyCheck.AssertClose(bits.Find("t1", "pooled", Pattern, Sum)!.Value!.Value * Math.Log(2), nats.Find("t1", "pooled", Pattern, Sum)!.Value, "pattern sum in nats");
        Assert.Equal(bits.Find("t1", "pooled", Codeword, Normalized)!.Value, nats.Find("t1", "pooled", Codeword, Normalized)!.Value);
    }
}
