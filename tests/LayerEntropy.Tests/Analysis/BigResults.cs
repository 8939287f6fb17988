using LayerEntropy.Analysis;

namespace LayerEntropy.Tests.Analysis;

/// <summary>Analysis results with taps past the 1,024 units that analysis.json holds inline.</summary>
internal static class BigResults
{
    /// <summary>The class with no inputs: its sets have no per-unit statistics, so no row in the arrays.</summary>
    public const string EmptyClass = "empty";

    /// <summary>
    /// A real analysis of seeded activations: taps of 16, 3,000 and 1,100 units over 240 inputs of three classes and
    /// an empty fourth, two samples per class with 3×64×48 images stored for 3×96×72 inputs.
    /// </summary>
    public static AnalysisResult Analysed(int seed = 5)
    {
        var (taps, labels) = AnalysisFixtures.Random(seed, 240, 3, 16, 3000, 1100);
        var options = new AnalysisOptions { Bootstrap = 0, Bins = 8, Samples = 2 };
        var r = Analyzer.AnalyzeActivations(taps, labels, ["a", "b", "c", EmptyClass], options, "big.npy");
        var samples = r.Samples! with
        {
            InputShape = [3, 96, 72],
            Inputs = [.. r.Samples!.Inputs.Select(x => x with { Image = [.. Enumerable.Range(0, 3 * 64 * 48).Select(p => (int)((x.Id * 31 + p * 7) % 256))] })],
        };
        return r with
        {
            Manifest = r.Manifest with { Date = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero), ToolVersion = "0.0.0-fixture" },
            Samples = samples with { ImageShape = [3, 64, 48] },
        };
    }

    /// <summary>
    /// The size of an imported network's layer: one tap of <paramref name="units"/> units over ten classes and the
    /// pooled set, with five samples per class, filled with seeded numbers of full double precision.
    /// </summary>
    public static AnalysisResult Wide(int units)
    {
        var random = new Random(units);
        double[] Numbers() => [.. Enumerable.Range(0, units).Select(_ => random.NextDouble())];
        var small = SampleResults.Small();
        InputSet[] sets = [.. Enumerable.Range(0, 10).Select(c => new InputSet($"class {c}", c, 50)), new(InputSet.PooledName, null, 500)];
        var tap = new TapResult("layer4.1.relu", 1, units, "layer4.1.relu", [.. sets.Select(s => new TapSetResult(s.Name, s.Count,
            [new(MeasureNames.Pattern, MeasureNames.Mean, 0.5)],
            new UnitStatistics(Numbers(), Numbers(), s.IsPooled ? Numbers() : null) { MeanActivation = Numbers() }))]);
        var inputs = sets.Where(s => !s.IsPooled).SelectMany(s => Enumerable.Range(0, 5).Select(i => new SampleInput(s.Label!.Value * 5 + i, s.Name, null,
            [[.. Enumerable.Range(0, units).Select(_ => (float)random.NextDouble())]])));
        return small with
        {
            Manifest = small.Manifest with { Taps = [tap.Name] },
            Sets = sets,
            Taps = [tap],
            Findings = [],
            Samples = new ActivationSamples(null, [.. inputs]),
        };
    }
}
