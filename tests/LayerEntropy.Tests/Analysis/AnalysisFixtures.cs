using System.Text.Json;
using LayerEntropy.Analysis;
using LayerEntropy.Data;

namespace LayerEntropy.Tests.Analysis;

/// <summary>Small recorded-activation arrays and a canonical text of a result's numbers, for whole-analysis tests.</summary>
internal static class AnalysisFixtures
{
    /// <summary>Every number of a result (sets, taps, per-unit statistics, findings, summary, warnings, samples), not the manifest's date.</summary>
    public static string Numbers(AnalysisResult r) =>
        JsonSerializer.Serialize(new { r.Sets, r.Taps, r.Findings, r.Summary, r.Warnings, r.Samples });

    /// <summary>
    /// Seeded activations for <paramref name="taps"/> taps of the given widths over M inputs of
    /// <paramref name="classes"/> classes: ReLU-like values (about a third exactly zero) whose firing depends on the class.
    /// </summary>
    public static (TapActivations[] Taps, int[] Labels) Random(int seed, int m, int classes, params int[] widths)
    {
        var random = new Random(seed);
        int[] labels = [.. Enumerable.Range(0, m).Select(_ => random.Next(classes))];
        var taps = widths.Select((n, t) =>
        {
            var values = new float[m * n];
            for (int x = 0; x < m; x++)
                for (int i = 0; i < n; i++)
                {
                    double v = random.NextDouble() * 2 - 0.7 + 0.3 * Math.Sin(labels[x] + i);
                    values[x * n + i] = v > 0 ? (float)Math.Round(v, 2) : 0f;
                }
            return new TapActivations($"t{t + 1}", m, n, values);
        }).ToArray();
        return (taps, labels);
    }
}
