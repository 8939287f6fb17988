using System.Xml.Linq;
using LayerEntropy.Analysis;
using LayerEntropy.Experiments;
using LayerEntropy.Reports;
using static LayerEntropy.Tests.Reports.SvgAxes;

namespace LayerEntropy.Tests.Reports;

/// <summary>The sweep and dynamics figures: each drawn exactly when its data is there, and known values where the axes put them.</summary>
public class ExperimentFigureTests
{
    private static Dictionary<string, XDocument> Svgs(IEnumerable<Figure> figures) => figures.ToDictionary(f => f.Name, f => Parse(f.Svg!));

    [Fact]
    public void SweepFiguresAppearExactlyWhenTheirDataIsThere()
    {
        var r = ExperimentFixture.Sweep();
        Assert.Equal(["sweep-accuracy", "sweep-saturation", "sweep-profiles-pattern-mean", "sweep-profiles-codeword-normalized"], SweepFigures.All(r).Select(f => f.Name));
        var svgs = Svgs(SweepFigures.All(r));
        Assert.Equal(2, Groups(svgs["sweep-accuracy"], "series").Length);
        // Three depths, each trained, reinit and shuffled labels.
        Assert.Equal(9, Groups(svgs["sweep-profiles-pattern-mean"], "series").Length);

        var plain = Svgs(SweepFigures.All(ExperimentFixture.Sweep(shuffled: false)));
        Assert.Single(Groups(plain["sweep-accuracy"], "series"));
        Assert.Equal(6, Groups(plain["sweep-profiles-pattern-mean"], "series").Length);

        // No seed with a saturation depth: nothing to plot there.
        var flat = r with { Depths = [.. r.Depths.Select(d => d with { Findings = [.. d.Findings.Select(f => f with { SaturationDepths = [.. f.SaturationDepths.Select(_ => (int?)null)] })] })] };
        Assert.DoesNotContain("sweep-saturation", SweepFigures.All(flat).Select(f => f.Name));
        // A measure whose pooled curves are all undefined draws no profile.
        var noCodeword = r with { Depths = [.. r.Depths.Select(d => d with { Curves = [.. d.Curves.Select(c => c.Measure == MeasureNames.Codeword ? c with { Layers = [.. c.Layers.Select(_ => (Spread?)null)] } : c)] })] };
        Assert.DoesNotContain("sweep-profiles-codeword-normalized", SweepFigures.All(noCodeword).Select(f => f.Name));
        Assert.Empty(SweepFigures.All(r with { Depths = [] }));
    }

    [Fact]
    public void SweepAccuracyPutsTheMeanAndTheBarsWhereTheAxesSay()
    {
        var svg = Svgs(SweepFigures.All(ExperimentFixture.Sweep(shuffled: false)))["sweep-accuracy"];
        var x = Groups(svg, "x-axis").Single();
        var y = Groups(svg, "y-axis").Single();
        Assert.Equal(["1", "2", "3"], TickLabels(x, x: true).Select(t => t.Label));
        // Depth 2: seeds at 95 and 97 %, mean 96.
        var trained = Series(svg, "trained: mean over seeds, bars min–max");
        HasPoint(Circles(trained), X(x, "2"), Y(y, 96));
        HasPoint(Circles(trained), X(x, "1"), Y(y, 91));
        var bars = Groups(svg, "error-bars").Single().Elements(Svg + "line")
            .Select(l => (X1: D(l.Attribute("x1")!), Y1: D(l.Attribute("y1")!), X2: D(l.Attribute("x2")!), Y2: D(l.Attribute("y2")!)));
        Assert.Contains(bars, b => Math.Abs(b.X1 - X(x, "2")) < 0.011 && b.X1 == b.X2 && Math.Abs(b.Y1 - Y(y, 95)) < 0.011 && Math.Abs(b.Y2 - Y(y, 97)) < 0.011);
    }

    [Fact]
    public void SweepSaturationShowsEachSeedTheMedianAndTheDiagonal()
    {
        var svg = Svgs(SweepFigures.All(ExperimentFixture.Sweep()))["sweep-saturation"];
        var x = Groups(svg, "x-axis").Single();
        var y = Groups(svg, "y-axis").Single();
        // Medians over seeds × classes: depth 1 has none (the line breaks), depth 2 of {2, 1, 2, 1} is 1.5, depth 3 of {2, 3, 2, 3} is 2.5.
        var median = Circles(Series(svg, "median ℓ* over seeds × classes, trained"));
        Assert.Equal(2, median.Length);
        HasPoint(median, X(x, "2"), Y(y, 1.5));
        HasPoint(median, X(x, "3"), Y(y, 2.5));
        HasPoint(Circles(Series(svg, "the same, reinit control")), X(x, "3"), Y(y, 1.5));
        // Every seed's median over its classes as a dot, the two seeds of a depth set apart either side of it.
        var dots = Circles(Series(svg, "median ℓ* over the classes, each seed"));
        Assert.Equal(4, dots.Length);
        double unit = X(x, "3") - X(x, "2");
        HasPoint(dots, X(x, "3") - 0.03 * unit, Y(y, 2));
        HasPoint(dots, X(x, "3") + 0.03 * unit, Y(y, 3));
        Assert.Empty(Series(svg, "median ℓ* over the classes, each seed").Elements(Svg + "polyline"));
        // y = x runs through (1, 1) and (3, 3).
        var diagonal = Series(svg, "y = x: every layer carries the drop").Element(Svg + "polyline")!.Attribute("points")!.Value.Split(' ')
            .Select(p => p.Split(',')).Select(p => (double.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        double slope = (diagonal[1].Item2 - diagonal[0].Item2) / (diagonal[1].Item1 - diagonal[0].Item1);
        Assert.Equal((Y(y, 3) - Y(y, 1)) / (X(x, "3") - X(x, "1")), slope, 2);
        Assert.Equal(Y(y, 1), diagonal[0].Item2 + (X(x, "1") - diagonal[0].Item1) * slope, 1);
    }

    [Fact]
    public void SweepProfilesDrawEveryDepthsMeanCurve()
    {
        var svg = Svgs(SweepFigures.All(ExperimentFixture.Sweep()))["sweep-profiles-pattern-mean"];
        var x = Groups(svg, "x-axis").Single();
        var y = Groups(svg, "y-axis").Single();
        // The 3-layer head's trained curve: seeds 1 − 0.2·l and that plus 0.01, so means 0.805, 0.605, 0.405.
        var trained = Circles(Series(svg, "3 trained"));
        Assert.Equal(3, trained.Length);
        foreach (int l in new[] { 1, 2, 3 }) HasPoint(trained, X(x, l.ToString(System.Globalization.CultureInfo.InvariantCulture)), Y(y, 1 - 0.2 * l + 0.005));
        // The reinit curve is a light dashed line without markers, in the depth's colour.
        var reinit = Series(svg, "3 reinit");
        Assert.Empty(reinit.Elements(Svg + "circle"));
        var line = reinit.Element(Svg + "polyline")!;
        Assert.NotNull(line.Attribute("stroke-dasharray"));
        Assert.Equal((string?)Series(svg, "3 trained").Element(Svg + "polyline")!.Attribute("stroke"), (string?)line.Attribute("stroke"));
        Assert.Equal("0.5", (string?)line.Attribute("stroke-opacity"));
        // The 1-layer head has one point, so a marker and no line.
        Assert.Empty(Series(svg, "1 trained").Elements(Svg + "polyline"));
        Assert.Single(Series(svg, "1 trained").Elements(Svg + "circle"));
        Assert.Single(Series(svg, "1 shuffled labels").Elements(Svg + "rect"));
    }

    [Fact]
    public void DynamicsFiguresAppearPerMeasureTheTrainedRunHas()
    {
        var r = ExperimentFixture.Dynamics();
        Assert.Equal(["dynamics-pattern-mean", "dynamics-codeword-normalized"], DynamicsFigures.All(r).Select(f => f.Name));
        var svg = Svgs(DynamicsFigures.All(r))["dynamics-pattern-mean"];
        // Two panels: train and test accuracy, then one line per tap; each for the trained run and its twin.
        Assert.Equal(2, Groups(svg, "y-axis").Length);
        Assert.Equal(8, Groups(svg, "series").Length);
        Assert.Equal(4, Groups(Svgs(DynamicsFigures.All(ExperimentFixture.Dynamics(twin: false)))["dynamics-pattern-mean"], "series").Length);

        var trained = r.Runs[0];
        var noCodeword = r with { Runs = [trained with { Checkpoints = [.. trained.Checkpoints.Select(c => c with { Findings = [.. c.Findings.Where(f => f.Measure != MeasureNames.Codeword)] })] }, r.Runs[1]] };
        Assert.Equal(["dynamics-pattern-mean"], DynamicsFigures.All(noCodeword).Select(f => f.Name));
        Assert.Empty(DynamicsFigures.All(r with { Runs = [r.Runs[1]] }));
    }

    [Fact]
    public void DynamicsPanelsShareTheEpochAxis()
    {
        var figure = DynamicsFigures.All(ExperimentFixture.Dynamics()).First(f => f.Name == "dynamics-pattern-mean");
        var svg = Parse(figure.Svg!);
        var axes = Groups(svg, "x-axis");
        Assert.Equal(2, axes.Length);
        var x = axes[1];
        Assert.Equal(["0", "1", "2"], TickLabels(x, x: true).Select(t => t.Label));
        // The top panel's ticks stand at the same x as the bottom panel's labelled ones.
        var topTicks = axes[0].Elements(Svg + "line").Skip(1).Select(l => D(l.Attribute("x1")!)).ToArray();
        Assert.Equal(TickLabels(x, x: true).Select(t => t.At), topTicks);
        var (top, bottom) = (Groups(svg, "y-axis")[0], Groups(svg, "y-axis")[1]);
        // Epoch 1: test accuracy 90 %, pooled pattern entropy 0.5 at fc2 and 0.7 at fc1.
        HasPoint(Circles(Series(svg, "test, trained")), X(x, "1"), Y(top, 90));
        HasPoint(Circles(Series(svg, "fc2")), X(x, "1"), Y(bottom, 0.5));
        HasPoint(Circles(Series(svg, "fc1")), X(x, "2"), Y(bottom, 0.65));
        Assert.NotNull(Series(svg, "fc2, shuffled labels").Element(Svg + "polyline")!.Attribute("stroke-dasharray"));
        // The caption gives ρ per tap for the trained run, pooled set.
        Assert.Contains("fc1 -0.50, fc2 -1.00", figure.Caption, StringComparison.Ordinal);
        Assert.Contains("fc1 undefined, fc2 -0.75", DynamicsFigures.All(ExperimentFixture.Dynamics())[1].Caption, StringComparison.Ordinal);
    }
}
