using LayerEntropy.Data;
using LayerEntropy.Tensors;

namespace LayerEntropy.Analysis;

/// <summary>
/// 95% bootstrap intervals (MEASURES.md, uncertainty): each set S is resampled with replacement R times (|S| draws,
/// seeded by the run's seed, the set and the resample number), every measure is recomputed from the resample's
/// accumulator contents, and the interval is the 2.5th to 97.5th percentile. The same resample of a set serves
/// every tap, so depth comparisons are paired. Firing counts of all resamples come from one product
/// W·F (resample weights per distinct pattern times the patterns' bits), exact in float32 below 2²⁴ inputs.
/// </summary>
internal static class Bootstrap
{
    /// <summary>Intervals keyed by (tap, set, value index in <see cref="SetMeasures.Compute"/>'s order).</summary>
    public static Dictionary<(int Tap, int Set, int Value), (double Low, double High)> Intervals(
        AnalysisState state, int[][] members, AnalysisOptions options, CancellationToken cancel)
    {
        int r = options.Bootstrap;
        var result = new Dictionary<(int, int, int), (double, double)>();
        var workspace = new Workspace(r, state.Taps.Max(t => t.Units));
        for (int s = 0; s < members.Length; s++)
        {
            if (members[s].Length == 0) continue;
            bool pooled = s == members.Length - 1;
            var weights = Resample(members[s].Length, s, r, options.Seed);
            var byMember = Transpose(weights);
            // The pooled set's resample is split by class, for label-information; a class set is one group.
            var groups = pooled
                ? Enumerable.Range(0, state.Classes).Select(c => Enumerable.Range(0, members[s].Length).Where(j => state.Labels[members[s][j]] == c).ToArray()).ToArray()
                : [Enumerable.Range(0, members[s].Length).ToArray()];
            for (int t = 0; t < state.Taps.Length; t++)
            {
                cancel.ThrowIfCancellationRequested();
                var tap = state.Taps[t];
                var groupFiring = groups.Select(g => FiringCounts(tap, members[s], g, byMember, r, workspace)).ToArray();
                var dense = DenseKeys.Of(tap, members[s], pooled, state.Ranges is not null);
                var replicates = new List<MeasureValue>[r];
                // Each worker reuses its count arrays across resamples; only the reported values are kept.
                Parallel.For(0, r, new ParallelOptions { MaxDegreeOfParallelism = Compute.Threads },
                    () => new Counts(tap.Units, dense), (b, _, counts) =>
                    {
                        var content = Content(counts, dense, weights[b], groupFiring, b);
                        var classes = pooled ? groups.Select((g, c) => (Row(groupFiring[c], b, tap.Units), (long)g.Sum(j => (long)weights[b][j]))).ToArray() : null;
                        replicates[b] = SetMeasures.Compute(content, options.Units, classes);
                        return counts;
                    }, _ => { });
                for (int v = 0; v < replicates[0].Count; v++)
                {
                    if (!SetMeasures.HasInterval(replicates[0][v].Measure, replicates[0][v].Statistic)) continue;
                    var values = replicates.Select(rep => rep[v].Value).ToArray();
                    if (values.Any(x => x is null)) continue;
                    result[(t, s, v)] = (Percentile(values, 0.025), Percentile(values, 0.975));
                }
            }
        }
        return result;
    }

    /// <summary>How often each of the set's M members is drawn in each of R resamples of M draws with replacement.</summary>
    internal static ushort[][] Resample(int m, int set, int replicates, int seed)
    {
        var weights = new ushort[replicates][];
        Parallel.For(0, replicates, new ParallelOptions { MaxDegreeOfParallelism = Compute.Threads }, b =>
        {
            var rng = new SplitMix64(((ulong)(uint)seed << 32) ^ ((ulong)(uint)set << 20) ^ (uint)b ^ 0x5EED5EED00000000UL);
            var w = new ushort[m];
            for (int i = 0; i < m; i++) checked { w[rng.Below(m)]++; }
            weights[b] = w;
        });
        return weights;
    }

    /// <summary>The weights member by member: R consecutive values per member.</summary>
    private static ushort[] Transpose(ushort[][] weights)
    {
        int r = weights.Length, m = weights[0].Length;
        var t = new ushort[m * r];
        for (int b = 0; b < r; b++)
            for (int j = 0; j < m; j++) t[j * r + b] = weights[b][j];
        return t;
    }

    /// <summary>
    /// Firing counts (R × N, row-major) of one group of members under every resample: Wᵀ·F, with W (K × R) the
    /// resample weights summed per distinct pattern and F (K × N) the patterns' bits, in chunks of patterns.
    /// </summary>
    private static float[] FiringCounts(TapAccumulator tap, int[] members, int[] group, ushort[] byMember, int r, Workspace workspace)
    {
        int n = tap.Units;
        var local = new Dictionary<int, int>();
        var slot = new int[group.Length];
        for (int g = 0; g < group.Length; g++)
        {
            int k = tap.Codeword[members[group[g]]];
            if (!local.TryGetValue(k, out slot[g])) local[k] = slot[g] = local.Count;
        }
        var patterns = local.Keys.ToArray();
        var counts = new float[r * n];
        int chunk = Math.Max(1, Math.Min(Math.Min(patterns.Length, Workspace.Floats / n), Workspace.Patterns));
        var w = workspace.W;
        var f = workspace.F;
        for (int start = 0; start < patterns.Length; start += chunk)
        {
            int k = Math.Min(chunk, patterns.Length - start);
            Array.Clear(w, 0, k * r);
            for (int g = 0; g < group.Length; g++)
            {
                int p = slot[g] - start;
                if ((uint)p >= (uint)k) continue;
                var row = w.AsSpan(p * r, r);
                var add = byMember.AsSpan(group[g] * r, r);
                for (int b = 0; b < r; b++) row[b] += add[b];
            }
            Array.Clear(f, 0, k * n);
            for (int p = 0; p < k; p++)
            {
                var bits = tap.Patterns.Pattern(patterns[start + p]);
                for (int wd = 0; wd < bits.Length; wd++)
                    for (ulong v = bits[wd]; v != 0; v &= v - 1)
                        f[p * n + (wd << 6) + System.Numerics.BitOperations.TrailingZeroCount(v)] = 1f;
            }
            Gemm.Multiply(true, false, r, n, k, 1f, w, r, f, n, start == 0 ? 0f : 1f, counts, n);
        }
        return counts;
    }

    private static long[] Row(float[] counts, int b, int n)
    {
        var row = new long[n];
        for (int i = 0; i < n; i++) row[i] = (long)counts[b * n + i];
        return row;
    }

    private static SetContent Content(Counts counts, DenseKeys dense, ushort[] w, float[][] groupFiring, int b)
    {
        int units = counts.Firing.Length;
        var firing = counts.Firing;
        Array.Clear(firing);
        foreach (var g in groupFiring)
            for (int i = 0; i < units; i++) firing[i] += (long)g[b * units + i];
        var codewords = counts.Codewords;
        Array.Clear(codewords);
        var binned = counts.Binned;
        if (binned is not null) Array.Clear(binned);
        double magnitude = 0;
        long count = 0, magnitudeInputs = 0, zero = 0;
        for (int j = 0; j < w.Length; j++)
        {
            int m = w[j];
            if (m == 0) continue;
            count += m;
            codewords[dense.Codeword[j]] += m;
            if (binned is not null) binned[dense.Binned![j]] += m;
            double h = dense.Magnitude[j];
            if (double.IsNaN(h)) zero += m;
            else { magnitude += m * h; magnitudeInputs += m; }
        }
        return new SetContent(count, firing, codewords, magnitude, magnitudeInputs, zero, binned);
    }

    /// <summary>One worker's count arrays for a tap and set, cleared and refilled for each resample.</summary>
    private sealed class Counts(int units, DenseKeys dense)
    {
        public long[] Firing { get; } = new long[units];
        public long[] Codewords { get; } = new long[dense.Codewords];
        public long[]? Binned { get; } = dense.Binned is null ? null : new long[dense.BinnedCount];
    }

    /// <summary>The W and F buffers of <see cref="FiringCounts"/>, allocated once per analysis.</summary>
    private sealed class Workspace(int replicates, int maxUnits)
    {
        /// <summary>Floats of F per chunk of patterns (16 MiB): enough for GEMM to run at speed, small enough to stay cheap.</summary>
        public const int Floats = 1 << 22;

        /// <summary>Patterns per chunk at most.</summary>
        public const int Patterns = 8192;

        public float[] F { get; } = new float[Math.Max(Floats, maxUnits)];
        public float[] W { get; } = new float[Patterns * replicates];
    }

    /// <summary>The q-quantile with linear interpolation between order statistics (Hyndman and Fan's type 7).</summary>
    internal static double Percentile(double?[] values, double q)
    {
        var sorted = values.Select(v => v!.Value).Order().ToArray();
        double pos = q * (sorted.Length - 1);
        int lo = (int)Math.Floor(pos);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
