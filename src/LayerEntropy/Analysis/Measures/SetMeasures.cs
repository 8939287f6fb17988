using static LayerEntropy.Analysis.MeasureNames;

namespace LayerEntropy.Analysis;

/// <summary>Turns one set's accumulator contents into its reported numbers (in the run's unit), the same way for the
/// real set and for every bootstrap resample of it.</summary>
internal static class SetMeasures
{
    /// <summary>The values in a fixed order; <paramref name="classes"/> (pooled set only) adds label-information.</summary>
    public static List<MeasureValue> Compute(SetContent s, EntropyUnit unit, IReadOnlyList<(long[] Firing, long Count)>? classes)
    {
        double E(double bits) => Entropy.In(unit, bits);
        var values = new List<MeasureValue>(16);
        if (s.Count == 0)
        {
            foreach (var (m, st) in Statistics(s.Binned is not null, classes is not null))
                values.Add(new MeasureValue(m, st, m == Magnitude && st == ZeroInputs || m == Census ? 0 : null));
            return values;
        }
        var (mean, sum) = Measures.PatternTotals(s.Firing, s.Count);
        values.Add(new(Pattern, Mean, E(mean)));
        values.Add(new(Pattern, Sum, E(sum)));
        var (raw, normalized, mm) = Measures.Codeword(s.Codewords, s.Count);
        values.Add(new(Codeword, Raw, E(raw)));
        values.Add(new(Codeword, Normalized, normalized));
        values.Add(new(Codeword, MillerMadow, E(mm)));
        values.Add(new(Codeword, ChaoShen, E(Measures.ChaoShen(s.Codewords))));
        var (magMean, magNormalized) = Measures.Magnitude(s.MagnitudeSum, s.MagnitudeInputs, s.Units);
        values.Add(new(Magnitude, Mean, magMean is double v ? E(v) : null));
        values.Add(new(Magnitude, Normalized, magNormalized));
        values.Add(new(Magnitude, ZeroInputs, s.ZeroInputs));
        if (s.Binned is CountSummary binned)
        {
            var (binRaw, binNormalized, _) = Measures.Codeword(binned, s.Count);
            values.Add(new(Binned, Raw, E(binRaw)));
            values.Add(new(Binned, Normalized, binNormalized));
            values.Add(new(Binned, ChaoShen, E(Measures.ChaoShen(binned))));
        }
        if (classes is not null) values.Add(new(LabelInformation, Mean, E(Measures.LabelInformationMean(s.Firing, s.Count, classes))));
        var (dead, alwaysOn) = Measures.Census(s.Firing, s.Count);
        values.Add(new(Census, Dead, dead));
        values.Add(new(Census, AlwaysOn, alwaysOn));
        return values;
    }

    /// <summary>The measure statistics <see cref="Compute"/> reports, in its order: the one list the tables, CSV and JSON follow.</summary>
    public static IEnumerable<MeasureKey> Statistics(bool binned, bool pooled)
    {
        yield return new(Pattern, Mean);
        yield return new(Pattern, Sum);
        yield return new(Codeword, Raw);
        yield return new(Codeword, Normalized);
        yield return new(Codeword, MillerMadow);
        yield return new(Codeword, ChaoShen);
        yield return new(Magnitude, Mean);
        yield return new(Magnitude, Normalized);
        yield return new(Magnitude, ZeroInputs);
        if (binned)
        {
            yield return new(Binned, Raw);
            yield return new(Binned, Normalized);
            yield return new(Binned, ChaoShen);
        }
        if (pooled) yield return new(LabelInformation, Mean);
        yield return new(Census, Dead);
        yield return new(Census, AlwaysOn);
    }

    /// <summary>Whether a statistic is an estimate that gets a bootstrap interval (counts do not).</summary>
    public static bool HasInterval(string measure, string statistic) => measure != Census && statistic != ZeroInputs;
}
