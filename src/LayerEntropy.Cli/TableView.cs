using LayerEntropy.Analysis;
using Spectre.Console;

namespace LayerEntropy.Cli;

/// <summary>One measure statistic as a terminal table sees it: its values, its title and whether it counts things.</summary>
internal sealed record TableView(string Measure, string Statistic, EntropyUnit Units)
{
    /// <summary>The census and the zero-input count are numbers of units or inputs, not entropies.</summary>
    public bool IsCount => Measure == MeasureNames.Census
        || Statistic is MeasureNames.ZeroInputs or MeasureNames.Dead or MeasureNames.AlwaysOn;

    public double? Value(TapResult tap, string set) =>
        tap.Sets.FirstOrDefault(s => s.Set == set)?.Values.FirstOrDefault(v => v.Key == new MeasureKey(Measure, Statistic))?.Value;

    /// <summary>
    /// Why the value has no interval, in a word that fits a narrow column ("sat." for saturated, "biased"); null where
    /// it has one or none was asked for.
    /// </summary>
    public string? Note(TapResult tap, string set) =>
        tap.Sets.FirstOrDefault(s => s.Set == set)?.Values.FirstOrDefault(v => v.Key == new MeasureKey(Measure, Statistic))?.CiNote?.Split(' ')[0] switch
        {
            null => null,
            "saturated" => "sat.",
            var word => word,
        };

    public Table NewTable()
    {
        var table = new Table { Border = TableBorder.Rounded, Title = new TableTitle(Markup.Escape(Title), new Style(decoration: Decoration.Bold)) };
        table.AddColumn(new TableColumn(TableCell.Header("tap", "units")));
        return table;
    }

    public string Title => $"{Measure} · {Statistic} ({Unit})";

    private string Unit
    {
        get
        {
            string entropy = Units == EntropyUnit.Nats ? "nats" : "bits";
            if (Statistic == MeasureNames.ZeroInputs) return "inputs";
            if (IsCount) return "units";
            if (Statistic == MeasureNames.Normalized) return "0 to 1";
            return Statistic == MeasureNames.Mean ? $"{entropy} per unit" : entropy;
        }
    }
}
