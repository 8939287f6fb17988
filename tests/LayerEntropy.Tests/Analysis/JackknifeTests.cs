using LayerEntropy.Analysis;
using LayerEntropy.Data;

namespace LayerEntropy.Tests.Analysis;

/// <summary>
/// The jackknife's accelerations, computed once per distinct record, against the definition: M plain analyses, each
/// of the inputs but one, and a = Σ (θ̄ − θ₍ᵢ₎)³ / (6 (Σ (θ̄ − θ₍ᵢ₎)²)^{3/2}) over their values.
/// </summary>
public class JackknifeTests
{
    [Fact]
    public void AccelerationsEqualThoseOfLeaveOneOutAnalyses()
    {
        // Values 0..4 on units whose patterns and binned vectors repeat across inputs, beside units fixed at 0 and 4 so that leaving an
        // input out never moves the binned range; all-zero rows for magnitude's zero inputs.
        const int m = 36, n = 9;
        var random = new Random(17);
        int[] labels = [.. Enumerable.Range(0, m).Select(x => x % 3 == 0 ? 0 : x % 3 == 1 ? 1 : random.Next(2))];
        var values = new float[m * n];
        for (int x = 0; x < m; x++)
        {
            values[x * n + 1] = 4;
            if (x % 11 == 5) continue;
            for (int i = 2; i < 5; i++) values[x * n + i] = 2 * Math.Min(2, random.Next(2 + labels[x] + i % 2));
        }
        var taps = new[] { new TapActivations("t", m, n, values) };
        string[] names = ["a", "b"];
        var options = new AnalysisOptions { Bootstrap = 0, Bins = 5 };
        var state = Analyzer.ActivationsPart(taps, labels, names, options, null, null, default).State;
        var (perClass, all) = state.Members();
        int[][] members = [.. perClass, all];
        var binned = BinnedGroups.Of(state.Taps[0], all);
        var contents = SetContents.Of(state.Taps[0], members, binned);

        // Every input left out in turn: its class's set and the pooled set lose it.
        var left = Enumerable.Range(0, m).Select(x =>
        {
            int[] keep = [.. Enumerable.Range(0, m).Where(y => y != x)];
            var rest = new TapActivations("t", m - 1, n, [.. keep.SelectMany(y => values.Skip(y * n).Take(n))]);
            return Analyzer.AnalyzeActivations([rest], [.. keep.Select(y => labels[y])], names, options);
        }).ToArray();

        for (int s = 0; s < members.Length; s++)
        {
            bool pooled = s == members.Length - 1;
            string set = pooled ? InputSet.PooledName : names[s];
            var classes = pooled ? contents[..^1].Select(c => (c.Firing, c.Count)).ToArray() : null;
            var fast = Jackknife.Accelerations(state.Taps[0], members[s], contents[s], state.Labels, classes,
                pooled ? (binned.Pooled, binned.PooledCount) : (binned.Own, binned.OwnCount));
            foreach (var ((measure, statistic), a) in fast)
            {
                var theta = members[s].Select(x => left[x].Find("t", set, measure, statistic)!.Value!.Value).ToArray();
                double mean = theta.Average();
                double s2 = theta.Sum(t => Math.Pow(mean - t, 2)), s3 = theta.Sum(t => Math.Pow(mean - t, 3));
                // Values equal up to rounding (every codeword distinct) have no skewness to measure.
                double expected = Math.Sqrt(s2 / theta.Length) <= 1e-12 * (1 + Math.Abs(mean)) ? 0 : s3 / (6 * Math.Pow(s2, 1.5));
                Assert.True(Math.Abs(a - expected) <= 1e-7, $"{set}, {measure} {statistic}: {a} against {expected}");
            }
            Assert.Equal(pooled ? 12 : 11, fast.Count);
            Assert.All(fast.Values, a => Assert.NotEqual(0, a));
        }
    }
}
