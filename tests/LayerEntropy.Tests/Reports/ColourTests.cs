using LayerEntropy.Reports;

namespace LayerEntropy.Tests.Reports;

public class ColourTests
{
    /// <summary>Entries of matplotlib's _cm_listed.py, as published (index, r, g, b in 0..1).</summary>
    public static TheoryData<string, int, double, double, double> Published => new()
    {
        { "viridis", 0, 0.267004, 0.004874, 0.329415 },
        { "viridis", 64, 0.229739, 0.322361, 0.545706 },
        { "viridis", 128, 0.127568, 0.566949, 0.550556 },
        { "viridis", 200, 0.440137, 0.811138, 0.340967 },
        { "viridis", 255, 0.993248, 0.906157, 0.143936 },
        { "cividis", 0, 0.000000, 0.135112, 0.304751 },
        { "cividis", 64, 0.263738, 0.307831, 0.422789 },
        { "cividis", 128, 0.488697, 0.485318, 0.471008 },
        { "cividis", 200, 0.769353, 0.707035, 0.408516 },
        { "cividis", 255, 0.995737, 0.909344, 0.217772 },
    };

    private static Colormap Named(string name) => name == "viridis" ? Colormap.Viridis : Colormap.Cividis;

    private static byte To8Bit(double v) => (byte)Math.Round(v * 255);

    [Theory]
    [MemberData(nameof(Published))]
    public void TablesHoldThePublishedValuesTo8Bits(string map, int index, double r, double g, double b) =>
        Assert.Equal(new Rgba(To8Bit(r), To8Bit(g), To8Bit(b)), Named(map)[index]);

    [Theory]
    [InlineData("viridis")]
    [InlineData("cividis")]
    public void MapClampsToTheEndsAndBinsLikeMatplotlib(string name)
    {
        var map = Named(name);
        Assert.Equal(map[0], map.Map(0));
        Assert.Equal(map[0], map.Map(-3));
        Assert.Equal(map[255], map.Map(1));
        Assert.Equal(map[255], map.Map(double.PositiveInfinity));
        Assert.Equal(map[128], map.Map(0.5));
        Assert.Equal(map[127], map.Map(0.4999));
        Assert.Equal(map[1], map.Map(1.5 / 256));
        Assert.Equal(Colormap.Missing, map.Map(double.NaN));
        Assert.DoesNotContain(Colormap.Missing, Enumerable.Range(0, Colormap.Size).Select(i => map[i]));
    }

    [Theory]
    [InlineData("viridis")]
    [InlineData("cividis")]
    public void LuminanceRisesWithT(string name)
    {
        var map = Named(name);
        double[] luminance = Enumerable.Range(0, 101).Select(i => Luminance(map.Map(i / 100.0))).ToArray();
        for (int i = 1; i < luminance.Length; i++)
            Assert.True(luminance[i] > luminance[i - 1], $"{name}: luminance falls from t={(i - 1) / 100.0} to t={i / 100.0}");
        // Neighbouring entries may tie after rounding to 8 bits, but never fall by a visible amount.
        for (int i = 1; i < Colormap.Size; i++)
            Assert.True(Luminance(map[i]) > Luminance(map[i - 1]) - 0.001, $"{name}: entry {i}");
    }

    [Fact]
    public void OkabeItoHasItsEightColoursInOrder()
    {
        string[] expected = ["#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7", "#000000"];
        Assert.Equal(expected, Palette.OkabeIto.Select(c => c.Hex));
        Assert.All(Palette.OkabeIto, c => Assert.Equal(255, c.A));
        Assert.DoesNotContain(Palette.Pooled, Palette.OkabeIto);
        Assert.Equal(Palette.Pooled.R, Palette.Pooled.G);
        Assert.Equal(Palette.Pooled.G, Palette.Pooled.B);
    }

    [Fact]
    public void SeriesPastEightRepeatTheColoursButDifferInDashAndCycle()
    {
        var styles = Enumerable.Range(0, 24).Select(Palette.Series).ToArray();
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(new SeriesStyle(Palette.OkabeIto[i], false, 0), styles[i]);
            Assert.Equal(new SeriesStyle(Palette.OkabeIto[i], true, 1), styles[i + 8]);
            Assert.Equal(new SeriesStyle(Palette.OkabeIto[i], false, 2), styles[i + 16]);
        }
        Assert.Equal(24, styles.Distinct().Count());
        Assert.Throws<ArgumentOutOfRangeException>(() => Palette.Series(-1));
    }

    /// <summary>WCAG relative luminance of an sRGB colour.</summary>
    private static double Luminance(Rgba c)
    {
        static double Linear(byte v)
        {
            double s = v / 255.0;
            return s <= 0.04045 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * Linear(c.R) + 0.7152 * Linear(c.G) + 0.0722 * Linear(c.B);
    }
}
