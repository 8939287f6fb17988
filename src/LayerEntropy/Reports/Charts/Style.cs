namespace LayerEntropy.Reports;

/// <summary>The figures' shared look: type sizes and the neutral colours of frames, grids and text.</summary>
internal static class Style
{
    public const double TitleSize = 14;
    public const double LabelSize = 12;
    public const double TickSize = 10.5;
    public const double LegendSize = 11;

    public static readonly Rgba Text = Rgba.FromHex("#222222");
    public static readonly Rgba Muted = Rgba.FromHex("#666666");
    public static readonly Rgba Axis = Rgba.FromHex("#444444");
    public static readonly Rgba Grid = Rgba.FromHex("#e6e6e6");

    /// <summary>Cells of a folded grid that hold no unit.</summary>
    public static readonly Rgba Empty = Rgba.FromHex("#f2f2f2");
}
