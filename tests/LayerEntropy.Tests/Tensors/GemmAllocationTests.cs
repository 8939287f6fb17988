using LayerEntropy.Tensors;

namespace LayerEntropy.Tests.Tensors;

/// <summary>
/// In steady state a GEMM call allocates nothing: packing buffers are kept, not made per call. (Multi-threaded
/// calls reuse their job objects too, unless a thread-pool worker is so late that it still holds them; that
/// depends on the scheduler, so only the single-threaded path is checked here.)
/// </summary>
[Collection(ThreadCountCollection.Name)]
public class GemmAllocationTests
{
    [Theory]
    [InlineData(128, 64, 32, 1)]
    [InlineData(128, 784, 512, 1)]
    [InlineData(300, 300, 300, 1)]
    public void SteadyStateCallsAllocateNothing(int m, int k, int n, int threads)
    {
        int saved = Compute.Threads;
        try
        {
            Compute.Threads = threads;
            float[] a = KernelCheck.Random(1, m * k), b = KernelCheck.Random(2, k * n), c = new float[m * n];
            for (int i = 0; i < 3; i++) Gemm.Multiply(false, true, m, n, k, 1f, a, k, b, k, 0f, c, n);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 5; i++)
            {
                Gemm.Multiply(false, true, m, n, k, 1f, a, k, b, k, 0f, c, n);
                Gemm.Multiply(true, false, m, n, k, 1f, a, m, b, n, 1f, c, n);
            }
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        finally
        {
            Compute.Threads = saved;
        }
    }
}
