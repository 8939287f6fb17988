using System.Globalization;
using static LayerEntropy.Analysis.MeasureNames;

namespace LayerEntropy.Analysis;

/// <summary>
/// The analysis's headline: what the mean pattern entropy does with depth, in plain clauses joined by "; ". Per class
/// (the paper's input set): whether it falls, after which tap it levels off (the median ℓ* over the classes whose curve
/// falls) and how many classes never rise; then what the pooled curve does, stated as it is. For example "per class,
/// pattern entropy falls over fc1_act–fc4_act and levels off after fc4_act (ℓ* = 4 of 5 FC layers, the median over
/// all 10 classes); 3 of 10 classes never rise, the others first rise at fc4_act or fc5_act; pooled, it stays within
/// 0.65–0.80 bits per unit".
/// </summary>
/// <remarks>
/// A curve falls (or rises) when its last value is more than <see cref="ControlVerdict.DifferenceBits"/> bits per unit
/// below (above) its first; less is no change. Where the number of falling classes is even, the median ℓ* is the lower
/// of the two middle values, so that it names a tap by which at least half of those classes level off. The pooled
/// curve falls (rises) steadily when, besides, no step goes the other way by more than that margin; it "stays within"
/// its range when it does neither and the range is at most a quarter of its highest value; otherwise it falls (rises)
/// "not steadily" when the change from first to last is more than half its range, and else goes up and down.
/// </remarks>
internal static class FindingSentence
{
    /// <param name="findings">The depth findings; only the mean pattern entropy's are read.</param>
    /// <param name="sets">The input sets, to tell the classes from the pooled set.</param>
    /// <param name="taps">The taps' names in depth order.</param>
    /// <param name="noun">What the taps are called: "FC layers", or "tapped layers" where they are not the hidden FC layers.</param>
    public static string Of(IReadOnlyList<DepthFinding> findings, IReadOnlyList<InputSet> sets, IReadOnlyList<string> taps,
        EntropyUnit unit = EntropyUnit.Bits, string noun = AnalysisState.FcLayers)
    {
        var pattern = findings.Where(f => f.Key == MeasureKey.PatternMean).ToArray();
        var classes = pattern.Where(f => sets.FirstOrDefault(s => s.Name == f.Set) is { IsPooled: false } && f.Monotonic is not null).ToArray();
        var pooled = pattern.FirstOrDefault(f => f.Set == InputSet.PooledName && f.Monotonic is not null);
        int layers = taps.Count;
        if (layers < 2 || (pooled is null && classes.Length == 0))
            return $"{layers} tap{(layers == 1 ? "" : "s")} analysed; depth findings need at least two taps with inputs";
        var text = new Text(taps, Entropy.In(unit, ControlVerdict.DifferenceBits), unit == EntropyUnit.Nats ? "nats per unit" : "bits per unit", noun);
        var clauses = new List<string>();
        if (classes.Length > 0) clauses.AddRange(text.PerClass(classes));
        if (pooled is not null) clauses.Add(text.Pooled(pooled, classes.Length > 0 ? "pooled, it" : "pooled, pattern entropy"));
        return string.Join("; ", clauses);
    }

    /// <summary>The median of the saturation depths, the lower middle value when their number is even.</summary>
    internal static int LowerMedian(IEnumerable<int> depths)
    {
        int[] sorted = [.. depths.Order()];
        return sorted[(sorted.Length - 1) / 2];
    }

    private sealed record Text(IReadOnlyList<string> Taps, double Margin, string Units, string Noun)
    {
        private string First => Taps[0];
        private string Last => Taps[^1];

        private static double Drop(DepthFinding f) => f.Values[0]!.Value - f.Values[^1]!.Value;

        public IEnumerable<string> PerClass(DepthFinding[] classes)
        {
            int all = classes.Length;
            var falling = classes.Where(f => Drop(f) > Margin && f.SaturationDepth is not null).ToArray();
            int rising = classes.Count(f => Drop(f) < -Margin);
            int flat = all - falling.Length - rising;
            if (2 * falling.Length > all)
            {
                int star = LowerMedian(falling.Select(f => f.SaturationDepth!.Value));
                string over = falling.Length < all ? $"the {falling.Length} of {Classes(all)} whose curve falls" : all == 1 ? "the 1 class" : $"all {all} classes";
                string where = star == 1 ? $"falls in small steps all the way from {First} to {Last}"
                    : star < Taps.Count ? $"falls over {First}–{Taps[star - 1]} and levels off after {Taps[star - 1]}"
                    : $"falls over {First}–{Last} without levelling off";
                yield return $"per class, pattern entropy {where} (ℓ* = {star} of {Taps.Count} {Noun}, the median over {over})";
                yield return NeverRise(classes);
            }
            else if (2 * rising > all)
                yield return $"per class, pattern entropy rises: it is higher at {Last} than at {First} in {rising} of {Classes(all)}";
            else if (2 * flat > all)
                yield return $"per class, pattern entropy stays level: from {First} to {Last} it changes by at most {N(Margin)} {Units} in {flat} of {Classes(all)}";
            else
                yield return $"per class, pattern entropy shows no common trend: from {First} to {Last} it falls in {falling.Length}, rises in {rising} "
                    + $"and changes by at most {N(Margin)} {Units} in {flat} of {Classes(all)}";
        }

        /// <summary>How many classes never rise from one tap to the next, and where the others first do.</summary>
        private string NeverRise(DepthFinding[] classes)
        {
            int never = classes.Count(f => f.Monotonic == true);
            var breaks = classes.Where(f => f.FirstBreak is not null).Select(f => f.FirstBreak!.Value).Distinct().Order().Select(b => Taps[b - 1]).ToArray();
            string at = breaks.Length <= 1 ? string.Concat(breaks) : $"{string.Join(", ", breaks[..^1])} or {breaks[^1]}";
            return never == classes.Length ? "no class rises from one layer to the next"
                : never == 0 ? $"every class rises at some layer (first at {at})"
                : never == classes.Length - 1 ? $"{never} of {Classes(classes.Length)} never rise, the other first rises at {at}"
                : $"{never} of {Classes(classes.Length)} never rise, the others first rise at {at}";
        }

        public string Pooled(DepthFinding f, string subject)
        {
            var v = f.Values.Select(x => x!.Value).ToArray();
            double lo = v.Min(), hi = v.Max(), drop = Drop(f);
            bool noRise = true, noFall = true;
            for (int l = 0; l + 1 < v.Length; l++)
            {
                noRise &= v[l + 1] - v[l] <= Margin;
                noFall &= v[l] - v[l + 1] <= Margin;
            }
            if (drop > Margin && noRise)
            {
                string end = f.SaturationDepth switch
                {
                    1 => $" in small steps all the way (ℓ* = 1 of {Taps.Count} {Noun})",
                    int star when star < Taps.Count => $" and levels off after {Taps[star - 1]} (ℓ* = {star} of {Taps.Count} {Noun})",
                    _ => $" without levelling off (ℓ* = {Taps.Count} of {Taps.Count} {Noun})",
                };
                return $"{subject} falls from {N(v[0])} to {N(v[^1])} {Units}{end}";
            }
            if (-drop > Margin && noFall) return $"{subject} rises from {N(v[0])} to {N(v[^1])} {Units}";
            if (hi - lo <= Math.Max(Margin, hi / 4))
                return N(lo) == N(hi) ? $"{subject} stays at {N(lo)} {Units}" : $"{subject} stays within {N(lo)}–{N(hi)} {Units}";
            if (Math.Abs(drop) > Math.Max(Margin, (hi - lo) / 2))
            {
                int against = Enumerable.Range(1, v.Length - 1).First(l => drop > 0 ? v[l] - v[l - 1] > Margin : v[l - 1] - v[l] > Margin);
                return $"{subject} {(drop > 0 ? "falls" : "rises")} from {N(v[0])} to {N(v[^1])} {Units}, not steadily (it {(drop > 0 ? "rises" : "falls")} at {Taps[against]})";
            }
            return $"{subject} goes up and down between {N(lo)} and {N(hi)} {Units} ({N(v[0])} at {First}, {N(v[^1])} at {Last})";
        }

        private static string Classes(int n) => n == 1 ? "1 class" : $"{n} classes";

        private static string N(double x) => x.ToString("0.00", CultureInfo.InvariantCulture);
    }
}
