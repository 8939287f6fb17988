using System.Globalization;

namespace LayerEntropy.Bench;

/// <summary>The summaries the comparisons print.</summary>
internal static class Stats
{
    public static double Median(IEnumerable<double> values)
    {
        var s = values.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }

    public static string Runs(IEnumerable<double> values) => string.Join(" ", values.Select(x => x.ToString("F2", CultureInfo.InvariantCulture)));
}
