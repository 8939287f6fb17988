using LayerEntropy.Analysis;

namespace LayerEntropy.Tests.Analysis;

/// <summary>Analysis results built by hand, with the awkward cases every writer must carry: empty sets, nulls, odd names.</summary>
internal static class SampleResults
{
    /// <summary>The class whose name needs quoting in CSV.</summary>
    public const string QuotedClass = "cat, \"tabby\"";

    /// <summary>The class with no inputs: every value null, no unit statistics.</summary>
    public const string EmptyClass = "dog";

    public const string Summary = "per class, pattern entropy falls over fc1_act–fc2_act without levelling off (ℓ* = 2 of 2 FC layers, the median over the 1 class); no class rises from one layer to the next";

    /// <summary>2 taps; sets: a class, an empty class and pooled; intervals on some values; a finding; warnings.</summary>
    public static AnalysisResult Small()
    {
        InputSet[] sets = [new(QuotedClass, 0, 5), new(EmptyClass, 1, 0), new(InputSet.PooledName, null, 5)];
        TapResult Tap(string name, int depth, double h, double low, double high) => new(name, depth, 3, name.Replace("_act", "", StringComparison.Ordinal),
        [
            new(QuotedClass, 5,
            [
                new(MeasureNames.Pattern, MeasureNames.Mean, h, low, high),
                new(MeasureNames.Pattern, MeasureNames.Sum, 3 * h),
                new(MeasureNames.Codeword, MeasureNames.Normalized, 1.0 / 3, 5e-324, 0.9999999999999999),
                new(MeasureNames.Census, MeasureNames.Dead, 1),
            ], new UnitStatistics([0.2, 1.0 / 3, 1e-7], [0.7219280948873623, 0.9182958340544896, 0], null)),
            new(EmptyClass, 0,
            [
                new(MeasureNames.Pattern, MeasureNames.Mean, null),
                new(MeasureNames.Pattern, MeasureNames.Sum, null),
                new(MeasureNames.Codeword, MeasureNames.Normalized, null),
                new(MeasureNames.Census, MeasureNames.Dead, null),
            ], null),
            new(InputSet.PooledName, 5,
            [
                new(MeasureNames.Pattern, MeasureNames.Mean, h, low, high),
                new(MeasureNames.Pattern, MeasureNames.Sum, 3 * h),
                new(MeasureNames.Codeword, MeasureNames.Normalized, 1.0 / 3),
                new(MeasureNames.LabelInformation, MeasureNames.Mean, 0, -0.0, 1e-300),
                new(MeasureNames.Census, MeasureNames.Dead, 1),
            ], new UnitStatistics([0.2, 1.0 / 3, 1e-7], [0.7219280948873623, 0.9182958340544896, 0], [0, 0, 0])),
        ]);
        var options = new AnalysisOptions { Threshold = 0.1f, Units = EntropyUnit.Nats, Bins = 10, Delta = 0.05, Bootstrap = 100, Seed = 7, CorrectOnly = true, LimitPerClass = 1000 };
        var manifest = new RunManifest("layerentropy", "0.1.0", new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)).AddTicks(1234567),
            "models/m.onnx", new string('a', 64), "mnist", new Dictionary<string, string> { ["t10k-images-idx3-ubyte.gz"] = new string('b', 64) },
            "test", ["fc1_act", "fc2_act"], options, null, 5);
        return new AnalysisResult(AnalysisResult.CurrentSchemaVersion, manifest, sets,
            [Tap("fc1_act", 1, 0.6134752040339363, 0.5, 0.7), Tap("fc2_act", 2, 0.2, 0.1, 0.30000000000000004)],
            [new DepthFinding(MeasureNames.Pattern, MeasureNames.Mean, QuotedClass, [0.6134752040339363, 0.2], true, null, -1, 2),
             new DepthFinding(MeasureNames.Pattern, MeasureNames.Mean, EmptyClass, [null, null], null, null, null, null)],
            Summary,
            ["class dog has no inputs: its values are null", "bootstrap: 100 resamples, fewer than the default 200"]);
    }

    /// <summary>A result with <paramref name="classes"/> classes with long names, for layouts that must fold.</summary>
    public static AnalysisResult ManyClasses(int classes)
    {
        var small = Small();
        var names = Enumerable.Range(0, classes).Select(c => $"class number {c} with a long name").ToList();
        InputSet[] sets = [.. names.Select((n, c) => new InputSet(n, c, 10 + c)), new(InputSet.PooledName, null, 10_000)];
        var taps = small.Taps.Select(t => t with
        {
            Sets = [.. sets.Select((s, i) => new TapSetResult(s.Name, s.Count,
                [new(MeasureNames.Pattern, MeasureNames.Mean, (i + 1.0) / (t.Depth + sets.Length)), new(MeasureNames.Census, MeasureNames.AlwaysOn, i % 3)], null))],
        }).ToList();
        return small with { Sets = sets, Taps = taps, Findings = [] };
    }
}
