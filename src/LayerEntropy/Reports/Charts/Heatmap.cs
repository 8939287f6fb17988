namespace LayerEntropy.Reports;

/// <summary>
/// Values to pixels: a tap's vector folded into a near-square grid (the paper's activation maps), a matrix, or an
/// input image; one pixel per value, to be stretched sharp by <see cref="ICanvas.Image"/>.
/// </summary>
internal static class Heatmap
{
    /// <summary>The grid N values fold into: ⌈√N⌉ columns and as many rows as they fill, unit i at row i / columns.</summary>
    public static (int Rows, int Columns) Fold(int n)
    {
        int columns = Math.Max(1, (int)Math.Ceiling(Math.Sqrt(n)));
        return (Math.Max(1, (n + columns - 1) / columns), columns);
    }

    /// <summary>The values folded row by row, coloured on [min, max]; cells past the last unit are left pale grey.</summary>
    public static RgbaImage Folded(IReadOnlyList<double> values, double min, double max, Colormap map)
    {
        var (rows, columns) = Fold(values.Count);
        var image = new RgbaImage(columns, rows);
        for (int i = 0; i < rows * columns; i++)
            image[i % columns, i / columns] = i < values.Count ? map.Map(Scale(values[i], min, max)) : Style.Empty;
        return image;
    }

    /// <summary>rows[r][columnOrder[k]] at pixel (k, r), coloured on [min, max].</summary>
    public static RgbaImage Matrix(IReadOnlyList<IReadOnlyList<double>> rows, IReadOnlyList<int> columnOrder, double min, double max, Colormap map)
    {
        var image = new RgbaImage(Math.Max(1, columnOrder.Count), Math.Max(1, rows.Count));
        for (int r = 0; r < rows.Count; r++)
            for (int k = 0; k < columnOrder.Count; k++)
                image[k, r] = map.Map(Scale(rows[r][columnOrder[k]], min, max));
        return image;
    }

    /// <summary>An input image from its bytes (channel-major): grey for one channel, colour for three, the first channel otherwise.</summary>
    public static RgbaImage Picture(IReadOnlyList<int> bytes, IReadOnlyList<int> shape)
    {
        int channels = shape[0], height = shape[1], width = shape[2], plane = height * width;
        var image = new RgbaImage(width, height);
        for (int p = 0; p < plane; p++)
        {
            byte Channel(int ch) => (byte)Math.Clamp(bytes[ch * plane + p], 0, 255);
            byte v = Channel(0);
            image[p % width, p / width] = channels == 3 ? new Rgba(v, Channel(1), Channel(2)) : new Rgba(v, v, v);
        }
        return image;
    }

    private static double Scale(double v, double min, double max) => max > min ? (v - min) / (max - min) : 0.5;
}
