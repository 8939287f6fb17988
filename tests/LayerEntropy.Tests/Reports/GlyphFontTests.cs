using LayerEntropy.Reports;

namespace LayerEntropy.Tests.Reports;

public class GlyphFontTests
{
    private static readonly GlyphFont Font = GlyphFont.DejaVuSans;

    public static TheoryData<char, bool, int> Advances => new()
    {
        // DejaVu Sans's advance widths in font units (2048 per em), regular and bold.
        { ' ', false, 651 }, { 'M', false, 1767 }, { '?', false, 1087 }, { 'ρ', false, 1300 }, { '₂', false, 821 }, { '0', false, 1303 },
        { ' ', true, 713 }, { 'M', true, 2038 }, { '?', true, 1188 }, { 'ρ', true, 1466 }, { '₂', true, 897 }, { '0', true, 1425 },
    };

    [Fact]
    public void EveryLabelCharacterIsInBothWeights()
    {
        var wanted = Enumerable.Range(32, 95).Select(c => (char)c).Concat("ρδτ≤≥×–—·²₂ℓ*→±…μσΣ");
        foreach (char c in wanted)
        {
            Assert.True(Font.Contains(c), $"regular lacks U+{(int)c:X4}");
            Assert.True(Font.Contains(c, bold: true), $"bold lacks U+{(int)c:X4}");
        }
        Assert.Equal(32, Font.PixelsPerEm);
        Assert.InRange(Font.Ascent, 0.9, 0.95); // 1901 / 2048
        Assert.InRange(Font.Descent, 0.23, 0.24); // 483 / 2048
    }

    [Theory]
    [MemberData(nameof(Advances))]
    public void AdvancesAreTheFontsOwn(char c, bool bold, int units) =>
        Assert.Equal(units / 2048.0, Font.Measure(c.ToString(), 1, bold), 12);

    [Fact]
    public void MeasureAddsAdvancesAndScalesWithSize()
    {
        double one = Font.Measure("Entropy H₂", 1);
        Assert.Equal(10 * one, Font.Measure("Entropy H₂", 10), 10);
        Assert.Equal(Font.Measure("Entropy", 12) + Font.Measure(" H₂", 12), Font.Measure("Entropy H₂", 12), 10);
        Assert.True(Font.Measure("Entropy", 12, bold: true) > Font.Measure("Entropy", 12));
        Assert.Equal(0, Font.Measure("", 12));
    }

    [Fact]
    public void UnknownCharactersStandInAsQuestionMarks()
    {
        Assert.False(Font.Contains('中'));
        Assert.Equal(Font.Measure("a?b", 10), Font.Measure("a中b", 10));
        Assert.Equal(Font.Measure("a?b", 10), Font.Measure("a😀b", 10)); // one code point outside the BMP: one '?'
        Assert.Same(Font.Find('?'), Font.Find('中'));
    }

    [Fact]
    public void GlyphsSitOnTheBaseline()
    {
        var x = Font.Find('x');
        Assert.True(x.Top < 0 && x.Top + x.Height is >= 0 and <= 1, "x stands on the baseline");
        var g = Font.Find('g');
        Assert.True(g.Top + g.Height > 4, "g descends below it");
        var space = Font.Find(' ');
        Assert.Equal(0, space.Width * space.Height);
        Assert.True(Font.Find('M').Coverage.Any(b => b == 255) && Font.Find('M').Coverage.Any(b => b is > 0 and < 255), "antialiased");
    }

    [Fact]
    public void IntegrateMatchesABruteForceBoxFilter()
    {
        var glyph = Font.Find('&');
        var random = new Random(17);
        for (int trial = 0; trial < 200; trial++)
        {
            double x0 = random.NextDouble() * (glyph.Width + 2) - 1, y0 = random.NextDouble() * (glyph.Height + 2) - 1;
            double x1 = x0 + random.NextDouble() * 6, y1 = y0 + random.NextDouble() * 6;
            double expected = 0;
            for (int y = 0; y < glyph.Height; y++)
                for (int x = 0; x < glyph.Width; x++)
                {
                    double overlap = Math.Max(0, Math.Min(x + 1, x1) - Math.Max(x, x0)) * Math.Max(0, Math.Min(y + 1, y1) - Math.Max(y, y0));
                    expected += overlap * glyph.Coverage[y * glyph.Width + x];
                }
            Assert.Equal(expected, glyph.Integrate(x0, y0, x1, y1), 6);
        }
    }

    [Fact]
    public void DamagedAtlasesAreRejected()
    {
        Assert.Throws<InvalidDataException>(() => GlyphFont.Parse("LEGX"u8));
        Assert.Throws<InvalidDataException>(() => GlyphFont.Parse("LEGF\u0001"u8));
    }
}
