using LayerEntropy.Reports;

namespace LayerEntropy.Tests.Reports;

public class RasterCanvasTests
{
    private static readonly Rgba Blue = Rgba.FromHex("#0072B2");

    /// <summary>How much ink a pixel carries after black was drawn over white: 0 for white, 1 for black.</summary>
    private static double Ink(RgbaImage image, int x, int y) => (255 - image[x, y].R) / 255.0;

    /// <summary>Within one step of 8-bit rounding.</summary>
    private static void Near(int expected, byte actual) => Assert.InRange(actual, expected - 1, expected + 1);

    private static double TotalInk(RgbaImage image)
    {
        double sum = 0;
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++) sum += Ink(image, x, y);
        return sum;
    }

    [Fact]
    public void TheImageIsTheScaledSizeRoundedUpAndStartsOpaqueWhite()
    {
        var canvas = new RasterCanvas(30.2, 10, scale: 2);
        Assert.Equal((61, 20), (canvas.Image.Width, canvas.Image.Height));
        Assert.All(canvas.Image.Pixels, b => Assert.Equal(255, b));
        Assert.Equal((300, 200), (new RasterCanvas(100, 200.0 / 3, 3).Image.Width, new RasterCanvas(100, 200.0 / 3, 3).Image.Height));
        Assert.Equal((30.2, 10.0, 2.0), (canvas.Width, canvas.Height, canvas.Scale));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(2.0)]
    public void IntegerAlignedRectanglesArePixelExact(double scale)
    {
        var canvas = new RasterCanvas(20, 20, scale);
        canvas.FillRect(2, 3, 5, 4, Blue);
        var image = canvas.Image;
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
            {
                bool inside = x >= 2 * scale && x < 7 * scale && y >= 3 * scale && y < 7 * scale;
                Assert.Equal(inside ? Blue : Rgba.White, image[x, y]);
            }
    }

    [Fact]
    public void FractionalRectangleEdgesBlendByTheAreaCovered()
    {
        var canvas = new RasterCanvas(10, 10, scale: 1);
        canvas.FillRect(1.5, 2, 2, 1.25, Rgba.Black);
        var image = canvas.Image;
        Near(128, image[1, 2].R); // half the pixel
        Assert.Equal(Rgba.Black, image[2, 2]);
        Near(128, image[3, 2].R);
        Near(191, image[2, 3].R); // a quarter
        Near(223, image[3, 3].R); // an eighth
        Assert.Equal(2 * 1.25, TotalInk(image), 2);
    }

    [Fact]
    public void HalfOpaqueFillsBlendWithWhite()
    {
        var canvas = new RasterCanvas(20, 20, scale: 1);
        var halfBlack = Rgba.Black.WithOpacity(0.5);
        canvas.FillRect(0, 0, 10, 10, halfBlack);
        canvas.FillPolygon([new(10, 10), new(20, 10), new(20, 20), new(10, 20)], halfBlack);
        canvas.FillRect(0, 10, 10, 10, Rgba.FromHex("#0072B280"));
        foreach (var p in new[] { canvas.Image[5, 5], canvas.Image[15, 15] })
        {
            Near(127, p.R);
            Assert.Equal(p.R, p.G);
            Assert.Equal(255, p.A);
        }
        var blue = canvas.Image[5, 15];
        Near((0 + 255) / 2, blue.R);
        Near((0x72 + 255) / 2, blue.G);
        Near((0xB2 + 255) / 2, blue.B);
    }

    [Fact]
    public void ImagesAreEnlargedByNearestNeighbourInExactBlocks()
    {
        var source = PngEncoderTests.RandomImage(3, 2, seed: 4, opaque: true);
        foreach (var (scale, width, height) in new[] { (1.0, 30.0, 20.0), (2.0, 15.0, 10.0) })
        {
            ICanvas canvas = new RasterCanvas(40, 30, scale);
            canvas.Image(5, 5, width, height, source);
            var image = ((RasterCanvas)canvas).Image;
            int offset = (int)(5 * scale);
            for (int y = 0; y < image.Height; y++)
                for (int x = 0; x < image.Width; x++)
                {
                    int sx = x - offset, sy = y - offset;
                    bool inside = sx >= 0 && sx < 30 && sy >= 0 && sy < 20;
                    Assert.Equal(inside ? source[sx / 10, sy / 10] : Rgba.White, image[x, y]);
                }
        }
    }

    [Fact]
    public void ImageAlphaBlendsOverWhatIsBeneath()
    {
        var source = new RgbaImage(1, 1);
        source[0, 0] = Rgba.Black.WithOpacity(0.5);
        ICanvas canvas = new RasterCanvas(4, 4, 1);
        canvas.Image(0, 0, 4, 4, source);
        Near(127, ((RasterCanvas)canvas).Image[2, 2].R);
    }

    [Fact]
    public void ATrianglesInkMatchesItsArea()
    {
        var canvas = new RasterCanvas(100, 100, scale: 1);
        Point a = new(10.3, 10.7), b = new(90.2, 22.1), c = new(37.9, 85.4);
        canvas.FillPolygon([a, b, c], Rgba.Black);
        double area = Math.Abs((b.X - a.X) * (c.Y - a.Y) - (c.X - a.X) * (b.Y - a.Y)) / 2;
        Assert.Equal(area, TotalInk(canvas.Image), area * 0.005);
        int covered = 0;
        for (int y = 0; y < 100; y++)
            for (int x = 0; x < 100; x++) covered += Ink(canvas.Image, x, y) >= 0.5 ? 1 : 0;
        Assert.Equal(area, covered, area * 0.02);
        Assert.Equal(Rgba.Black, canvas.Image[45, 40]); // inside
        Assert.Equal(Rgba.White, canvas.Image[80, 70]); // outside
    }

    [Fact]
    public void PolygonsFillByNonZeroWinding()
    {
        // A pentagram: its centre is wound twice, so non-zero fills it where even-odd would leave a hole.
        var canvas = new RasterCanvas(100, 100, scale: 1);
        var star = Enumerable.Range(0, 5).Select(i => i * 2 * 2 * Math.PI / 5 - Math.PI / 2).Select(t => new Point(50 + 45 * Math.Cos(t), 50 + 45 * Math.Sin(t))).ToList();
        canvas.FillPolygon(star, Rgba.Black);
        Assert.Equal(Rgba.Black, canvas.Image[50, 50]);
        Assert.Equal(Rgba.Black, canvas.Image[50, 15]); // a point of the star
        Assert.Equal(Rgba.White, canvas.Image[5, 95]);
    }

    [Fact]
    public void CirclesCoverTheirArea()
    {
        var canvas = new RasterCanvas(40, 40, scale: 2);
        canvas.Circle(20.3, 19.6, 7.5, Rgba.Black);
        double area = Math.PI * 15 * 15; // in pixels at scale 2
        Assert.Equal(area, TotalInk(canvas.Image), area * 0.005);
    }

    [Fact]
    public void LinesHaveTheirStrokeWidthAndButtEnds()
    {
        var canvas = new RasterCanvas(40, 20, scale: 1);
        canvas.Line(5, 10, 35, 10, Rgba.Black, strokeWidth: 2);
        var image = canvas.Image;
        for (int x = 0; x < 40; x++)
        {
            bool along = x >= 5 && x < 35;
            Assert.Equal(along ? Rgba.Black : Rgba.White, image[x, 9]);
            Assert.Equal(along ? Rgba.Black : Rgba.White, image[x, 10]);
            Assert.Equal(Rgba.White, image[x, 8]);
            Assert.Equal(Rgba.White, image[x, 11]);
        }
        var diagonal = new RasterCanvas(40, 40, scale: 1);
        diagonal.Line(5, 5, 35, 35, Rgba.Black, strokeWidth: 1.5);
        Assert.Equal(Math.Sqrt(2) * 30 * 1.5, TotalInk(diagonal.Image), 1.0);
    }

    [Fact]
    public void DashesAlternateFourAndThreeStrokeWidthsAcrossVertices()
    {
        var canvas = new RasterCanvas(60, 20, scale: 1);
        canvas.Polyline([new(0, 10.5), new(20, 10.5), new(41, 10.5)], Rgba.Black, strokeWidth: 1, dashed: true);
        for (int x = 0; x < 41; x++)
            Assert.True((x % 7 < 4 ? Rgba.Black : Rgba.White) == canvas.Image[x, 10], $"column {x}");
        Assert.Equal(Rgba.White, canvas.Image[50, 10]);
    }

    [Fact]
    public void TranslucentStrokesBlendOnceWhereSegmentsOverlap()
    {
        var canvas = new RasterCanvas(60, 60, scale: 1);
        var halfBlue = Blue.WithOpacity(0.5);
        canvas.Polyline([new(5, 5), new(30, 50), new(55, 5)], halfBlue, strokeWidth: 6);
        var joint = canvas.Image[30, 47];
        var middle = canvas.Image[17, 28];
        Assert.Equal(middle, joint);
        Near((0x72 + 255) / 2, joint.G);
    }

    [Fact]
    public void ShapesPartlyOrWhollyOutsideTheCanvasAreClipped()
    {
        var canvas = new RasterCanvas(10, 10, scale: 1);
        canvas.FillRect(-5, -5, 8, 8, Rgba.Black);
        canvas.FillPolygon([new(-100, 5), new(100, 5), new(100, 1000)], Rgba.Black);
        canvas.Circle(-50, -50, 3, Rgba.Black);
        canvas.Line(-10, 9.5, 1000, 9.5, Rgba.Black);
        canvas.Text(-100, -100, "far away", 12, Rgba.Black);
        ((ICanvas)canvas).Image(8, 8, 10, 10, PngEncoderTests.RandomImage(2, 2, 1, opaque: true));
        Assert.Equal(Rgba.Black, canvas.Image[0, 0]);
        Assert.Equal(Rgba.White, canvas.Image[5, 2]);
    }

    [Fact]
    public void NonFiniteCoordinatesThrow()
    {
        var canvas = new RasterCanvas(10, 10);
        Assert.Throws<ArgumentOutOfRangeException>(() => canvas.Circle(double.NaN, 1, 1, Blue));
        Assert.Throws<ArgumentOutOfRangeException>(() => canvas.Text(1, double.NegativeInfinity, "a", 10, Blue));
        Assert.Throws<ArgumentOutOfRangeException>(() => canvas.FillPolygon([new(0, 0), new(1, 1), new(double.NaN, 0)], Blue));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RasterCanvas(10, 10, scale: 0));
    }

    [Fact]
    public void ToPngWritesTheImage()
    {
        var canvas = new RasterCanvas(16, 8, scale: 1.5);
        canvas.Circle(8, 4, 3, Blue);
        Assert.Equal(canvas.Image.Pixels, PngDecoder.Decode(canvas.ToPng()).Pixels);
    }
}
