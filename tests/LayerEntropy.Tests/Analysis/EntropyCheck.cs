namespace LayerEntropy.Tests.Analysis;

/// <summary>
/// The one comparison every measure test uses, and independent references for the measures of MEASURES.md:
/// entropies summed term by term as −q log₂ q and mutual information from a joint table, written without the code
/// under test so the two can disagree.
/// </summary>
internal static class EntropyCheck
{
    /// <summary>Closed forms: a handful of double roundings of numbers of order 1 to 20 bits.</summary>
    public const double Atol = 1e-12;

    /// <summary>Relative slack of the closed forms, against |reference|.</summary>
    public const double Rtol = 1e-12;

    /// <summary>Asserts |actual − expected| ≤ atol + rtol·|expected|; a null, NaN or infinite actual always fails.</summary>
    public static void AssertClose(double expected, double? actual, string what, double atol = Atol, double rtol = Rtol)
    {
        if (actual is not double value || !double.IsFinite(value))
        {
            Assert.Fail($"{what}: got {(actual is null ? "null" : actual.Value.ToString("R"))}, reference {expected:R}");
            return;
        }
        double error = Math.Abs(value - expected), allowed = atol + rtol * Math.Abs(expected);
        if (!(error <= allowed))
            Assert.Fail($"{what}: got {value:R}, reference {expected:R} (error {error:G3}, allowed {allowed:G3})");
    }

    /// <summary>Asserts lo − slack ≤ actual ≤ hi + slack; a null or NaN actual fails.</summary>
    public static void AssertWithin(double lo, double hi, double? actual, string what, double slack = 0)
    {
        if (actual is not double value || !(value >= lo - slack && value <= hi + slack))
            Assert.Fail($"{what}: got {(actual is null ? "null" : actual.Value.ToString("R"))}, expected within [{lo:R}, {hi:R}] (slack {slack:G3})");
    }

    /// <summary>H = −Σ q log₂ q with q = w / Σw, summed term by term (0 log 0 = 0); 0 for no mass.</summary>
    public static double EntropyOf(IEnumerable<double> weights)
    {
        double[] w = [.. weights];
        double total = w.Sum();
        if (total <= 0) return 0;
        double h = 0;
        foreach (double x in w)
            if (x > 0) h -= x / total * Math.Log2(x / total);
        return h;
    }

    /// <summary>h(k/m) of a unit that fires on k of m inputs, as the entropy of the two counts.</summary>
    public static double BinaryEntropy(long k, long m) => EntropyOf([k, m - k]);

    /// <summary>
    /// I(S; C) = Σ_{s,c} p(s,c) log₂ (p(s,c) / (p(s) p(c))) from a table of joint counts n[s, c].
    /// </summary>
    public static double MutualInformation(long[,] joint)
    {
        int rows = joint.GetLength(0), cols = joint.GetLength(1);
        double total = 0;
        var row = new double[rows];
        var col = new double[cols];
        for (int s = 0; s < rows; s++)
            for (int c = 0; c < cols; c++) { row[s] += joint[s, c]; col[c] += joint[s, c]; total += joint[s, c]; }
        double info = 0;
        for (int s = 0; s < rows; s++)
            for (int c = 0; c < cols; c++)
                if (joint[s, c] > 0)
                    info += joint[s, c] / total * Math.Log2(joint[s, c] * total / (row[s] * col[c]));
        return info;
    }
}
