using LayerEntropy.Nn;

namespace LayerEntropy.Analysis;

/// <summary>Which layer outputs an analysis records, by layer index, with their tap names and widths.</summary>
public static class TapSelection
{
    /// <summary>
    /// <paramref name="spec"/>: "fc" (the default: every hidden FC layer after its activation, or before it with
    /// <paramref name="preActivation"/>), "all" (every layer output but Flatten, Dropout and the classifier), or
    /// a comma-separated list of layer names. Conv outputs count as C·H·W units.
    /// </summary>
    public static IReadOnlyList<(int Layer, string Name, string Kind, int Units)> Resolve(Sequential model, string spec, bool preActivation)
    {
        var shapes = model.LayerOutputShapes();
        var layers = model.Layers;
        int classifier = layers.Count - 1;
        IEnumerable<int> indices = spec.Trim().ToLowerInvariant() switch
        {
            "" or "fc" => model.DefaultTaps().Select(name => IndexOf(model, name)).Select(i => preActivation && layers[i] is Activation ? i - 1 : i),
            "all" => Enumerable.Range(0, classifier).Where(i => layers[i] is not (Flatten or Dropout)),
            _ => spec.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(name =>
            {
                int i = IndexOf(model, name);
                return i >= 0 ? i : throw new LayerEntropyException(
                    $"unknown tap '{name}'; the tappable outputs are {string.Join(", ", layers.Where(l => l is not (Flatten or Dropout)).Select(l => l.Name))}");
            }),
        };
        var result = indices.Distinct().Order().Select(i => (i, layers[i].Name, layers[i].Kind, shapes[i].Aggregate(1, (a, b) => a * b))).ToList();
        if (result.Count == 0) throw LayerEntropyException.ForSetting($"the model has no taps for '{spec}' (it has no hidden fully connected layer); name the outputs to tap with {SettingName.Of<AnalyzeSettings>(nameof(AnalyzeSettings.Taps))}");
        return result;
    }

    private static int IndexOf(Sequential model, string name)
    {
        for (int i = 0; i < model.Layers.Count; i++)
            if (string.Equals(model.Layers[i].Name, name, StringComparison.Ordinal)) return i;
        return -1;
    }
}
