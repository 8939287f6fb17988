using System.Globalization;
using System.Text;
using LayerEntropy.Analysis;

namespace LayerEntropy.Experiments;

/// <summary>
/// sweep.csv (docs/FORMATS.md): one row per model, model kind (trained or a control), hidden FC layer, set and headline
/// measure, in long form, with the model's test accuracy on every row, ready to filter and pivot.
/// </summary>
internal static class SweepCsv
{
    public const string Header = "depth,seed,model,test_accuracy,layer,tap,set,measure,statistic,value";

    public static string Serialize(IReadOnlyList<(SweepCell Cell, AnalysisResult Analysis)> models)
    {
        var csv = new StringBuilder(Header).Append('\n');
        foreach (var (cell, analysis) in models.OrderBy(m => m.Cell.Depth).ThenBy(m => m.Cell.Seed))
        {
            Rows(csv, cell, ModelKinds.Trained, cell.TestAccuracy, analysis.Findings, analysis.Manifest.Taps);
            foreach (var control in analysis.Controls ?? [])
                Rows(csv, cell, control.Kind, control.TestAccuracy, control.Findings, analysis.Manifest.Taps);
        }
        return csv.ToString();
    }

    private static void Rows(StringBuilder csv, SweepCell cell, string model, double? accuracy, IReadOnlyList<DepthFinding> findings, IReadOnlyList<string> taps)
    {
        foreach (var f in findings)
            for (int i = 0; i < f.Values.Count; i++)
                csv.Append(Invariant(cell.Depth)).Append(',').Append(Invariant(cell.Seed)).Append(',').Append(model).Append(',')
                    .Append(MeasuresCsv.Number(accuracy)).Append(',').Append(Invariant(i + 1)).Append(',').Append(MeasuresCsv.Quote(i < taps.Count ? taps[i] : ""))
                    .Append(',').Append(MeasuresCsv.Quote(f.Set)).Append(',').Append(f.Measure).Append(',').Append(f.Statistic).Append(',')
                    .Append(MeasuresCsv.Number(f.Values[i])).Append('\n');
    }

    internal static string Invariant(int v) => v.ToString(CultureInfo.InvariantCulture);
}
