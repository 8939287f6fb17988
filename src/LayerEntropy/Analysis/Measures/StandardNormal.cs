namespace LayerEntropy.Analysis;

/// <summary>The standard normal distribution's Φ and Φ⁻¹ in double precision, for the BCa interval's levels.</summary>
internal static class StandardNormal
{
    private static readonly double SqrtTwoPi = Math.Sqrt(2 * Math.PI);

    /// <summary>Φ(x), by Hart's algorithm 5666 as given by West (2005): about 15 correct digits.</summary>
    public static double Cdf(double x)
    {
        double z = Math.Abs(x), tail;
        if (z > 37) tail = 0;
        else
        {
            double e = Math.Exp(-z * z / 2);
            if (z < 7.07106781186547)
            {
                double n = ((((((0.0352624965998911 * z + 0.700383064443688) * z + 6.37396220353165) * z + 33.912866078383) * z
                    + 112.079291497871) * z + 221.213596169931) * z) + 220.206867912376;
                double d = (((((((0.0883883476483184 * z + 1.75566716318264) * z + 16.064177579207) * z + 86.7807322029461) * z
                    + 296.564248779674) * z + 637.333633378831) * z + 793.826512519948) * z) + 440.413735824752;
                tail = e * n / d;
            }
            else
            {
                double b = z + 0.65;
                b = z + 1 / b;
                b = z + 2 / b;
                b = z + 3 / b;
                b = z + 4 / b;
                tail = e / b / 2.506628274631;
            }
        }
        return x > 0 ? 1 - tail : tail;
    }

    /// <summary>
    /// Φ⁻¹(p) for 0 &lt; p &lt; 1: Acklam's rational approximation (relative error below 1.2·10⁻⁹) refined by one
    /// Halley step on <see cref="Cdf"/>; ±∞ at 0 and 1.
    /// </summary>
    public static double Quantile(double p)
    {
        if (p <= 0) return double.NegativeInfinity;
        if (p >= 1) return double.PositiveInfinity;
        const double low = 0.02425;
        double x;
        if (p < low) x = Tail(Math.Sqrt(-2 * Math.Log(p)));
        else if (p > 1 - low) x = -Tail(Math.Sqrt(-2 * Math.Log(1 - p)));
        else
        {
            double q = p - 0.5, r = q * q;
            x = (((((-3.969683028665376e+01 * r + 2.209460984245205e+02) * r - 2.759285104469687e+02) * r + 1.383577518672690e+02) * r
                - 3.066479806614716e+01) * r + 2.506628277459239e+00) * q
                / (((((-5.447609879822406e+01 * r + 1.615858368580409e+02) * r - 1.556989798598866e+02) * r + 6.680131188771972e+01) * r
                - 1.328068155288572e+01) * r + 1);
        }
        double u = (Cdf(x) - p) * SqrtTwoPi * Math.Exp(x * x / 2);
        return x - u / (1 + x * u / 2);
    }

    /// <summary>Acklam's lower-tail form in q = √(−2 ln p).</summary>
    private static double Tail(double q) =>
        (((((-7.784894002430293e-03 * q - 3.223964580411365e-01) * q - 2.400758277161838e+00) * q - 2.549732539343734e+00) * q
            + 4.374664141464968e+00) * q + 2.938163982698783e+00)
        / ((((7.784695709041462e-03 * q + 3.224671290700398e-01) * q + 2.445134137142996e+00) * q + 3.754408661907416e+00) * q + 1);
}
