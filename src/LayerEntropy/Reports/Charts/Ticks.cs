using System.Globalization;

namespace LayerEntropy.Reports;

/// <summary>Axis ticks at round steps (1, 2 or 5 × 10ᵏ) and their labels.</summary>
internal static class Ticks
{
    /// <summary>The round step that splits [min, max] into about <paramref name="target"/> intervals.</summary>
    public static double Step(double min, double max, int target = 5)
    {
        double span = max - min;
        if (!(span > 0) || !double.IsFinite(span)) return 1;
        double raw = span / Math.Max(1, target);
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double f = raw / magnitude;
        return magnitude * (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10);
    }

    /// <summary>The range widened outwards to whole steps, so the axis starts and ends on a tick.</summary>
    public static (double Min, double Max, double Step) Round(double min, double max, int target = 5)
    {
        if (!(max > min))
        {
            double pad = min == 0 ? 1 : Math.Abs(min) * 0.1;
            (min, max) = (min - pad, max + pad);
        }
        double step = Step(min, max, target);
        return (Math.Floor(min / step + 1e-9) * step, Math.Ceiling(max / step - 1e-9) * step, step);
    }

    /// <summary>Tick values from <paramref name="min"/> to <paramref name="max"/> (both on the step grid).</summary>
    public static double[] Values(double min, double max, double step)
    {
        int count = (int)Math.Round((max - min) / step) + 1;
        return [.. Enumerable.Range(0, Math.Clamp(count, 1, 100)).Select(i => Math.Round((min + i * step) / step) * step)];
    }

    /// <summary>A tick label with as many decimals as the step needs, in the invariant culture ("0.25", "10", "-0.5").</summary>
    public static string Label(double value, double step)
    {
        int decimals = Math.Clamp((int)Math.Ceiling(-Math.Log10(step) - 1e-9), 0, 6);
        string s = value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return s.StartsWith('-') && s.Trim('-', '0', '.').Length == 0 ? s[1..] : s;
    }

    /// <summary>A number for a colour bar or a table: up to 3 significant digits, no exponent for everyday sizes.</summary>
    public static string Compact(double value)
    {
        if (value == 0) return "0";
        double a = Math.Abs(value);
        if (a >= 1e5 || a < 1e-3) return value.ToString("0.##E0", CultureInfo.InvariantCulture);
        int decimals = Math.Clamp(2 - (int)Math.Floor(Math.Log10(a)), 0, 5);
        return Math.Round(value, decimals).ToString("0." + new string('#', Math.Max(decimals, 1)), CultureInfo.InvariantCulture);
    }
}
