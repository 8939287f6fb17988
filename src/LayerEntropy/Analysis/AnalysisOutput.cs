using System.Text;
using LayerEntropy.IO;

namespace LayerEntropy.Analysis;

/// <summary>Writes the data files of an analysis into one folder: analysis.json and measures.csv (docs/FORMATS.md).</summary>
public static class AnalysisOutput
{
    public const string JsonFileName = "analysis.json";
    public const string CsvFileName = "measures.csv";

    /// <summary>
    /// Writes both files into <paramref name="directory"/>, creating it. Both contents are complete on disk before
    /// either file is replaced, and analysis.json (the file reports are drawn from) is replaced last, so a failure
    /// never leaves a half-written file and never a new table beside an old result.
    /// </summary>
    /// <returns>The paths written: analysis.json, then measures.csv.</returns>
    /// <exception cref="ArgumentException">A number is NaN or infinite, or an entry is null; nothing is written.</exception>
    /// <exception cref="LayerEntropyException">The folder or a file cannot be written; earlier files stay as they were.</exception>
    public static IReadOnlyList<string> Write(AnalysisResult result, string directory)
    {
        // Both texts are built first: a result that cannot be written fails here, before the folder is touched.
        byte[] json = Encoding.UTF8.GetBytes(AnalysisJson.Serialize(result));
        byte[] csv = Encoding.UTF8.GetBytes(MeasuresCsv.Serialize(result));
        string jsonPath = Path.Combine(directory, JsonFileName);
        string csvPath = Path.Combine(directory, CsvFileName);
        try
        {
            Directory.CreateDirectory(directory);
            AtomicFile.WriteAll([(csvPath, s => s.Write(csv)), (jsonPath, s => s.Write(json))]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw LayerEntropyException.ForFile(directory, $"cannot write the analysis: {e.Message}", e);
        }
        return [jsonPath, csvPath];
    }
}
