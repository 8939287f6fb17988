using LayerEntropy.Reports;

namespace LayerEntropy.Tests.Reports;

/// <summary>Text on the raster canvas lands where the font's metrics say it should.</summary>
public class TextDrawingTests
{
    private const string Label = "Layer entropy H₂ (bits) ≤ 3.5";
    private static readonly GlyphFont Font = GlyphFont.DejaVuSans;

    private readonly record struct InkBox(int Left, int Top, int Right, int Bottom, int Pixels, double Total)
    {
        public int Width => Right - Left + 1;
        public int Height => Bottom - Top + 1;
    }

    /// <summary>The bounding box of every pixel darker than white by more than a trace, and the ink in all.</summary>
    private static InkBox Ink(RgbaImage image)
    {
        int left = int.MaxValue, top = int.MaxValue, right = -1, bottom = -1, pixels = 0;
        double total = 0;
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
            {
                double ink = (255 - image[x, y].R) / 255.0;
                total += ink;
                if (ink < 0.05) continue;
                pixels++;
                (left, top, right, bottom) = (Math.Min(left, x), Math.Min(top, y), Math.Max(right, x), Math.Max(bottom, y));
            }
        return new InkBox(left, top, right, bottom, pixels, total);
    }

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(1, 2.0)]
    [InlineData(2, 2.0)]
    [InlineData(0, 3.0)]
    public void InkStaysInTheMeasuredBox(int anchorIndex, double scale) // TextAnchor is internal: xunit passes its index
    {
        var anchor = (TextAnchor)anchorIndex;
        const double x = 200, y = 40, size = 12;
        var canvas = new RasterCanvas(400, 80, scale);
        canvas.Text(x, y, Label, size, Rgba.Black, anchor);
        double width = canvas.MeasureText(Label, size);
        double start = anchor switch { TextAnchor.Middle => x - width / 2, TextAnchor.End => x - width, _ => x };

        var ink = Ink(canvas.Image);
        Assert.True(ink.Pixels > 100, "the text drew something");
        double margin = 1.5 * scale; // glyphs may overhang their advance by a side bearing
        Assert.InRange(ink.Left, (start * scale) - margin, (start * scale) + margin);
        Assert.InRange(ink.Right, ((start + width) * scale) - 3 * margin, ((start + width) * scale) + margin);
        Assert.InRange(ink.Top, (y - Font.Ascent * size) * scale - margin, (y - 0.6 * size) * scale); // capitals and '(' rise well above
        Assert.InRange(ink.Bottom, y * scale, (y + Font.Descent * size) * scale + margin); // 'y' and '(' descend
        Assert.True(canvas.Image.Pixels.Where((_, i) => i % 4 == 0).Min() < 20, "stems are solid black somewhere");
    }

    [Fact]
    public void VerticalTextReadsUpwardFromTheAnchor()
    {
        const double x = 40, y = 250, size = 12;
        var canvas = new RasterCanvas(80, 300, scale: 2);
        canvas.Text(x, y, Label, size, Rgba.Black, vertical: true);
        double width = canvas.MeasureText(Label, size);
        var ink = Ink(canvas.Image);
        Assert.True(ink.Height > 4 * ink.Width, $"ink box {ink.Width}×{ink.Height} should be tall and thin");
        Assert.InRange(ink.Bottom, y * 2 - 3, y * 2 + 3); // the start of the text sits at the anchor
        Assert.InRange(ink.Top, (y - width) * 2 - 3, (y - width) * 2 + 9);
        Assert.InRange(ink.Left, (x - Font.Ascent * size) * 2 - 3, (x - 0.6 * size) * 2); // glyph tops point left
        Assert.InRange(ink.Right, x * 2, (x + Font.Descent * size) * 2 + 3);

        // The same text drawn horizontally carries the same ink, turned.
        var flat = new RasterCanvas(300, 80, scale: 2);
        flat.Text(10, 40, Label, size, Rgba.Black);
        Assert.Equal(Ink(flat.Image).Total, ink.Total, ink.Total * 0.01);
    }

    [Fact]
    public void InkGrowsWithTheSquareOfTheSize()
    {
        double Total(double size)
        {
            var canvas = new RasterCanvas(400, 100, scale: 1);
            canvas.Text(5, 70, "Entropy 0.25", size, Rgba.Black);
            return Ink(canvas.Image).Total;
        }
        double small = Total(10), large = Total(40);
        Assert.InRange(large / small, 16 * 0.85, 16 * 1.15);
    }

    [Fact]
    public void BoldCarriesMoreInkAndTranslucentTextLess()
    {
        double Total(bool bold, Rgba colour)
        {
            var canvas = new RasterCanvas(300, 40, scale: 2);
            canvas.Text(5, 30, Label, 12, colour, bold: bold);
            return Ink(canvas.Image).Total;
        }
        double regular = Total(false, Rgba.Black);
        Assert.True(Total(true, Rgba.Black) > 1.3 * regular);
        Assert.Equal(regular / 2, Total(false, Rgba.Black.WithOpacity(0.5)), regular * 0.02);
    }

    [Fact]
    public void UnknownCharactersDrawAsQuestionMarks()
    {
        RgbaImage Draw(string text)
        {
            var canvas = new RasterCanvas(60, 30, scale: 2);
            canvas.Text(5, 20, text, 12, Rgba.Black);
            return canvas.Image;
        }
        Assert.Equal(Draw("a?b").Pixels, Draw("a中b").Pixels);
        Assert.Equal(0, Ink(Draw("   ")).Pixels);
    }
}
