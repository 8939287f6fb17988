namespace LayerEntropy.Reports;

/// <summary>
/// Colours for categorical series (one line per layer or per run): the Okabe–Ito palette, which stays
/// distinguishable for the common colour-vision deficiencies.
/// </summary>
internal static class Palette
{
    /// <summary>Orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple, black: Okabe and Ito's order.</summary>
    public static IReadOnlyList<Rgba> OkabeIto { get; } =
    [
        Rgba.FromHex("#E69F00"),
        Rgba.FromHex("#56B4E9"),
        Rgba.FromHex("#009E73"),
        Rgba.FromHex("#F0E442"),
        Rgba.FromHex("#0072B2"),
        Rgba.FromHex("#D55E00"),
        Rgba.FromHex("#CC79A7"),
        Rgba.FromHex("#000000"),
    ];

    /// <summary>A neutral grey for a pooled or reference series, set apart from every series colour.</summary>
    public static Rgba Pooled { get; } = Rgba.FromHex("#999999");

    /// <summary>
    /// The style of series <paramref name="index"/> (0 first). Past eight series the colours repeat, so each pass
    /// through the palette (<see cref="SeriesStyle.Cycle"/>) must differ in something else: odd cycles are dashed,
    /// and charts with markers can use the cycle as the marker shape.
    /// </summary>
    public static SeriesStyle Series(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        int cycle = index / OkabeIto.Count;
        return new SeriesStyle(OkabeIto[index % OkabeIto.Count], cycle % 2 == 1, cycle);
    }
}

/// <summary>How one series is drawn: its colour, whether its line is dashed, and which pass through the palette it is on.</summary>
internal readonly record struct SeriesStyle(Rgba Colour, bool Dashed, int Cycle);
