using System.CommandLine;
using LayerEntropy.Analysis;

namespace LayerEntropy.Cli;

/// <summary>The options every analysing command shares (MEASURES.md's parameters), and their binding to <see cref="AnalysisOptions"/>.</summary>
internal sealed class AnalysisOptionsBinder
{
    private readonly Option<float> threshold = new("--threshold") { Description = "τ: a unit fires when its activation exceeds it (0.5 suits sigmoid)", DefaultValueFactory = _ => 0f };
    private readonly Option<string> units = new("--units") { Description = "Entropy unit", DefaultValueFactory = _ => "bits" };
    private readonly Option<string> bins = new("--bins") { Description = "B, the equal-width bins of the binned measure (0 leaves it out), or auto: equal-mass bins per tap, as many per unit as B^N ≤ M allows (at least 2)", DefaultValueFactory = _ => "30" };
    private readonly Option<double> delta = new("--delta") { Description = "δ of the saturation depth: later layers each drop less than δ of the total", DefaultValueFactory = _ => 0.1 };
    private readonly Option<int> bootstrap = new("--bootstrap") { Description = "Bootstrap resamples for 95% intervals (0 turns them off)", DefaultValueFactory = _ => 200 };
    private readonly Option<int> seed = new("--seed") { Description = "Seed of the bootstrap resamples", DefaultValueFactory = _ => 0 };
    private readonly Option<bool> correctOnly = new("--correct-only") { Description = "Keep only correctly classified inputs" };
    private readonly Option<int?> limitPerClass = new("--limit-per-class") { Description = "Use at most K inputs of each class" };
    private readonly Option<int> samples = new("--samples") { Description = "Keep the first K inputs of each class with their activations, for the activation maps (0 keeps none)", DefaultValueFactory = _ => 5 };

    public AnalysisOptionsBinder() => units.AcceptOnlyFromAmong("bits", "nats");

    /// <summary>The options that make sense for activations recorded elsewhere (no model, so no --correct-only).</summary>
    public void AddTo(Command command, bool withModel = true)
    {
        foreach (Option o in new Option[] { threshold, units, bins, delta, bootstrap, seed }) command.Add(o);
        if (withModel) command.Add(correctOnly);
        command.Add(limitPerClass);
        command.Add(samples);
    }

    public AnalysisOptions Bind(ParseResult parse)
    {
        string binsText = parse.GetValue(bins) ?? "30";
        bool autoBins = binsText.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase);
        int binCount = 30;
        if (!autoBins && !int.TryParse(binsText, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out binCount))
            throw new LayerEntropyException($"--bins must be a whole number of bins or auto (got {binsText})");
        var options = new AnalysisOptions
        {
            Threshold = parse.GetValue(threshold),
            Units = parse.GetValue(units) == "nats" ? EntropyUnit.Nats : EntropyUnit.Bits,
            Bins = binCount,
            AutoBins = autoBins,
            Delta = parse.GetValue(delta),
            Bootstrap = parse.GetValue(bootstrap),
            Seed = parse.GetValue(seed),
            CorrectOnly = parse.GetResult(correctOnly) is not null && parse.GetValue(correctOnly),
            LimitPerClass = parse.GetValue(limitPerClass),
            Samples = parse.GetValue(samples),
        };
        options.Validate();
        return options;
    }
}
