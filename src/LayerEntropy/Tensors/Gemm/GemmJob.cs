namespace LayerEntropy.Tensors;

/// <summary>
/// One GEMM split across <see cref="GemmTeam"/>: the threads own disjoint whole-tile strips of C (never a range
/// of k) and pack the operand they all read, cooperatively, into one shared buffer.
/// </summary>
/// <remarks>
/// <para>
/// When C is wider than it is tall, each thread owns a strip of columns and packs its own B, while every
/// block of A (MC×KC) is packed by all threads together, a share of its MR-row panels each, then read by all;
/// otherwise the same with rows and B. A barrier separates packing a shared block from using it; two shared
/// buffers alternate, so that packing the next block can start while a slower thread still reads the previous one,
/// and one barrier per block suffices. Sharing the smaller operand keeps the traffic between cores small.
/// </para>
/// <para>
/// Only the owner of the team touches the one instance per kernel, so a call allocates nothing. A call that does not
/// get the team (it is in use by another thread) runs on its caller alone.
/// </para>
/// </remarks>
internal sealed unsafe class GemmJob<TKernel> : GemmTeamWork where TKernel : struct, IGemmKernel
{
    private static readonly GemmJob<TKernel> Instance = new();

    private readonly GemmWorkspace shared0 = new(), shared1 = new();
    private GemmProblem problem;
    private bool splitColumns;
    private int threads, units;
    private float* buffer0, buffer1;
    private int arrived, phase, failed;

    public static void Run(in GemmProblem p, int threads)
    {
        // Splitting the longer side keeps the strips wide enough for full tiles and makes the shared operand the smaller
        // one. Square problems split rows and share B, as OpenBLAS does; on 1024³ that measured a little faster.
        bool splitColumns = p.N > p.M;
        int units = splitColumns ? Ceil(p.N, TKernel.NR) : Ceil(p.M, TKernel.MR);
        threads = Math.Min(threads, units);
        if (threads <= 1 || !GemmTeam.TryEnter())
        {
            GemmDriver<TKernel>.Run(p, 0, p.M, 0, p.N);
            return;
        }
        try
        {
            Instance.Start(p, splitColumns, units, threads);
        }
        finally
        {
            GemmTeam.Exit();
        }
    }

    private void Start(in GemmProblem p, bool splitColumns, int units, int threads)
    {
        problem = p;
        this.splitColumns = splitColumns;
        this.units = units;
        this.threads = threads;
        arrived = 0;
        failed = 0;
        int kc = Math.Min(TKernel.KC, p.K);
        if (splitColumns)
        {
            int length = GemmDriver<TKernel>.RowBlock(p.M) * kc;
            buffer0 = shared0.PackA(length);
            buffer1 = shared1.PackA(length);
        }
        else
        {
            int length = GemmDriver<TKernel>.RoundUp(Math.Min(TKernel.NC, p.N), TKernel.NR) * kc;
            buffer0 = shared0.PackB(length);
            buffer1 = shared1.PackB(length);
        }
        try
        {
            GemmTeam.Run(this, threads);
        }
        finally
        {
            problem = default;
        }
    }

    public override void Execute(int index)
    {
        try
        {
            if (splitColumns) ColumnStrip(index);
            else RowStrip(index);
        }
        catch
        {
            // Let the other threads out of their barriers; the first exception is rethrown to the caller.
            Volatile.Write(ref failed, 1);
            throw;
        }
    }

    /// <summary>Thread <paramref name="index"/>'s columns of C, its own B, and its share of every shared block of A.</summary>
    private void ColumnStrip(int index)
    {
        ref readonly GemmProblem p = ref problem;
        int mr = TKernel.MR, nr = TKernel.NR, nc = TKernel.NC;
        int colStart = Bound(index, units) * nr, colEnd = Math.Min(Bound(index + 1, units) * nr, p.N);
        // Every thread runs the same number of steps (the barriers must match), with an empty strip if it has none left.
        int widest = Ceil(units, threads) * nr, chunks = Ceil(widest, nc);
        int mcMax = GemmDriver<TKernel>.RowBlock(p.M), kcMax = Math.Min(TKernel.KC, p.K);
        float* packB = GemmWorkspace.Current.PackB(GemmDriver<TKernel>.RoundUp(Math.Min(nc, widest), nr) * kcMax);
        float* tile = stackalloc float[mr * nr];
        int block = 0;
        for (int chunk = 0; chunk < chunks; chunk++)
        {
            int jc = colStart + chunk * nc, width = Math.Max(0, Math.Min(nc, colEnd - jc));
            for (int pc = 0; pc < p.K; pc += TKernel.KC)
            {
                int kc = Math.Min(TKernel.KC, p.K - pc);
                if (width > 0) GemmPack.PackB<TKernel>(p, pc, jc, kc, width, packB);
                for (int ic = 0; ic < p.M; ic += mcMax)
                {
                    int mc = Math.Min(mcMax, p.M - ic);
                    float* packA = (block++ & 1) == 0 ? buffer0 : buffer1;
                    int panels = Ceil(mc, mr), first = Bound(index, panels), last = Bound(index + 1, panels);
                    if (last > first)
                        GemmPack.PackA<TKernel>(p, ic + first * mr, pc, Math.Min(last * mr, mc) - first * mr, kc, packA + first * mr * kc);
                    Barrier();
                    if (width > 0) GemmDriver<TKernel>.MacroKernel(p, packA, packB, tile, ic, jc, mc, width, pc, kc);
                }
            }
        }
    }

    /// <summary>Thread <paramref name="index"/>'s rows of C, its own A, and its share of every shared block of B.</summary>
    private void RowStrip(int index)
    {
        ref readonly GemmProblem p = ref problem;
        int mr = TKernel.MR, nr = TKernel.NR;
        int rowStart = Bound(index, units) * mr, rowEnd = Math.Min(Bound(index + 1, units) * mr, p.M);
        int mcMax = GemmDriver<TKernel>.RowBlock(Ceil(units, threads) * mr), kcMax = Math.Min(TKernel.KC, p.K);
        float* packA = GemmWorkspace.Current.PackA(mcMax * kcMax);
        float* tile = stackalloc float[mr * nr];
        int block = 0;
        for (int jc = 0; jc < p.N; jc += TKernel.NC)
        {
            int nc = Math.Min(TKernel.NC, p.N - jc);
            for (int pc = 0; pc < p.K; pc += TKernel.KC)
            {
                int kc = Math.Min(TKernel.KC, p.K - pc);
                float* packB = (block++ & 1) == 0 ? buffer0 : buffer1;
                int panels = Ceil(nc, nr), first = Bound(index, panels), last = Bound(index + 1, panels);
                if (last > first)
                    GemmPack.PackB<TKernel>(p, pc, jc + first * nr, kc, Math.Min(last * nr, nc) - first * nr, packB + first * nr * kc);
                Barrier();
                for (int ic = rowStart; ic < rowEnd; ic += mcMax)
                {
                    int mc = Math.Min(mcMax, rowEnd - ic);
                    GemmPack.PackA<TKernel>(p, ic, pc, mc, kc, packA);
                    GemmDriver<TKernel>.MacroKernel(p, packA, packB, tile, ic, jc, mc, nc, pc, kc);
                }
            }
        }
    }

    /// <summary>Waits until every thread has arrived (sense-reversing: the last one to arrive advances the phase).</summary>
    private void Barrier()
    {
        int current = Volatile.Read(ref phase);
        if (Interlocked.Increment(ref arrived) == threads)
        {
            arrived = 0;
            Volatile.Write(ref phase, current + 1);
            return;
        }
        var spin = new SpinWait();
        while (Volatile.Read(ref phase) == current)
        {
            if (Volatile.Read(ref failed) != 0) throw new OperationCanceledException("another GEMM thread failed");
            spin.SpinOnce(sleep1Threshold: -1);
        }
    }

    /// <summary>Where thread <paramref name="index"/>'s share of <paramref name="count"/> items starts (balanced to within one item).</summary>
    private int Bound(int index, int count) => (int)((long)index * count / threads);

    private static int Ceil(int x, int d) => (x + d - 1) / d;
}
