using System.Globalization;
using System.Text;
using System.Text.Json;
using LayerEntropy.Analysis;
using LayerEntropy.IO;

namespace LayerEntropy.Experiments;

/// <summary>
/// The files of a comparison (docs/FORMATS.md): comparison.json, the whole <see cref="ComparisonResult"/> in the
/// conventions of analysis.json, and comparison.csv, one row per run and tap.
/// </summary>
public static class ComparisonOutput
{
    public const string JsonFileName = "comparison.json";
    public const string CsvFileName = "comparison.csv";
    public const string CsvHeader = "run,rank,score,test_accuracy,depth,tap,measure,statistic,set,value";

    /// <summary>The JSON text: snake_case names, lowercase enum names, shortest round-trip numbers, null for unknowns.</summary>
    public static string Serialize(ComparisonResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return JsonSerializer.Serialize(result, AnalysisJson.Options) + "\n";
    }

    /// <summary>
    /// The CSV text: the header, then for each run in the order given one row per tap in depth order. Numbers in
    /// the invariant culture's shortest round-trip form; an unknown accuracy is an empty cell; names holding a comma,
    /// quote or line break are quoted as RFC 4180 says. Lines end with LF.
    /// </summary>
    public static string SerializeCsv(ComparisonResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var csv = new StringBuilder(CsvHeader).Append('\n');
        foreach (var run in result.Runs)
            for (int d = 0; d < run.Curve.Count; d++)
                csv.Append(MeasuresCsv.Quote(run.Label)).Append(',')
                    .Append(run.Rank.ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(MeasuresCsv.Number(run.Score)).Append(',')
                    .Append(MeasuresCsv.Number(run.TestAccuracy)).Append(',')
                    .Append((d + 1).ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(MeasuresCsv.Quote(run.Taps[d])).Append(',')
                    .Append(MeasuresCsv.Quote(result.Measure)).Append(',')
                    .Append(MeasuresCsv.Quote(result.Statistic)).Append(',')
                    .Append(MeasuresCsv.Quote(result.Set)).Append(',')
                    .Append(MeasuresCsv.Number(run.Curve[d])).Append('\n');
        return csv.ToString();
    }

    /// <summary>Reads a comparison.json that <see cref="Write"/> wrote.</summary>
    /// <exception cref="LayerEntropyException">The file is missing or not a comparison; the message names it.</exception>
    public static ComparisonResult Load(string path) => ExperimentFiles.Load<ComparisonResult>(path, "a comparison (comparison.json)", ComparisonConsistency.FirstProblem);

    /// <summary>
    /// Writes both files into <paramref name="directory"/>, creating it; both are complete before either replaces an
    /// earlier file, and comparison.json goes last.
    /// </summary>
    /// <returns>The paths written: comparison.json, then comparison.csv.</returns>
    /// <exception cref="LayerEntropyException">The folder or a file cannot be written; earlier files stay as they were.</exception>
    public static IReadOnlyList<string> Write(ComparisonResult result, string directory)
    {
        byte[] json = Encoding.UTF8.GetBytes(Serialize(result));
        byte[] csv = Encoding.UTF8.GetBytes(SerializeCsv(result));
        string jsonPath = Path.Combine(directory, JsonFileName);
        string csvPath = Path.Combine(directory, CsvFileName);
        FileFailure.Guard(directory, "write the comparison", () =>
        {
            Directory.CreateDirectory(directory);
            AtomicFile.WriteAll([(csvPath, s => s.Write(csv)), (jsonPath, s => s.Write(json))]);
        });
        return [jsonPath, csvPath];
    }
}
