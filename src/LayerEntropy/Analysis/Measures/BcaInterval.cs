namespace LayerEntropy.Analysis;

/// <summary>
/// The bias-corrected and accelerated (BCa) bootstrap interval of Efron (1987), MEASURES.md, uncertainty. The bias
/// correction z₀ = Φ⁻¹(share of the resamples' values below the estimate, ties counted half) measures how far the
/// resamples sit below (or above) the estimate; the acceleration a, from the jackknife (<see cref="Jackknife"/>),
/// how their spread changes with the value. The interval runs between the resamples' quantiles at
/// α₁,₂ = Φ(z₀ + (z₀ + z)/(1 − a(z₀ + z))) for z = Φ⁻¹(0.025), Φ⁻¹(0.975).
/// </summary>
internal static class BcaInterval
{
    /// <summary>The interval's coverage.</summary>
    public const double Level = 0.95;

    /// <summary>Codeword and binned entropy saturate when their normalised value reaches this share of log M.</summary>
    public const double SaturatedAt = 0.99;

    /// <summary>
    /// The interval of <paramref name="estimate"/> from its resamples' <paramref name="replicates"/> and the
    /// jackknife's <paramref name="acceleration"/>; <see cref="BootstrapInterval.Biased"/> where it would not hold the
    /// estimate (every resample on one side of it, or the correction moving the whole interval past it).
    /// </summary>
    public static BootstrapInterval Of(double estimate, IReadOnlyList<double> replicates, double acceleration)
    {
        // Resample values equal to the estimate come by other sums (another order, weights for repeats): equal to
        // within rounding counts as a tie.
        double tolerance = 1e-10 * Math.Max(1, Math.Abs(estimate));
        int below = 0, ties = 0;
        foreach (double r in replicates)
        {
            if (Math.Abs(r - estimate) <= tolerance) ties++;
            else if (r < estimate) below++;
        }
        double share = (below + 0.5 * ties) / replicates.Count;
        if (share <= 0 || share >= 1) return BootstrapInterval.Biased;
        double z0 = StandardNormal.Quantile(share), z = StandardNormal.Quantile((1 + Level) / 2);
        var sorted = replicates.Order().ToArray();
        double low = Quantile(sorted, Adjusted(z0, -z, acceleration)), high = Quantile(sorted, Adjusted(z0, z, acceleration));
        if (low > estimate + tolerance || high < estimate - tolerance) return BootstrapInterval.Biased;
        return new BootstrapInterval(Math.Min(low, estimate), Math.Max(high, estimate), null);
    }

    /// <summary>
    /// BCa's level Φ(z₀ + (z₀ + z)/(1 − a(z₀ + z))); where a(z₀ + z) reaches 1 the level is its limit from below,
    /// the far end (0 or 1).
    /// </summary>
    internal static double Adjusted(double z0, double z, double a)
    {
        double w = z0 + z, denominator = 1 - a * w;
        if (denominator <= 0) return w > 0 ? 1 : 0;
        return StandardNormal.Cdf(z0 + w / denominator);
    }

    /// <summary>
    /// The q-quantile of sorted values as the ((R + 1)q)-th of the R order statistics, interpolated linearly between
    /// them and held to the first and last (Hyndman and Fan's type 6; Davison and Hinkley's choice for bootstrap
    /// intervals, whose ends the usual type 7 draws inward, so that 200 resamples cover too rarely).
    /// </summary>
    internal static double Quantile(double[] sorted, double q)
    {
        double pos = Math.Clamp(q * (sorted.Length + 1), 1, sorted.Length) - 1;
        int lo = (int)Math.Floor(pos);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /// <summary>
    /// The acceleration a = Σ d³ / (6 (Σ d²)^{3/2}) with d = ū − u over leave-one-out values θ₍ᵢ₎ = C + uᵢ, given as
    /// distinct values <paramref name="u"/> with how many inputs share each (<paramref name="weights"/>); 0 where the
    /// jackknife values do not vary (beyond rounding).
    /// </summary>
    public static double Acceleration(IReadOnlyList<double> u, IReadOnlyList<long> weights)
    {
        double total = 0, mean = 0;
        for (int k = 0; k < u.Count; k++) { total += weights[k]; mean += weights[k] * u[k]; }
        if (total == 0) return 0;
        mean /= total;
        double s2 = 0, s3 = 0;
        for (int k = 0; k < u.Count; k++)
        {
            double d = mean - u[k];
            s2 += weights[k] * d * d;
            s3 += weights[k] * d * d * d;
        }
        // Values equal up to rounding have no skewness to measure; their d are rounding noise.
        return Math.Sqrt(s2 / total) > 1e-12 * (1 + Math.Abs(mean)) ? s3 / (6 * Math.Pow(s2, 1.5)) : 0;
    }
}
