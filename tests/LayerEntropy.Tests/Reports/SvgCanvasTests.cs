using System.Globalization;
using System.Xml.Linq;
using LayerEntropy.Reports;

namespace LayerEntropy.Tests.Reports;

public class SvgCanvasTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly XNamespace XLink = "http://www.w3.org/1999/xlink";

    private static readonly Rgba Blue = Rgba.FromHex("#0072B2");

    private static XElement Parse(SvgCanvas canvas) => XDocument.Parse(canvas.ToSvg()).Root!;

    private static SvgCanvas EveryMark()
    {
        var canvas = new SvgCanvas(320.5, 200);
        canvas.FillRect(0, 0, 320.5, 200, Rgba.White);
        canvas.BeginGroup("series", "layer 1");
        canvas.Polyline([new(10, 10), new(20.123, 30.456), new(40, 15)], Blue, 1.5, dashed: true);
        canvas.Circle(20.125, 30.455, 3, Blue.WithOpacity(0.5));
        canvas.EndGroup();
        canvas.Line(0, 190, 320, 190, Rgba.Black);
        canvas.FillPolygon([new(1, 1), new(5, 1), new(3, 4.5)], Rgba.FromHex("#E69F0080"));
        canvas.Text(160, 12, "Entropy ρ ≤ 2.5", 12, Rgba.Black, TextAnchor.Middle, bold: true);
        canvas.Text(12, 100, "bits", 10, Rgba.Black, TextAnchor.End, vertical: true);
        canvas.Image(50, 50, 30, 20, PngEncoderTests.RandomImage(3, 2, seed: 1, opaque: false));
        return canvas;
    }

    [Fact]
    public void TheDocumentParsesAsSvgWithSizeAndViewBox()
    {
        string text = EveryMark().ToSvg();
        Assert.StartsWith("<svg ", text); // no XML declaration or DOCTYPE: it can go inline in HTML
        var root = XDocument.Parse(text).Root!;
        Assert.Equal(Svg + "svg", root.Name);
        Assert.Equal("320.5", (string?)root.Attribute("width"));
        Assert.Equal("200", (string?)root.Attribute("height"));
        Assert.Equal("0 0 320.5 200", (string?)root.Attribute("viewBox"));
        Assert.Equal("DejaVu Sans, Verdana, Arial, sans-serif", (string?)root.Attribute("font-family"));
        Assert.Equal(["rect", "g", "line", "polygon", "text", "text", "image"], root.Elements().Select(e => e.Name.LocalName));
    }

    [Fact]
    public void GroupsBecomeGElementsWithClassAndTitle()
    {
        var canvas = new SvgCanvas(10, 10);
        canvas.BeginGroup("series", "layer <1> & \"friends\"");
        canvas.BeginGroup("markers");
        canvas.Circle(1, 1, 1, Blue);
        canvas.EndGroup();
        canvas.EndGroup();
        var outer = Parse(canvas).Element(Svg + "g")!;
        Assert.Equal("series", (string?)outer.Attribute("class"));
        Assert.Equal("layer <1> & \"friends\"", outer.Element(Svg + "title")!.Value);
        var inner = outer.Element(Svg + "g")!;
        Assert.Equal("markers", (string?)inner.Attribute("class"));
        Assert.Null(inner.Element(Svg + "title"));
        Assert.Single(inner.Elements(Svg + "circle"));
    }

    [Fact]
    public void UnbalancedGroupsThrow()
    {
        var canvas = new SvgCanvas(10, 10);
        Assert.Throws<InvalidOperationException>(canvas.EndGroup);
        canvas.BeginGroup("a");
        Assert.Throws<InvalidOperationException>(() => canvas.ToSvg());
        canvas.EndGroup();
        Parse(canvas);
    }

    [Fact]
    public void TextRoundTripsThroughTheXmlParser()
    {
        var canvas = new SvgCanvas(100, 20);
        canvas.Text(1, 15, "a<&>\"'b", 10, Rgba.Black);
        canvas.Text(1, 15, "x\u0001\u0008y\uFFFEz\uD800 H₂ 😀", 10, Rgba.Black); // what XML 1.0 forbids is dropped
        var texts = Parse(canvas).Elements(Svg + "text").Select(e => e.Value).ToArray();
        Assert.Equal(["a<&>\"'b", "xyz H₂ 😀"], texts);
    }

    [Fact]
    public void TextAttributesCarryAnchorWeightAndRotation()
    {
        var texts = Parse(EveryMark()).Elements(Svg + "text").ToArray();
        Assert.Equal("middle", (string?)texts[0].Attribute("text-anchor"));
        Assert.Equal("bold", (string?)texts[0].Attribute("font-weight"));
        Assert.Equal("12", (string?)texts[0].Attribute("font-size"));
        Assert.Null(texts[0].Attribute("transform"));
        Assert.Equal("end", (string?)texts[1].Attribute("text-anchor"));
        Assert.Null(texts[1].Attribute("font-weight"));
        Assert.Equal("rotate(-90 12 100)", (string?)texts[1].Attribute("transform"));
    }

    [Fact]
    public void ColoursAreHexWithOpacityOnlyWhenTranslucent()
    {
        var root = Parse(EveryMark());
        var circle = root.Descendants(Svg + "circle").Single();
        Assert.Equal("#0072b2", (string?)circle.Attribute("fill"));
        Assert.Equal("0.5", (string?)circle.Attribute("fill-opacity"));
        var polygon = root.Element(Svg + "polygon")!;
        Assert.Equal("#e69f00", (string?)polygon.Attribute("fill"));
        Assert.Equal("0.5", (string?)polygon.Attribute("fill-opacity"));
        Assert.Null(root.Element(Svg + "rect")!.Attribute("fill-opacity"));
        var line = root.Element(Svg + "line")!;
        Assert.Equal("#000000", (string?)line.Attribute("stroke"));
        Assert.Null(line.Attribute("stroke-opacity"));
        Assert.Null(line.Attribute("stroke-dasharray"));
    }

    [Fact]
    public void DashedStrokesAlternateFourAndThreeWidths()
    {
        var polyline = Parse(EveryMark()).Descendants(Svg + "polyline").Single();
        Assert.Equal("6 4.5", (string?)polyline.Attribute("stroke-dasharray"));
        Assert.Equal("none", (string?)polyline.Attribute("fill"));
        Assert.Equal("bevel", (string?)polyline.Attribute("stroke-linejoin")); // as the raster canvas joins segments
        Assert.Equal("10,10 20.12,30.46 40,15", (string?)polyline.Attribute("points"));
    }

    [Fact]
    public void NumbersUseAPointWhateverTheCurrentCulture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CommaCulture();
            Assert.Equal("1,5", 1.5.ToString(CultureInfo.CurrentCulture)); // the hazard is real under this culture
            var numbers = Parse(EveryMark()).DescendantsAndSelf().Attributes()
                .Where(a => NumericAttributes.Contains(a.Name.LocalName))
                .SelectMany(a => a.Value.Split([' ', ',', '(', ')'], StringSplitOptions.RemoveEmptyEntries))
                .Where(token => token != "rotate").ToArray();
            Assert.NotEmpty(numbers);
            Assert.All(numbers, n => Assert.Matches(@"^-?\d+(\.\d{1,2})?$", n));
            Assert.Contains("320.5", numbers);
            Assert.Contains("20.13", numbers); // 20.125 rounds half away from zero
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Theory]
    [InlineData(2.0, "2")]
    [InlineData(0.1 + 0.2, "0.3")]
    [InlineData(-0.001, "0")]
    [InlineData(-12.345678, "-12.35")]
    [InlineData(1234567.891, "1234567.89")]
    [InlineData(1e-7, "0")]
    public void NumbersHaveAtMostTwoDecimals(double value, string expected) => Assert.Equal(expected, SvgFormat.Number(value));

    [Fact]
    public void ImagesAreEmbeddedPngsThatDecodeToTheirPixels()
    {
        var pixels = PngEncoderTests.RandomImage(3, 2, seed: 1, opaque: false);
        var image = Parse(EveryMark()).Element(Svg + "image")!;
        Assert.Equal("none", (string?)image.Attribute("preserveAspectRatio"));
        Assert.Equal("image-rendering:pixelated", (string?)image.Attribute("style"));
        Assert.Equal("optimizeSpeed", (string?)image.Attribute("image-rendering"));
        Assert.Equal(["50", "50", "30", "20"], new[] { "x", "y", "width", "height" }.Select(a => (string?)image.Attribute(a)));
        string href = (string)image.Attribute(XLink + "href")!;
        const string prefix = "data:image/png;base64,";
        Assert.StartsWith(prefix, href);
        var decoded = PngDecoder.Decode(Convert.FromBase64String(href[prefix.Length..]));
        Assert.Equal(pixels.Pixels, decoded.Pixels);
    }

    [Fact]
    public void EmptyMarksAreLeftOutAndNonFiniteCoordinatesThrow()
    {
        var canvas = new SvgCanvas(10, 10);
        canvas.FillRect(1, 1, 0, 5, Blue);
        canvas.Circle(1, 1, -1, Blue);
        canvas.Text(1, 1, "", 10, Blue);
        canvas.FillPolygon([new(1, 1), new(2, 2)], Blue);
        Assert.Empty(Parse(canvas).Elements());
        Assert.Throws<ArgumentOutOfRangeException>(() => canvas.FillRect(double.NaN, 1, 1, 1, Blue));
        Assert.Throws<ArgumentOutOfRangeException>(() => canvas.Polyline([new(0, 0), new(1, double.PositiveInfinity)], Blue));
        Assert.Throws<ArgumentException>(() => canvas.Polyline([new(0, 0)], Blue));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SvgCanvas(0, 10));
    }

    [Fact]
    public void MeasureTextIsTheFontsAdvanceWidth()
    {
        Assert.Equal(GlyphFont.DejaVuSans.Measure("Layer 3", 11), new SvgCanvas(1, 1).MeasureText("Layer 3", 11));
        Assert.Equal(new RasterCanvas(1, 1).MeasureText("Layer 3", 11, bold: true), new SvgCanvas(1, 1).MeasureText("Layer 3", 11, bold: true));
    }

    /// <summary>
    /// A culture that writes 1.5 as "1,5". The tests run with invariant globalization, where named cultures such as
    /// de-DE carry no data of their own, so the German number format is set by hand.
    /// </summary>
    internal static CultureInfo CommaCulture()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = ".";
        return culture;
    }

    private static readonly HashSet<string> NumericAttributes =
    [
        "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "width", "height", "viewBox", "points", "transform",
        "font-size", "stroke-width", "stroke-dasharray", "fill-opacity", "stroke-opacity",
    ];
}
