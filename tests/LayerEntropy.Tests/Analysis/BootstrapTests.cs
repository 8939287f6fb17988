using LayerEntropy.Analysis;
using LayerEntropy.Data;
using static LayerEntropy.Analysis.MeasureNames;

namespace LayerEntropy.Tests.Analysis;

/// <summary>
/// A bootstrap resample is a multiset of the set's inputs. Each resample's values must equal those of a plain
/// analysis of that multiset written out input by input (each input repeated as often as it was drawn), which runs
/// none of the bootstrap's kernels.
/// </summary>
public class BootstrapTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void EachResampleEqualsTheAnalysisOfItsDrawnInputs(bool pooled)
    {
        // A wide tap of mostly distinct patterns, a narrow one of many shared patterns, and three classes.
        var (taps, labels) = AnalysisFixtures.Random(11, 160, 3, 70, 9, 3);
        string[] names = ["a", "b", "c"];
        var options = new AnalysisOptions { Bootstrap = 6, Bins = 4, Seed = 3 };
        var state = Analyzer.ActivationsPart(taps, labels, names, options, null, null, default).State;
        var (perClass, all) = state.Members();
        int setIndex = pooled ? names.Length : 1;
        var set = ResampledSet.Draw(pooled ? all : perClass[1], pooled ? state.Labels : null, names.Length, setIndex, options.Bootstrap, options.Seed);
        Assert.Equal(set.Count * options.Bootstrap, set.Weights.Sum(w => (long)w));
        var binned = state.Taps.Select(t => BinnedGroups.Of(t, all)).ToArray();
        var replicates = Bootstrap.Replicates(state.Taps, set, pooled, binned, options.Units);
        for (int r = 0; r < options.Bootstrap; r++)
        {
            var drawn = new List<int>();
            for (int col = 0; col < set.Columns; col++)
                if (set.Members[col] >= 0) drawn.AddRange(Enumerable.Repeat(set.Members[col], set.Weights[r * set.Columns + col]));
            var written = taps.Select(t => new TapActivations(t.Name, drawn.Count, t.Units,
                [.. drawn.SelectMany(x => t.Values.Skip(x * t.Units).Take(t.Units))])).ToArray();
            var reference = Analyzer.AnalyzeActivations(written, [.. drawn.Select(x => labels[x])], names, new AnalysisOptions { Bootstrap = 0, Bins = 0 });
            for (int t = 0; t < taps.Length; t++)
            {
                string setName = pooled ? InputSet.PooledName : names[setIndex];
                foreach (var value in replicates[t][r])
                {
                    double? expected = value.Measure == Binned
                        ? BinnedExpected(value.Statistic, binned[t], pooled, set, r)
                        : reference.Find(taps[t].Name, setName, value.Measure, value.Statistic)!.Value;
                    string what = $"resample {r}, {taps[t].Name}, {setName}, {value.Measure} {value.Statistic}";
                    if (expected is null) Assert.Null(value.Value);
                    else EntropyCheck.AssertClose(expected.Value, value.Value, what, 1e-9, 1e-9);
                }
            }
        }
    }

    /// <summary>binned under the whole set's bins: the entropy of the binned vectors' counts weighted by the draws.</summary>
    private static double? BinnedExpected(string statistic, BinnedGroups groups, bool pooled, ResampledSet set, int r)
    {
        var numbers = pooled ? groups.Pooled : groups.Own;
        var counts = new long[pooled ? groups.PooledCount : groups.OwnCount];
        for (int col = 0; col < set.Columns; col++)
            if (set.Members[col] >= 0) counts[numbers[set.Members[col]]] += set.Weights[r * set.Columns + col];
        var (raw, normalized, _) = Measures.Codeword(counts, set.Count);
        return statistic == Raw ? raw : statistic == ChaoShen ? Measures.ChaoShen(CountSummary.Of(counts)) : normalized;
    }
}
