using LayerEntropy.Nn;
using LayerEntropy.Tensors;
using LayerEntropy.Tests.Tensors;

namespace LayerEntropy.Tests.Nn;

/// <summary>A convolutional model's outputs and gradients are the same bits for any <see cref="Compute.Threads"/>.</summary>
[Collection(ThreadCountCollection.Name)]
public class CnnThreadCountTests
{
    [Theory]
    [InlineData("lenet", 1, 28, 37)]
    [InlineData("cnn:c5k3s2,p3,c7k4p2|fc9", 3, 17, 21)]
    public void ForwardAndBackwardAreBitwiseIndependentOfTheThreadCount(string spec, int channels, int size, int batch)
    {
        int saved = Compute.Threads;
        try
        {
            float[][]? reference = null;
            foreach (int threads in new[] { 1, 2, 3 })
            {
                Compute.Threads = threads;
                var model = ModelSpec.Build(spec, [channels, size, size], 10, seed: 4);
                var x = new Tensor(batch, channels, size, size);
                KernelCheck.Random(5, x.Length).CopyTo(x.Data, 0);
                // Two steps, so the second reuses every buffer of the first.
                float[][] results = [];
                for (int step = 0; step < 2; step++)
                {
                    var y = model.Forward(x, training: true);
                    var dy = new Tensor(y.Shape);
                    KernelCheck.Random(6 + step, dy.Length).CopyTo(dy.Data, 0);
                    model.Backward(dy);
                    results = [(float[])y.Data.Clone(), .. model.Parameters.Select(p => (float[])p.Grad.Data.Clone())];
                }
                if (reference is null) reference = results;
                else
                    for (int i = 0; i < results.Length; i++) Assert.Equal(reference[i], results[i]);
            }
        }
        finally
        {
            Compute.Threads = saved;
        }
    }
}
