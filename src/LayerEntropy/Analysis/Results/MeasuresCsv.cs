using System.Globalization;
using System.Text;
using LayerEntropy.IO;

namespace LayerEntropy.Analysis;

/// <summary>
/// measures.csv (docs/FORMATS.md): every <see cref="MeasureValue"/> of a result as one row of a long-form table,
/// the shape that pandas, R and spreadsheets filter and pivot without further work.
/// </summary>
public static class MeasuresCsv
{
    public const string Header = "tap,depth,set,measure,statistic,value,ci_low,ci_high,ci_note";

    /// <summary>
    /// The CSV text: the header, then one row per value in the result's order (taps, their sets, their values).
    /// Numbers use the invariant culture and the shortest form that parses back to the same double; null is an
    /// empty cell, as is a missing interval note; a name or note holding a comma, quote or line break is quoted as RFC 4180 says. Lines end with LF.
    /// </summary>
    /// <exception cref="ArgumentException">A value is NaN or infinite; the message names where.</exception>
    public static string Serialize(AnalysisResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var csv = new StringBuilder(Header).Append('\n');
        for (int t = 0; t < result.Taps.Count; t++)
        {
            var tap = result.Taps[t];
            for (int s = 0; s < tap.Sets.Count; s++)
            {
                var set = tap.Sets[s];
                for (int v = 0; v < set.Values.Count; v++)
                {
                    var value = set.Values[v];
                    if (ResultCheck.Value($"taps[{t}].sets[{s}].values[{v}]", value) is { } problem)
                        throw new ArgumentException($"cannot write the measures table: {problem}", nameof(result));
                    csv.Append(Quote(tap.Name)).Append(',')
                        .Append(tap.Depth.ToString(CultureInfo.InvariantCulture)).Append(',')
                        .Append(Quote(set.Set)).Append(',')
                        .Append(Quote(value.Measure)).Append(',')
                        .Append(Quote(value.Statistic)).Append(',')
                        .Append(Number(value.Value)).Append(',')
                        .Append(Number(value.CiLow)).Append(',')
                        .Append(Number(value.CiHigh)).Append(',')
                        .Append(value.CiNote is { } note ? Quote(note) : "").Append('\n');
                }
            }
        }
        return csv.ToString();
    }

    /// <summary>Writes the CSV to <paramref name="path"/>, replacing any earlier file atomically.</summary>
    /// <exception cref="ArgumentException">A value is NaN or infinite.</exception>
    /// <exception cref="LayerEntropyException">The file cannot be written.</exception>
    public static void Save(AnalysisResult result, string path)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(Serialize(result));
        AtomicFile.Write(path, s => s.Write(utf8), "the measures table");
    }

    /// <summary>A number in the invariant culture and its shortest round-trip form; null is an empty cell.</summary>
    internal static string Number(double? value) => value is { } x ? x.ToString("R", CultureInfo.InvariantCulture) : "";

    /// <summary>A field quoted as RFC 4180 says when it holds a comma, quote or line break.</summary>
    internal static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
