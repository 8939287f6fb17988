using System.Globalization;
using System.Text;
using LayerEntropy.Analysis;

namespace LayerEntropy.Experiments;

/// <summary>
/// dynamics.csv (docs/FORMATS.md): one row per run, checkpoint, tap, set and headline measure, in long form, with the
/// checkpoint's epoch, step and accuracies on every row.
/// </summary>
internal static class DynamicsCsv
{
    public const string Header = "model,checkpoint,epoch,step,train_accuracy,test_accuracy,layer,tap,set,measure,statistic,value";

    public static string Serialize(DynamicsResult r)
    {
        var csv = new StringBuilder(Header).Append('\n');
        foreach (var run in r.Runs)
            foreach (var c in run.Checkpoints)
                foreach (var f in c.Findings)
                    for (int i = 0; i < f.Values.Count; i++)
                        csv.Append(run.Model).Append(',').Append(c.Name).Append(',').Append(MeasuresCsv.Number(c.Epoch)).Append(',')
                            .Append(c.Step.ToString(CultureInfo.InvariantCulture)).Append(',').Append(MeasuresCsv.Number(c.TrainAccuracy)).Append(',')
                            .Append(MeasuresCsv.Number(c.TestAccuracy)).Append(',').Append(SweepCsv.Invariant(i + 1)).Append(',')
                            .Append(MeasuresCsv.Quote(i < r.Taps.Count ? r.Taps[i] : "")).Append(',').Append(MeasuresCsv.Quote(f.Set)).Append(',')
                            .Append(f.Measure).Append(',').Append(f.Statistic).Append(',').Append(MeasuresCsv.Number(f.Values[i])).Append('\n');
        return csv.ToString();
    }
}
