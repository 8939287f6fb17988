using LayerEntropy.Data;
using LayerEntropy.Tensors;

namespace LayerEntropy.Analysis;

/// <summary>
/// The R bootstrap resamples of one input set of M members (M draws with replacement each, seeded by the run's
/// seed, the set and the resample number), laid out for the bootstrap's kernels. Members sit in columns in set
/// order; the pooled set's are ordered class by class, each class a block that starts on a multiple of 4 columns
/// with zero weight in the gaps, so one product over a block's columns gives that class's firing counts.
/// </summary>
internal sealed class ResampledSet
{
    private ResampledSet(int replicates, int count, int[] members, (int Start, int Length)[] blocks, ResampledSet? reuse)
    {
        Replicates = replicates;
        Count = count;
        Members = members;
        Blocks = blocks;
        Columns = members.Length;
        Words = (Columns + 63) >> 6;
        Weights = Buffer(reuse?.Weights, replicates * Columns);
        BlockTotals = new long[replicates][];
        (Digits, ByColumn, AtLeast) = reuse is null ? ([], [], []) : (reuse.Digits, reuse.ByColumn, reuse.AtLeast);
    }

    public int Replicates { get; }

    /// <summary>M, the set's size and every resample's total weight.</summary>
    public int Count { get; }

    /// <summary>Columns: the set's members and the zero-weight gaps, a multiple of 4.</summary>
    public int Columns { get; }

    /// <summary>The input position in each column (−1 in a gap).</summary>
    public int[] Members { get; }

    /// <summary>Column ranges: one per class for the pooled set, the whole set otherwise.</summary>
    public (int Start, int Length)[] Blocks { get; }

    /// <summary>Weights[r·Columns + col]: how often resample r draws the member in col (the arrays may run longer).</summary>
    public ushort[] Weights { get; }

    /// <summary>The weights' base-256 digits, least significant first, each R × Columns.</summary>
    public byte[][] Digits { get; private set; } = [];

    /// <summary>ByColumn[col·R + r]: the weights member by member.</summary>
    public ushort[] ByColumn { get; private set; } = [];

    /// <summary>The largest weight in any resample.</summary>
    public int MaxWeight { get; private set; }

    /// <summary>The largest weight in each resample.</summary>
    public int[] MaxWeightOf { get; private set; } = [];

    /// <summary>Words of a bit mask over the columns.</summary>
    public int Words { get; }

    /// <summary>AtLeast[((r·MaxWeight) + k − 1)·Words + word]: bit col set when resample r draws col at least k times.</summary>
    public ulong[] AtLeast { get; private set; } = [];

    /// <summary>BlockTotals[r][b]: resample r's draws in block b (for the pooled set, its class sizes).</summary>
    public long[][] BlockTotals { get; }

    /// <summary>The mask of columns drawn at least <paramref name="k"/> times by resample <paramref name="r"/>.</summary>
    public ReadOnlySpan<ulong> Drawn(int r, int k) => AtLeast.AsSpan(((r * MaxWeight) + k - 1) * Words, Words);

    /// <param name="members">The set's input positions in dataset order.</param>
    /// <param name="labels">Each input's class, to block the pooled set by class; null for a class set.</param>
    /// <param name="reuse">A resampled set no longer needed, whose arrays are reused where large enough.</param>
    public static ResampledSet Draw(int[] members, IReadOnlyList<int>? labels, int classes, int set, int replicates, int seed, ResampledSet? reuse = null)
    {
        var (layout, blocks) = Layout(members, labels, classes);
        var result = new ResampledSet(replicates, members.Length, layout, blocks, reuse);
        int m = members.Length, columns = result.Columns;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Compute.Threads };
        var maxima = new int[replicates];
        Parallel.For(0, replicates, options, () => new ushort[m], (r, _, drawn) =>
        {
            Array.Clear(drawn);
            var rng = new SplitMix64(((ulong)(uint)seed << 32) ^ ((ulong)(uint)set << 20) ^ (uint)r ^ 0x5EED5EED00000000UL);
            // Two draws from each 64-bit number, multiply-shift on 32 bits each: every member's chance is 1/M within 2⁻³².
            for (int i = 0; i < m; i += 2)
            {
                ulong v = rng.Next();
                checked { drawn[(int)(((v & 0xFFFFFFFF) * (ulong)m) >> 32)]++; }
                if (i + 1 < m) checked { drawn[(int)(((v >> 32) * (ulong)m) >> 32)]++; }
            }
            // The j-th member in block order takes the j-th count; the gaps between blocks stay zero.
            var row = result.Weights.AsSpan(r * columns, columns);
            row.Clear();
            var totals = new long[blocks.Length];
            int j = 0;
            for (int b = 0; b < blocks.Length; b++)
            {
                var block = drawn.AsSpan(j, blocks[b].Length);
                block.CopyTo(row.Slice(blocks[b].Start));
                (totals[b], int max) = ResampleKernels.SumAndMax(block);
                maxima[r] = Math.Max(maxima[r], max);
                j += blocks[b].Length;
            }
            result.BlockTotals[r] = totals;
            return drawn;
        }, _ => { });
        result.MaxWeightOf = maxima;
        result.MaxWeight = maxima.Max();
        result.Index(options);
        return result;
    }

    /// <summary>An array of at least <paramref name="length"/> elements: <paramref name="old"/> when large enough, else a new one.</summary>
    private static T[] Buffer<T>(T[]? old, int length) => old is not null && old.Length >= length ? old : GC.AllocateUninitializedArray<T>(length);

    /// <summary>Columns in block order, each block starting on a multiple of 4.</summary>
    private static (int[] Layout, (int Start, int Length)[] Blocks) Layout(int[] members, IReadOnlyList<int>? labels, int classes)
    {
        int[][] groups = labels is null ? [members] : [.. Enumerable.Range(0, classes).Select(c => members.Where(x => labels[x] == c).ToArray())];
        var layout = new List<int>();
        var blocks = new (int, int)[groups.Length];
        for (int b = 0; b < groups.Length; b++)
        {
            blocks[b] = (layout.Count, groups[b].Length);
            layout.AddRange(groups[b]);
            while (layout.Count % 4 != 0) layout.Add(-1);
        }
        return ([.. layout], blocks);
    }

    /// <summary>Builds the digit planes, the transposed weights and the at-least masks from the weights.</summary>
    private void Index(ParallelOptions options)
    {
        int columns = Columns, rows = Replicates, max = MaxWeight;
        int planes = 1;
        while (max >> (8 * planes) != 0) planes++;
        Digits = [.. Enumerable.Range(0, planes).Select(d => Buffer(d < Digits.Length ? Digits[d] : null, rows * columns))];
        ByColumn = Buffer(ByColumn, columns * rows);
        AtLeast = Buffer(AtLeast, rows * max * Words);
        Parallel.For(0, rows, options, r =>
        {
            var row = Weights.AsSpan(r * columns, columns);
            for (int d = 0; d < planes; d++) ResampleKernels.Digit(row, 8 * d, Digits[d].AsSpan(r * columns, columns));
            for (int k = 1; k <= max; k++) ResampleKernels.AtLeast(row, k, AtLeast.AsSpan(((r * max) + k - 1) * Words, Words));
        });
        const int Chunk = 256;
        Parallel.For(0, (columns + Chunk - 1) / Chunk, options, part =>
            ResampleKernels.Transpose(Weights, rows, columns, ByColumn, part * Chunk, Math.Min(columns, (part + 1) * Chunk)));
    }
}
