namespace LayerEntropy.Reports;

/// <summary>One finished figure: a chart as SVG text or a dense heatmap as PNG bytes, with its file name and caption.</summary>
public sealed class Figure
{
    private readonly Action<ICanvas> draw;

    private Figure(string name, string caption, double width, double height, string? svg, byte[]? png, Action<ICanvas> draw)
    {
        this.draw = draw;
        Name = name;
        Width = width;
        Height = height;
        Caption = caption;
        Svg = svg;
        Png = png;
    }

    /// <summary>The file name without extension, unique within a report (e.g. "depth-pattern-mean").</summary>
    public string Name { get; }

    public string Caption { get; }

    /// <summary>The figure's size in CSS pixels (a PNG holds twice as many pixels each way).</summary>
    public double Width { get; }

    public double Height { get; }
    public string? Svg { get; }
    public byte[]? Png { get; }

    public string FileName => Name + (Svg is null ? ".png" : ".svg");

    /// <summary>Draws a chart of <paramref name="width"/>×<paramref name="height"/> units as SVG.</summary>
    internal static Figure Chart(string name, string caption, double width, double height, Action<ICanvas> draw)
    {
        var canvas = new SvgCanvas(width, height);
        // Opaque, as the raster figures are: a figure file dropped on a dark slide or page stays readable.
        canvas.FillRect(0, 0, width, height, Rgba.White);
        draw(canvas);
        return new Figure(name, caption, width, height, canvas.ToSvg(), null, c =>
        {
            c.FillRect(0, 0, width, height, Rgba.White);
            draw(c);
        });
    }

    /// <summary>Draws a heatmap figure as PNG, at twice the figure units so it stays sharp when printed.</summary>
    internal static Figure Raster(string name, string caption, double width, double height, Action<ICanvas> draw)
    {
        var canvas = new RasterCanvas(width, height, 2);
        draw(canvas);
        return new Figure(name, caption, width, height, null, canvas.ToPng(), draw);
    }

    /// <summary>The figure drawn again as a one-page vector PDF (heatmaps as images in it), for print and LaTeX.</summary>
    public byte[] Pdf()
    {
        var canvas = new PdfCanvas(Width, Height);
        draw(canvas);
        string title = Caption.Split(": ")[0];
        return canvas.ToPdf(title.Length > 0 ? title : Name);
    }

    public string PdfFileName => Name + ".pdf";

    /// <summary>The figure's bytes as its file holds them.</summary>
    public byte[] Bytes() => Png ?? System.Text.Encoding.UTF8.GetBytes(Svg!);
}
