using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace LayerEntropy.Data;

/// <summary>
/// Decodes the batches of a streamed dataset ahead of their use: a producer decodes each batch's files in parallel into
/// one of a fixed set of byte buffers, at most <c>ahead</c> batches before the one being used, and waits for a buffer to
/// be given back before it decodes more. What it holds is those buffers, whatever the number of images.
/// </summary>
internal sealed class ImagePrefetch : IDisposable
{
    private readonly ImageSource source;
    private readonly int[] order;
    private readonly int batchSize;
    private readonly int batchCount;
    private readonly int workers;
    private readonly byte[][] buffers;
    private readonly bool[][] skipped;
    private readonly SemaphoreSlim free;
    private readonly BlockingCollection<(int Slot, ExceptionDispatchInfo? Error)> ready = new();
    private readonly CancellationTokenSource stop = new();
    private readonly Task producer;

    /// <param name="order">The dataset indices in the order of use; batch b is order[b·batchSize ..].</param>
    /// <param name="ahead">How many batches may be decoded beyond the one in use.</param>
    public ImagePrefetch(ImageSource source, int[] order, int batchSize, int batchCount, int ahead, int workers)
    {
        this.source = source;
        this.order = order;
        this.batchSize = batchSize;
        this.batchCount = batchCount;
        this.workers = Math.Max(1, workers);
        int slots = Math.Min(ahead + 1, Math.Max(1, batchCount));
        buffers = [.. Enumerable.Range(0, slots).Select(_ => new byte[(long)batchSize * source.ImageLength])];
        skipped = [.. Enumerable.Range(0, slots).Select(_ => new bool[batchSize])];
        free = new SemaphoreSlim(slots, slots);
        producer = Task.Factory.StartNew(Produce, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>
    /// The next batch's bytes (image k at k·ImageLength) and which of its images were skipped as unreadable; waits for
    /// it to be decoded and throws the error that stopped its decoding. Give it back with <see cref="Return"/>.
    /// </summary>
    public (byte[] Bytes, bool[] Skipped) Next()
    {
        var (slot, error) = ready.Take();
        error?.Throw();
        return (buffers[slot], skipped[slot]);
    }

    /// <summary>The buffer of the batch last taken may be decoded into again.</summary>
    public void Return() => free.Release();

    private void Produce()
    {
        try
        {
            for (int b = 0; b < batchCount; b++)
            {
                free.Wait(stop.Token);
                int slot = b % buffers.Length, start = b * batchSize;
                source.ReadBatch(order, start, Math.Min(batchSize, order.Length - start), buffers[slot], skipped[slot], workers, stop.Token);
                ready.Add((slot, null));
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            ready.Add((0, ExceptionDispatchInfo.Capture(e)));
        }
        finally
        {
            ready.CompleteAdding();
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        try
        {
            producer.Wait();
        }
        catch (AggregateException)
        {
        }
        stop.Dispose();
        free.Dispose();
        ready.Dispose();
    }
}
