using System.Runtime.CompilerServices;

namespace LayerEntropy.Reports;

/// <summary>
/// Checks shared by the canvases. A NaN or infinite coordinate is a charting bug (an unguarded empty range, say):
/// SVG would silently drop the mark and the rasteriser would draw garbage, so both refuse it instead.
/// </summary>
internal static class CanvasArguments
{
    public static void Finite(double value, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(name, value, "must be a finite number");
    }

    public static void Finite(
        double a, double b, double c,
        [CallerArgumentExpression(nameof(a))] string aName = "",
        [CallerArgumentExpression(nameof(b))] string bName = "",
        [CallerArgumentExpression(nameof(c))] string cName = "")
    {
        Finite(a, aName);
        Finite(b, bName);
        Finite(c, cName);
    }

    public static void Finite(
        double a, double b, double c, double d,
        [CallerArgumentExpression(nameof(a))] string aName = "",
        [CallerArgumentExpression(nameof(b))] string bName = "",
        [CallerArgumentExpression(nameof(c))] string cName = "",
        [CallerArgumentExpression(nameof(d))] string dName = "")
    {
        Finite(a, b, c, aName, bName, cName);
        Finite(d, dName);
    }

    public static void Finite(IReadOnlyList<Point> points, [CallerArgumentExpression(nameof(points))] string name = "")
    {
        ArgumentNullException.ThrowIfNull(points, name);
        for (int i = 0; i < points.Count; i++)
            if (!double.IsFinite(points[i].X) || !double.IsFinite(points[i].Y))
                throw new ArgumentOutOfRangeException(name, points[i], $"point {i} must have finite coordinates");
    }

    public static void Size(double width, double height)
    {
        if (!double.IsFinite(width) || width <= 0) throw new ArgumentOutOfRangeException(nameof(width), width, "must be positive");
        if (!double.IsFinite(height) || height <= 0) throw new ArgumentOutOfRangeException(nameof(height), height, "must be positive");
    }

    /// <summary>The dash and gap lengths of a dashed stroke: 4 and 3 stroke widths, as <see cref="ICanvas.Line"/> promises.</summary>
    public static (double Dash, double Gap) DashPattern(double strokeWidth) => (4 * strokeWidth, 3 * strokeWidth);
}
