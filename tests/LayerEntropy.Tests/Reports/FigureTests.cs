using System.Xml.Linq;
using LayerEntropy.Analysis;
using LayerEntropy.Reports;

namespace LayerEntropy.Tests.Reports;

/// <summary>Every figure of a report: SVGs parse and carry the expected series; PNGs decode to what was drawn.</summary>
public class FigureTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static int Series(Figure f) => XDocument.Parse(f.Svg!).Descendants(Svg + "g").Count(g => (string?)g.Attribute("class") == "series");

    [Fact]
    public void SvgFiguresParseAndHaveOneSeriesPerLine()
    {
        var r = ReportFixture.Load();
        var figures = ReportFigures.All(r).ToDictionary(f => f.Name);
        // Depth charts: three classes and the pooled set; label information exists for the pooled set only.
        Assert.Equal(4, Series(figures["depth-pattern-mean"]));
        Assert.Equal(4, Series(figures["depth-codeword-normalized"]));
        Assert.Equal(1, Series(figures["depth-label-information-mean"]));
        Assert.Equal(3, Series(figures["census"]));
        Assert.Equal(r.Taps.Count, Series(figures["unit-entropy"]));
        // Bootstrap bands for every line that has intervals, and the saturation depth where the pooled set has one.
        var depth = XDocument.Parse(figures["depth-pattern-mean"].Svg!);
        Assert.Equal(4, depth.Descendants(Svg + "g").Count(g => (string?)g.Attribute("class") == "band"));
        int? star = r.Findings.First(f => f.Measure == "pattern" && f.Statistic == "mean" && f.Set == "pooled").SaturationDepth;
        Assert.Equal(star is null ? 0 : 1, depth.Descendants(Svg + "g").Count(g => (string?)g.Attribute("class") == "saturation"));
        foreach (var f in figures.Values.Where(f => f.Svg is not null)) XDocument.Parse(f.Svg!);
    }

    [Fact]
    public void PngFiguresDecodeToTheirSize()
    {
        var r = ReportFixture.Load();
        var pngs = ReportFigures.All(r).Where(f => f.Png is not null).ToArray();
        // An activation map per class, the firing maps, a firing matrix per tap.
        Assert.Equal(r.Sets.Count(s => !s.IsPooled) + 1 + r.Taps.Count, pngs.Length);
        foreach (var f in pngs)
        {
            var image = PngDecoder.Decode(f.Png!);
            Assert.Equal((int)Math.Ceiling(f.Width * 2), image.Width);
            Assert.Equal((int)Math.Ceiling(f.Height * 2), image.Height);
        }
    }

    [Fact]
    public void ActivationMapFoldsEachTapOnItsOwnScale()
    {
        // One sample row: tap a = [0, 1, 2, 3] folds to 2×2 on [0, 3]; tap b = [10, 20] folds to 2×1 on [0, 20].
        var data = new ActivationMapData("t", null, ["a", "b"], [4, 2], [new ActivationRow("x", null, [[0, 1, 2, 3], [10, 20]])]);
        var (w, h) = ActivationMapFigure.Size(data);
        var canvas = new RasterCanvas(w, h, 1);
        ActivationMapFigure.Draw(canvas, data);
        var map = Colormap.Viridis;
        // Cells are 96 units wide at x = 104 and 104 + 106, from y = 62; a 2×2 grid fills its cell in 48-unit blocks.
        Assert.Equal(map.Map(0), canvas.Image[104 + 24, 62 + 24]);
        Assert.Equal(map.Map(1 / 3.0), canvas.Image[104 + 72, 62 + 24]);
        Assert.Equal(map.Map(2 / 3.0), canvas.Image[104 + 24, 62 + 72]);
        Assert.Equal(map.Map(1), canvas.Image[104 + 72, 62 + 72]);
        // A 2-unit tap folds to 2 columns × 1 row, centred: blocks of 48 units from y = 62 + 24.
        Assert.Equal(map.Map(0.5), canvas.Image[210 + 24, 62 + 48]);
        Assert.Equal(map.Map(1), canvas.Image[210 + 72, 62 + 48]);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(4, 2, 2)]
    [InlineData(5, 2, 3)]
    [InlineData(32, 6, 6)]
    [InlineData(512, 23, 23)]
    [InlineData(784, 28, 28)]
    public void FoldIsNearSquare(int n, int rows, int columns) => Assert.Equal((rows, columns), Heatmap.Fold(n));

    /// <summary>Three classes, six units: each unit's rates per class, column by column.</summary>
    private static readonly double[][] Rates =
    [
        [0.1, 0.9, 0.5, 0.0, 0.3, 1.0],
        [0.8, 0.2, 0.5, 0.0, 0.7, 1.0],
        [0.2, 0.1, 0.6, 0.0, 0.1, 1.0],
    ];

    [Fact]
    public void FiringMatrixGroupsUnitsByTheirPreferredClass()
    {
        // Independently: a unit's class is the argmax of its rates, none when all are equal; groups in class order
        // (none last), by that rate within a group, highest first.
        int Preferred(int u) => Rates.Select(r => r[u]).Distinct().Count() == 1 ? int.MaxValue : Enumerable.Range(0, 3).MaxBy(k => Rates[k][u]);
        int[] expected = [.. Enumerable.Range(0, 6).OrderBy(Preferred).ThenByDescending(u => Rates.Max(r => r[u])).ThenBy(u => u)];
        var order = FiringMatrixFigure.Order(Rates);
        Assert.Equal([1, 0, 4, 2, 5, 3], expected);
        Assert.Equal(expected, order.Order);
        Assert.Equal([(0, 0, 1), (1, 1, 2), (2, 3, 1), (-1, 4, 2)], order.Groups);

        var data = new FiringMatrixData("t", ["cat", "dog", "eel"], Rates);
        var svg = new SvgCanvas(FiringMatrixFigure.Width, FiringMatrixFigure.Height(data));
        FiringMatrixFigure.Draw(svg, data);
        string text = svg.ToSvg();
        // Rows labelled with the class names, in class order; each group named above its columns.
        string rows = System.Text.RegularExpressions.Regex.Match(text, "<g class=\"row-labels\">.*?</g>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        Assert.Equal(["cat", "dog", "eel"], System.Text.RegularExpressions.Regex.Matches(rows, ">([a-z]+)</text>").Select(m => m.Groups[1].Value));
        string groups = System.Text.RegularExpressions.Regex.Match(text, "<g class=\"groups\">.*?</g>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        Assert.Equal(["cat", "dog", "eel", "none"], System.Text.RegularExpressions.Regex.Matches(groups, ">([a-z]+)</text>").Select(m => m.Groups[1].Value));

        // The pixels: the matrix spans x 96..690 (99 per unit) and y 62..116 (18 per class); the first column is unit 1.
        var canvas = new RasterCanvas(FiringMatrixFigure.Width, FiringMatrixFigure.Height(data), 1);
        FiringMatrixFigure.Draw(canvas, data);
        for (int k = 0; k < 6; k++)
            for (int c = 0; c < 3; c++)
                Assert.Equal(Colormap.Viridis.Map(Rates[c][expected[k]]), canvas.Image[96 + 99 * k + 40, 62 + 18 * c + 9]);
    }

    [Fact]
    public void HistogramBinsCoverTheRangeWithTheTopInTheLastBin()
    {
        var counts = EntropyHistogramFigure.Counts([0, 0.049, 0.05, 0.5, 0.999, 1], 1);
        Assert.Equal(6, counts.Sum());
        Assert.Equal(2, counts[0]);
        Assert.Equal(1, counts[1]);
        Assert.Equal(1, counts[10]);
        Assert.Equal(2, counts[19]);
    }

    [Theory]
    [InlineData(0, 1, 0.2)]
    [InlineData(0, 0.37, 0.1)]
    [InlineData(0.2, 0.61, 0.1)]
    [InlineData(0, 980, 200)]
    [InlineData(-3, 3, 1)]
    public void TicksAreRoundSteps(double min, double max, double step)
    {
        var (lo, hi, s) = Ticks.Round(min, max);
        Assert.Equal(step, s, 12);
        Assert.True(lo <= min && hi >= max && hi - lo <= (max - min) + 2 * s);
        Assert.Equal(Math.Round(lo / s), lo / s, 9);
    }

    [Fact]
    public void TickLabelsUseTheInvariantCultureAndTheStepsDecimals()
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            // A culture that writes decimal commas (the process runs in invariant-globalization mode, so it is made by hand).
            var comma = (System.Globalization.CultureInfo)System.Globalization.CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            comma.NumberFormat.NumberGroupSeparator = ".";
            System.Globalization.CultureInfo.CurrentCulture = comma;
            Assert.Equal("0.25", Ticks.Label(0.25, 0.05));
            Assert.Equal("1.00", Ticks.Label(1, 0.05));
            Assert.Equal("0", Ticks.Label(-1e-17, 1));
            Assert.Equal("400", Ticks.Label(400, 200));
            Assert.Equal("0.001", Ticks.Compact(0.001));
            Assert.Equal("1.23E5", Ticks.Compact(123456));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void ResultsWithoutSamplesOrMeansStillDrawEveryOtherFigure()
    {
        // Files written before samples and mean activations were recorded, or with --samples 0.
        var r = ReportFixture.Make();
        var old = r with
        {
            Samples = null,
            Taps = [.. r.Taps.Select(t => t with { Sets = [.. t.Sets.Select(s => s.Units is null ? s : s with { Units = s.Units with { MeanActivation = null } })] })],
        };
        var names = ReportFigures.All(old).Select(f => f.Name).ToArray();
        Assert.DoesNotContain(names, n => n.StartsWith("activations-", StringComparison.Ordinal));
        Assert.Equal(ReportFigures.All(r).Count - 3, names.Length);
        Assert.DoesNotContain("id=\"activation-maps\"", ReportPage.Html(old), StringComparison.Ordinal);
    }

    [Fact]
    public void FiguresComeFromTheJsonAlone()
    {
        // The same figures from the result and from its JSON read back: rendering needs nothing but the record.
        var r = ReportFixture.Make();
        var back = AnalysisJson.Deserialize(AnalysisJson.Serialize(r), "analysis.json");
        var a = ReportFigures.All(r);
        var b = ReportFigures.All(back);
        Assert.Equal(a.Select(f => f.Name), b.Select(f => f.Name));
        for (int i = 0; i < a.Count; i++) Assert.Equal(a[i].Bytes(), b[i].Bytes());
    }
}
