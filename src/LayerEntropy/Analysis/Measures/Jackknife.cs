using System.Buffers;
using System.Runtime.InteropServices;
using LayerEntropy.Tensors;
using static LayerEntropy.Analysis.MeasureNames;

namespace LayerEntropy.Analysis;

/// <summary>
/// The BCa acceleration of every measure of one tap and set from the jackknife (MEASURES.md, uncertainty), without M
/// recomputations: a leave-one-out value depends only on the left-out input's record, so it is computed once per
/// distinct record and weighted by how many inputs share it. pattern and label-information read the record's firing
/// pattern (with its class for label-information): leaving an input out moves each unit's count by 1 where it fires,
/// so the value is a constant plus a sum of per-unit changes over the pattern's set bits
/// (<see cref="JackknifeKernels.MaskedSum"/>). codeword and binned read only the size n of the input's group:
/// Σ n log n loses n log n − (n−1) log(n−1). magnitude reads the input's H(x). Records are taken in order of first
/// appearance in the set's (dataset) order, so merged parts give the single run's numbers.
/// </summary>
internal static class Jackknife
{
    /// <summary>Above this many masked additions, the records of a pattern jackknife are shared out over the threads.</summary>
    private const long ParallelAbove = 1 << 20;

    /// <summary>The acceleration of each statistic, keyed by (measure, statistic) as <see cref="SetMeasures.Compute"/> names them; empty for fewer than 2 inputs.</summary>
    /// <param name="members">The set's input positions in dataset order.</param>
    /// <param name="content">The set's contents.</param>
    /// <param name="labels">Every input position's class.</param>
    /// <param name="classes">The pooled set's classes (firing, count), for label-information; null for a class set.</param>
    /// <param name="binned">Each input position's binned vector number for this set (own or pooled range) and how many there are; null without binned.</param>
    public static Dictionary<MeasureKey, double> Accelerations(TapAccumulator tap, int[] members, SetContent content,
        IReadOnlyList<int> labels, IReadOnlyList<(long[] Firing, long Count)>? classes, (int[] Numbers, int Count)? binned)
    {
        var result = new Dictionary<MeasureKey, double>();
        long m = content.Count;
        if (m < 2) return result;
        double pattern = PatternOf(tap, members, content);
        result[new(Pattern, Mean)] = result[new(Pattern, Sum)] = pattern;
        var (codeword, millerMadow, codewordChaoShen) = Groups(CollectionsMarshal.AsSpan(tap.Codeword), members, tap.Patterns.Count);
        result[new(Codeword, Raw)] = result[new(Codeword, Normalized)] = codeword;
        result[new(Codeword, MillerMadow)] = millerMadow;
        result[new(Codeword, ChaoShen)] = codewordChaoShen;
        result[new(Magnitude, Mean)] = result[new(Magnitude, Normalized)] = MagnitudeOf(tap, members, content);
        if (binned is var (numbers, groups))
        {
            var (raw, _, chaoShen) = Groups(numbers, members, groups);
            result[new(Binned, Raw)] = result[new(Binned, Normalized)] = raw;
            result[new(Binned, ChaoShen)] = chaoShen;
        }
        if (classes is not null) result[new(LabelInformation, Mean)] = LabelInformationOf(tap, members, content, classes, labels);
        return result;
    }

    /// <summary>
    /// pattern: θ₍ₓ₎ = (1/N) Σᵢ h((Fᵢ − sᵢ(x))/(M − 1)) = C + (1/N) Σ_{i fired by x} δᵢ with
    /// δᵢ = h((Fᵢ − 1)/(M − 1)) − h(Fᵢ/(M − 1)).
    /// </summary>
    private static double PatternOf(TapAccumulator tap, int[] members, SetContent content)
    {
        long m = content.Count;
        var delta = new double[tap.Units];
        for (int i = 0; i < delta.Length; i++)
        {
            long f = content.Firing[i];
            if (f > 0) delta[i] = Entropy.BinaryOfCount(f - 1, m - 1) - Entropy.BinaryOfCount(f, m - 1);
        }
        var (patterns, weights) = Distinct(tap, members, null, 0);
        var u = Sums(tap, patterns, delta, 0);
        return BcaInterval.Acceleration(u, weights);
    }

    /// <summary>
    /// label-information over the pooled set: leaving out x of class c moves the pooled count and M, class c's count
    /// and M_c, and the weights M_c'/M of every class. With Gᵢ = Σ_c' M_c' h(F_c'ᵢ/M_c'),
    /// Iᵢ₍ₓ₎ = max(0, h((Fᵢ − s)/(M − 1)) − (Gᵢ − M_c h(F_cᵢ/M_c) + (M_c − 1) h((F_cᵢ − s)/(M_c − 1)))/(M − 1)) for
    /// s = sᵢ(x), so per class θ₍ₓ₎ = (1/N)(E_c + Σ_{i fired by x} Δ_cᵢ).
    /// </summary>
    private static double LabelInformationOf(TapAccumulator tap, int[] members, SetContent content,
        IReadOnlyList<(long[] Firing, long Count)> classes, IReadOnlyList<int> labels)
    {
        long m = content.Count;
        int units = tap.Units;
        var g = new double[units];
        foreach (var (firing, count) in classes)
            if (count > 0)
                for (int i = 0; i < units; i++) g[i] += count * Entropy.BinaryOfCount(firing[i], count);
        var delta = new double[units];
        var u = new List<double>();
        var weights = new List<long>();
        for (int c = 0; c < classes.Count; c++)
        {
            var (firing, mc) = classes[c];
            if (mc == 0) continue;
            double e0Sum = 0;
            for (int i = 0; i < units; i++)
            {
                long f = content.Firing[i], fc = firing[i];
                double rest = g[i] - mc * Entropy.BinaryOfCount(fc, mc);
                double e0 = Math.Max(0, Entropy.BinaryOfCount(f, m - 1) - (rest + (mc - 1) * Entropy.BinaryOfCount(fc, mc - 1)) / (m - 1));
                double e1 = fc == 0 ? e0
                    : Math.Max(0, Entropy.BinaryOfCount(f - 1, m - 1) - (rest + (mc - 1) * Entropy.BinaryOfCount(fc - 1, mc - 1)) / (m - 1));
                e0Sum += e0;
                delta[i] = e1 - e0;
            }
            var (patterns, counts) = Distinct(tap, members, labels, c);
            u.AddRange(Sums(tap, patterns, delta, e0Sum));
            weights.AddRange(counts);
        }
        return BcaInterval.Acceleration(u, weights);
    }

    /// <summary>
    /// codeword or binned: θ₍ₓ₎ = C + (n log n − (n−1) log(n−1))/(M − 1) for the size n of x's group; Miller–Madow adds
    /// −1/(2(M − 1) ln 2) where n = 1. Chao–Shen reads the whole table through the singletons f₁, so its θ₍ₓ₎ is the
    /// estimate of the table with one group of size n made n − 1, computed once per distinct size.
    /// </summary>
    private static (double Raw, double MillerMadow, double ChaoShen) Groups(ReadOnlySpan<int> number, int[] members, int groups)
    {
        var counts = ArrayPool<int>.Shared.Rent(Math.Max(1, groups));
        try
        {
            foreach (int x in members) counts[number[x]] = 0;
            foreach (int x in members) counts[number[x]]++;
            var sizes = new List<long>();
            foreach (int x in members)
            {
                ref int n = ref counts[number[x]];
                if (n == 0) continue;
                sizes.Add(n);
                n = 0;
            }
            var raw = sizes.Select(n => Entropy.NLog2N(n) - Entropy.NLog2N(n - 1)).ToArray();
            var millerMadow = sizes.Select((n, k) => raw[k] - (n == 1 ? 1 / (2 * Entropy.Ln2) : 0)).ToArray();
            return (BcaInterval.Acceleration(raw, sizes), BcaInterval.Acceleration(millerMadow, sizes), ChaoShenOf(sizes));
        }
        finally
        {
            ArrayPool<int>.Shared.Return(counts);
        }
    }

    /// <summary>The Chao–Shen acceleration from the group sizes: each leave-one-out value once per distinct size, weighted by the members in groups of that size.</summary>
    private static double ChaoShenOf(List<long> sizes)
    {
        var groupsOfSize = new SortedDictionary<long, long>();
        long total = 0;
        foreach (long n in sizes)
        {
            groupsOfSize[n] = groupsOfSize.GetValueOrDefault(n) + 1;
            total += n;
        }
        var u = new List<double>();
        var weights = new List<long>();
        foreach (var (n, groups) in groupsOfSize)
        {
            long singletons = groupsOfSize.GetValueOrDefault(1L) - (n == 1 ? 1 : 0) + (n == 2 ? 1 : 0);
            double coverage = Entropy.Coverage(singletons, total - 1), sum = 0;
            foreach (var (k, g) in groupsOfSize)
                sum += (g - (k == n ? 1 : 0)) * Entropy.ChaoShenTerm(k, coverage, total - 1);
            if (n > 1) sum += Entropy.ChaoShenTerm(n - 1, coverage, total - 1);
            u.Add(sum);
            weights.Add(groups * n);
        }
        return BcaInterval.Acceleration(u, weights);
    }

    /// <summary>magnitude: θ₍ₓ₎ − S/I = (S/I − H(x))/(I − 1) for an input with activation mass, 0 for an all-zero one.</summary>
    private static double MagnitudeOf(TapAccumulator tap, int[] members, SetContent content)
    {
        long inputs = content.MagnitudeInputs;
        if (inputs < 2) return 0;
        double mean = content.MagnitudeSum / inputs;
        var u = new double[members.Length];
        for (int j = 0; j < members.Length; j++)
        {
            double h = tap.Magnitude[members[j]];
            u[j] = double.IsNaN(h) ? 0 : (mean - h) / (inputs - 1);
        }
        return BcaInterval.Acceleration(u, Enumerable.Repeat(1L, u.Length).ToArray());
    }

    /// <summary>The distinct patterns of the members (of class <paramref name="label"/> when labels are given), in order of first appearance, and how many members show each.</summary>
    private static (List<int> Patterns, List<long> Counts) Distinct(TapAccumulator tap, int[] members, IReadOnlyList<int>? labels, int label)
    {
        var index = ArrayPool<int>.Shared.Rent(Math.Max(1, tap.Patterns.Count));
        var patterns = new List<int>();
        var counts = new List<long>();
        try
        {
            foreach (int x in members) index[tap.Codeword[x]] = -1;
            foreach (int x in members)
            {
                if (labels is not null && labels[x] != label) continue;
                int k = tap.Codeword[x];
                if (index[k] < 0)
                {
                    index[k] = patterns.Count;
                    patterns.Add(k);
                    counts.Add(0);
                }
                counts[index[k]]++;
            }
            return (patterns, counts);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(index);
        }
    }

    /// <summary><paramref name="constant"/> + Σ δᵢ over the set bits of each pattern.</summary>
    private static double[] Sums(TapAccumulator tap, List<int> patterns, double[] delta, double constant)
    {
        var u = new double[patterns.Count];
        ulong[] One(int k, ulong[] pattern)
        {
            tap.Patterns.Read(patterns[k], pattern);
            u[k] = constant + JackknifeKernels.MaskedSum(pattern, delta);
            return pattern;
        }
        if ((long)patterns.Count * delta.Length > ParallelAbove)
            Parallel.For(0, patterns.Count, new ParallelOptions { MaxDegreeOfParallelism = Compute.Threads }, () => new ulong[tap.Words], (k, _, pattern) => One(k, pattern), _ => { });
        else
        {
            var pattern = new ulong[tap.Words];
            for (int k = 0; k < patterns.Count; k++) One(k, pattern);
        }
        return u;
    }
}
