using System.Text;
using LayerEntropy.IO;

namespace LayerEntropy.Analysis;

/// <summary>
/// Writes the data files of an analysis into one folder: analysis.json, measures.csv and, for taps of more than
/// 1,024 units, the .npy arrays analysis.json refers to (docs/FORMATS.md).
/// </summary>
public static class AnalysisOutput
{
    public const string JsonFileName = "analysis.json";
    public const string CsvFileName = "measures.csv";

    /// <summary>
    /// Writes every file into <paramref name="directory"/>, creating it. All contents are complete on disk before
    /// any file is replaced, and analysis.json (the file reports are drawn from) is replaced last, so a failure
    /// never leaves a half-written file, and never an analysis.json beside arrays or a table of another result.
    /// </summary>
    /// <param name="jsonFileName">The name of the JSON file (merge -o names its own); its arrays folder is named after it.</param>
    /// <returns>The paths written: the JSON file, then measures.csv.</returns>
    /// <exception cref="ArgumentException">A number is NaN or infinite, or an entry is null; nothing is written.</exception>
    /// <exception cref="LayerEntropyException">The folder or a file cannot be written; earlier files stay as they were.</exception>
    public static IReadOnlyList<string> Write(AnalysisResult result, string directory, string jsonFileName = JsonFileName) =>
        Write(result, directory, jsonFileName, [], [], default);

    /// <summary>
    /// As <see cref="Write(AnalysisResult, string, string)"/>, with more files (a report page and its figures) committed in
    /// the same set, before analysis.json, and the <paramref name="obsolete"/> files of the earlier set deleted with it; a
    /// cancellation before the renames leaves every file as it was.
    /// </summary>
    internal static IReadOnlyList<string> Write(AnalysisResult result, string directory, string jsonFileName,
        IReadOnlyList<(string Path, Action<Stream> Write)> alongside, IReadOnlyList<string> obsolete, CancellationToken cancel)
    {
        // Every text is built first: a result that cannot be written fails here, before the folder is touched.
        var (json, arrays) = AnalysisJson.Render(result, Path.GetFileNameWithoutExtension(jsonFileName));
        byte[] csv = Encoding.UTF8.GetBytes(MeasuresCsv.Serialize(result));
        string jsonPath = Path.Combine(directory, jsonFileName);
        string csvPath = Path.Combine(directory, CsvFileName);
        FileFailure.Guard(directory, "write the analysis", () =>
        {
            Directory.CreateDirectory(directory);
            AnalysisFiles.Write(jsonPath, json, arrays, [(csvPath, s => s.Write(csv)), .. alongside], cancel, obsolete);
        });
        return [jsonPath, csvPath];
    }
}
