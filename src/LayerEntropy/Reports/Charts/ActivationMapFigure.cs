namespace LayerEntropy.Reports;

/// <summary>One row of an activation map: a label, the input image's bytes (null: none) and one activation vector per tap.</summary>
internal sealed record ActivationRow(string Label, IReadOnlyList<int>? Image, IReadOnlyList<IReadOnlyList<double>> Taps);

/// <summary>
/// What an activation map shows: sample inputs (and the class mean) by taps, with the inputs' shape (channels, rows,
/// columns) and, when the images were stored shrunk, the shape their bytes are in.
/// </summary>
internal sealed record ActivationMapData(string Title, IReadOnlyList<int>? InputShape, IReadOnlyList<string> TapNames, IReadOnlyList<int> TapUnits, IReadOnlyList<ActivationRow> Rows)
{
    /// <summary>The shape of the rows' image bytes when it differs from <see cref="InputShape"/> (images stored shrunk); null otherwise.</summary>
    public IReadOnlyList<int>? ImageShape { get; init; }
}

/// <summary>
/// The activation map of the paper's figures: one row per input, the input image in the first column, then each
/// tap's activation vector folded into a near-square grid. Each tap has one colour scale (viridis) shared by its
/// column, keyed by a bar below it.
/// </summary>
internal static class ActivationMapFigure
{
    private const double Cell = 96, Gap = 10, LabelColumn = 104, Top = 62, KeyHeight = 46, Margin = 16;

    public static (double Width, double Height) Size(ActivationMapData data)
    {
        int columns = data.TapNames.Count + (data.InputShape is null ? 0 : 1);
        return (LabelColumn + columns * (Cell + Gap) + Margin, Top + data.Rows.Count * (Cell + Gap) + KeyHeight + Margin);
    }

    public static void Draw(ICanvas c, ActivationMapData data)
    {
        var map = Colormap.Viridis;
        c.Text(c.Width / 2, 24, data.Title, Style.TitleSize, Style.Text, TextAnchor.Middle, bold: true);
        double x0 = LabelColumn;
        if (data.InputShape is not null)
        {
            string shown = data.ImageShape is { } stored ? $", shown {stored[1]}×{stored[2]}" : "";
            Header(c, x0, "input", $"{data.InputShape[1]}×{data.InputShape[2]}{shown}");
            x0 += Cell + Gap;
        }
        var scales = new (double Min, double Max)[data.TapNames.Count];
        for (int t = 0; t < data.TapNames.Count; t++)
        {
            var values = data.Rows.SelectMany(r => r.Taps[t]).ToArray();
            scales[t] = values.Length == 0 ? (0, 1) : (Math.Min(0, values.Min()), values.Max());
            var (rows, columns) = Heatmap.Fold(data.TapUnits[t]);
            Header(c, x0 + t * (Cell + Gap), data.TapNames[t], $"{data.TapUnits[t]} units, {columns}×{rows}");
        }
        for (int r = 0; r < data.Rows.Count; r++)
        {
            var row = data.Rows[r];
            double y = Top + r * (Cell + Gap);
            c.BeginGroup("row", row.Label);
            c.Text(LabelColumn - 10, y + Cell / 2 + 4, row.Label, Style.LabelSize, Style.Text, TextAnchor.End);
            double x = LabelColumn;
            if (data.InputShape is { } shape)
            {
                if (row.Image is { } image) Fit(c, x, y, Heatmap.Picture(image, data.ImageShape ?? shape));
                else c.FillRect(x, y, Cell, Cell, Style.Empty);
                x += Cell + Gap;
            }
            for (int t = 0; t < data.TapNames.Count; t++)
                Fit(c, x + t * (Cell + Gap), y, Heatmap.Folded(row.Taps[t], scales[t].Min, scales[t].Max, map));
            c.EndGroup();
        }
        double keyY = Top + data.Rows.Count * (Cell + Gap) + 4;
        for (int t = 0; t < data.TapNames.Count; t++)
            ColorBar.Horizontal(c, x0 + t * (Cell + Gap), keyY, Cell, 10, map, scales[t].Min, scales[t].Max);
        c.Text(LabelColumn - 10, keyY + 9, "activation", Style.TickSize, Style.Muted, TextAnchor.End);
    }

    private static void Header(ICanvas c, double x, string name, string detail)
    {
        c.Text(x + Cell / 2, Top - 22, name, Style.LabelSize, Style.Text, TextAnchor.Middle, bold: true);
        c.Text(x + Cell / 2, Top - 8, detail, Style.TickSize, Style.Muted, TextAnchor.Middle);
    }

    /// <summary>Draws the image in the cell at (x, y), as large as fits with its aspect ratio kept, centred.</summary>
    internal static void Fit(ICanvas c, double x, double y, RgbaImage image, double cell = Cell)
    {
        double scale = cell / Math.Max(image.Width, image.Height);
        double w = image.Width * scale, h = image.Height * scale;
        c.Image(x + (cell - w) / 2, y + (cell - h) / 2, w, h, image);
    }
}
