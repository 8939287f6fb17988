using LayerEntropy.Analysis;
using LayerEntropy.Data;
using Xunit.Abstractions;
using static LayerEntropy.Analysis.MeasureNames;

namespace LayerEntropy.Tests.Analysis;

/// <summary>
/// The bootstrap intervals cover the true entropy as often as they claim. Each repetition draws M inputs from
/// distributions whose entropies are known in closed form and analyses them as recorded activations (the analysis's
/// own bootstrap, 200 resamples, seeded by the repetition): the 95% interval of each measure must hold the true value
/// in 93–97% of 400 repetitions.
/// </summary>
public class IntervalCoverageTests(ITestOutputHelper output)
{
    private const int Repetitions = 400, M = 300;

    /// <summary>pattern: independent units firing with these probabilities.</summary>
    private static readonly double[] Firing = [0.1, 0.2, 0.3, 0.4, 0.65, 0.8];

    /// <summary>codeword: the patterns 00, 01, 10, 11 of two units with these probabilities.</summary>
    private static readonly double[] Codewords = [0.4, 0.3, 0.2, 0.1];

    /// <summary>binned: a unit taking the values 0, 1, 2, 3 with these probabilities, beside units fixed at 0 and 3 (fixed bin edges).</summary>
    private static readonly double[] Levels = [0.35, 0.3, 0.2, 0.15];

    /// <summary>magnitude: k of 8 units active with equal values, k uniform on 0..8 (k = 0: an all-zero input), so H(x) = log₂ k.</summary>
    private const int MagnitudeUnits = 8;

    /// <summary>label-information: two equally likely classes; unit i fires with probability q[c][i] in class c.</summary>
    private static readonly double[][] ClassFiring = [[0.05, 0.1, 0.05, 0.7], [0.55, 0.6, 0.3, 0.1]];

    private static double H(double p) => p <= 0 || p >= 1 ? 0 : -p * Math.Log2(p) - (1 - p) * Math.Log2(1 - p);

    private static double HOf(double[] q) => -q.Sum(p => p * Math.Log2(p));

    private static readonly (string Tap, string Measure, string Statistic, double Truth)[] Checks =
    [
        ("pattern", Pattern, Mean, Firing.Average(H)),
        ("codeword", Codeword, Raw, HOf(Codewords)),
        ("magnitude", Magnitude, Mean, Enumerable.Range(1, MagnitudeUnits).Average(k => Math.Log2(k))),
        ("binned", Binned, Raw, HOf(Levels)),
        ("label", LabelInformation, Mean, Enumerable.Range(0, ClassFiring[0].Length)
            .Average(i => H((ClassFiring[0][i] + ClassFiring[1][i]) / 2) - (H(ClassFiring[0][i]) + H(ClassFiring[1][i])) / 2)),
    ];

    [Fact]
    public void NinetyFivePercentIntervalsCoverTheTrueEntropyInNinetyFivePercentOfRepetitions()
    {
        var covered = new int[Checks.Length];
        var noted = new int[Checks.Length];
        var below = new int[Checks.Length];
        for (int rep = 0; rep < Repetitions; rep++)
        {
            var (taps, labels) = Draw(new Random(1000 + rep));
            var result = Analyzer.AnalyzeActivations(taps, labels, ["a", "b"], new AnalysisOptions { Bootstrap = 200, Seed = rep, Samples = 0 });
            for (int c = 0; c < Checks.Length; c++)
            {
                var (tap, measure, statistic, truth) = Checks[c];
                var v = result.Find(tap, InputSet.PooledName, measure, statistic)!;
                if (v.CiNote is not null) noted[c]++;
                else if (v.CiLow <= truth && truth <= v.CiHigh) covered[c]++;
                else if (truth < v.CiLow) below[c]++;
            }
        }
        var lines = Checks.Select((k, c) => $"{k.Measure} {k.Statistic}: true {k.Truth:F4}, covered {covered[c]} of {Repetitions} ({100.0 * covered[c] / Repetitions:F2}%), truth below the interval {below[c]} times, above it {Repetitions - covered[c] - below[c] - noted[c]}, no interval {noted[c]}").ToArray();
        foreach (string line in lines) output.WriteLine(line);
        for (int c = 0; c < Checks.Length; c++)
        {
            double coverage = (double)covered[c] / Repetitions;
            Assert.True(coverage is >= 0.93 and <= 0.97, lines[c]);
        }
    }

    /// <summary>One repetition's M inputs: one tap per measure, and their labels.</summary>
    private static (TapActivations[] Taps, int[] Labels) Draw(Random random)
    {
        int[] labels = [.. Enumerable.Range(0, M).Select(_ => random.Next(2))];
        float[] pattern = new float[M * Firing.Length], codeword = new float[M * 2], magnitude = new float[M * MagnitudeUnits], binned = new float[M * 3];
        float[] label = new float[M * ClassFiring[0].Length];
        for (int x = 0; x < M; x++)
        {
            for (int i = 0; i < Firing.Length; i++) pattern[x * Firing.Length + i] = random.NextDouble() < Firing[i] ? 1 : 0;
            int k = Pick(random, Codewords);
            (codeword[x * 2], codeword[x * 2 + 1]) = (k >> 1, k & 1);
            int active = random.Next(MagnitudeUnits + 1);
            for (int i = 0; i < active; i++) magnitude[x * MagnitudeUnits + i] = 0.5f;
            (binned[x * 3], binned[x * 3 + 1], binned[x * 3 + 2]) = (0, 3, Pick(random, Levels));
            for (int i = 0; i < ClassFiring[0].Length; i++) label[x * ClassFiring[0].Length + i] = random.NextDouble() < ClassFiring[labels[x]][i] ? 1 : 0;
        }
        return ([new("pattern", M, Firing.Length, pattern), new("codeword", M, 2, codeword), new("magnitude", M, MagnitudeUnits, magnitude),
            new("binned", M, 3, binned), new("label", M, ClassFiring[0].Length, label)], labels);
    }

    private static int Pick(Random random, double[] probabilities)
    {
        double u = random.NextDouble();
        for (int k = 0; k < probabilities.Length - 1; k++)
            if ((u -= probabilities[k]) < 0) return k;
        return probabilities.Length - 1;
    }
}
