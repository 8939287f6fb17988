namespace LayerEntropy.Tensors;

/// <summary>
/// A 2-D convolution (group 1) over NCHW batches, image by image through <see cref="Im2Col"/> and
/// <see cref="ConvKernels"/>, with the images split into fixed chunks that run in parallel (<see cref="ChunkJob"/>).
/// One instance belongs to one layer and keeps its buffers, so that a batch in steady state allocates nothing: one
/// chunk's column matrices per worker and one weight gradient per chunk. The backward pass expands the columns again
/// rather than keeping a whole batch's from the forward pass: a chunk's stay in the worker's cache, a batch's would
/// go to memory and back (tens of MB). Weights are O×(C·kh·kw), i.e. PyTorch's O×C×kh×kw.
/// </summary>
/// <remarks>
/// Each output value and each input-gradient value is computed by one worker in a fixed order. The weight gradient
/// is summed per chunk of <see cref="ChunkImages"/> images (image by image), then the chunks' sums are added in chunk
/// order: the chunks are fixed by the batch size alone, so the result is bitwise the same for any thread count.
/// </remarks>
internal sealed unsafe class Convolution
{
    /// <summary>Images per chunk: the unit of parallel work and of the weight gradient's partial sums.</summary>
    public const int ChunkImages = 8;

    private readonly Action<int, int> forwardChunk, backwardChunk;
    private float[] partials = [];
    private float[][] scratch = [];

    // The operands of the call in progress.
    private ConvGeometry g;
    private int outChannels, batch;
    private float[]? x, weight, bias, y, dy, dx;

    public Convolution()
    {
        forwardChunk = ForwardChunk;
        backwardChunk = BackwardChunk;
    }

    /// <summary>y = conv(x, weight) + bias for <paramref name="batch"/> images (y overwritten).</summary>
    public void Forward(in ConvGeometry geometry, int outChannels, int batch, float[] x, float[] weight, float[] bias, float[] y, int threads)
    {
        Check(geometry, outChannels, batch, x, weight, y);
        Require(bias.Length >= outChannels);
        EnsureScratch(threads, geometry.ColumnRows * geometry.ColumnCount);
        (g, this.outChannels, this.batch) = (geometry, outChannels, batch);
        (this.x, this.weight, this.bias, this.y) = (x, weight, bias, y);
        try
        {
            ChunkJob.Run(Chunks(batch), threads, forwardChunk);
        }
        finally
        {
            (this.x, this.weight, this.bias, this.y) = (null, null, null, null);
        }
    }

    /// <summary>
    /// From the input x of a forward pass and the gradient dy of its output: the weight gradient into
    /// <paramref name="weightGrad"/> and, when <paramref name="dx"/> is not null, the input gradient into it (both
    /// overwritten). The bias gradient is the caller's (a sum of dy per channel).
    /// </summary>
    public void Backward(in ConvGeometry geometry, int outChannels, int batch, float[] x, float[] dy, float[] weight, float[] weightGrad,
        float[]? dx, int threads)
    {
        Check(geometry, outChannels, batch, x, weight, dy);
        int weights = outChannels * geometry.ColumnRows, chunks = Chunks(batch), columns = geometry.ColumnRows * geometry.ColumnCount;
        Require(weightGrad.Length >= weights && (dx is null || dx.Length >= (long)batch * geometry.ImageLength));
        if (partials.Length < chunks * weights) partials = new float[chunks * weights];
        // A chunk's columns, then one image's column gradient.
        EnsureScratch(threads, (ChunkImages + (dx is null ? 0 : 1)) * columns);
        (g, this.outChannels, this.batch) = (geometry, outChannels, batch);
        (this.x, this.dy, this.weight, this.dx) = (x, dy, weight, dx);
        try
        {
            ChunkJob.Run(chunks, threads, backwardChunk);
        }
        finally
        {
            (this.x, this.dy, this.weight, this.dx) = (null, null, null, null);
        }
        // The chunks' sums in chunk order.
        var sum = weightGrad.AsSpan(0, weights);
        partials.AsSpan(0, weights).CopyTo(sum);
        for (int c = 1; c < chunks; c++) System.Numerics.Tensors.TensorPrimitives.Add(sum, partials.AsSpan(c * weights, weights), sum);
    }

    private static int Chunks(int batch) => (batch + ChunkImages - 1) / ChunkImages;

    private void ForwardChunk(int chunk, int worker)
    {
        int rows = g.ColumnRows, plane = g.ColumnCount, outLength = outChannels * plane;
        int first = chunk * ChunkImages, end = Math.Min(batch, first + ChunkImages);
        fixed (float* px = x, pw = weight, pb = bias, py = y, ps = scratch[worker])
            for (int n = first; n < end; n++)
            {
                Im2Col.Expand(g, px + (long)n * g.ImageLength, ps);
                ConvKernels.Multiply(outChannels, plane, rows, pw, rows, 1, ps, plane, py + (long)n * outLength, plane, pb);
            }
    }

    private void BackwardChunk(int chunk, int worker)
    {
        int rows = g.ColumnRows, plane = g.ColumnCount, columns = rows * plane, outLength = outChannels * plane;
        int first = chunk * ChunkImages, count = Math.Min(batch, first + ChunkImages) - first;
        fixed (float* px = x, pdy = dy, pw = weight, pp = partials, pdx = dx, pk = scratch[worker])
        {
            for (int n = 0; n < count; n++) Im2Col.Expand(g, px + (long)(first + n) * g.ImageLength, pk + (long)n * columns);
            // dW_chunk = Σ_n dY_n · cols_nᵀ: rows of dY against rows of the columns, summed over the chunk's images.
            ConvKernels.DotRows(outChannels, rows, plane, count, pdy + (long)first * outLength, plane, outLength,
                pk, plane, columns, pp + (long)chunk * outChannels * rows, rows);
            if (pdx is null) return;
            float* ps = pk + (long)ChunkImages * columns;
            for (int n = first; n < first + count; n++)
            {
                // dcols = Wᵀ·dY_n, then scattered back onto the image positions it was read from.
                ConvKernels.Multiply(rows, plane, outChannels, pw, 1, rows, pdy + (long)n * outLength, plane, ps, plane, null);
                float* image = pdx + (long)n * g.ImageLength;
                new Span<float>(image, g.ImageLength).Clear();
                Im2Col.Accumulate(g, ps, image);
            }
        }
    }

    private void EnsureScratch(int workers, int length)
    {
        if (scratch.Length < workers) Array.Resize(ref scratch, workers);
        for (int i = 0; i < workers; i++)
            if (scratch[i] is null || scratch[i].Length < length) scratch[i] = new float[length];
    }

    private static void Check(in ConvGeometry g, int outChannels, int batch, float[] x, float[] weight, float[] y)
    {
        g.Validate();
        Require(outChannels > 0 && batch >= 0 && x.Length >= (long)batch * g.ImageLength && weight.Length >= (long)outChannels * g.ColumnRows
            && y.Length >= (long)batch * outChannels * g.ColumnCount);
    }

    private static void Require(bool ok)
    {
        if (!ok) throw new ArgumentException("convolution operands are smaller than the geometry needs");
    }
}
