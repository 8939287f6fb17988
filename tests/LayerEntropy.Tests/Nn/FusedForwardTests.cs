using LayerEntropy.Nn;
using LayerEntropy.Tensors;

namespace LayerEntropy.Tests.Nn;

/// <summary>Inference runs a Linear layer and the ReLU after it as one pass: the same bits as running them one by one.</summary>
public class FusedForwardTests
{
    private static Tensor Batch(int seed, int count)
    {
        var random = new Random(seed);
        return new Tensor([.. Enumerable.Range(0, count * 784).Select(_ => (float)random.NextDouble())], count, 1, 28, 28);
    }

    /// <summary>Each layer's output, layer by layer through its own Forward (no fusion), copied.</summary>
    private static List<float[]> OneByOne(Sequential model, Tensor x)
    {
        var outputs = new List<float[]>();
        foreach (var layer in model.Layers)
        {
            x = layer.Forward(x, false);
            outputs.Add((float[])x.Data.Clone());
        }
        return outputs;
    }

    [Theory]
    [InlineData("mlp:40,20,12")]
    [InlineData("cnn:c4,p|fc16")]
    public void FusedInferenceGivesTheBitsOfTheLayersOneByOne(string spec)
    {
        var model = ModelSpec.Build(spec, [1, 28, 28], 10, seed: 5);
        var x = Batch(1, 37);
        var expected = OneByOne(model, x);
        Assert.Equal(expected[^1], model.Forward(x, false).Data);

        // Observing only the activations: the linear layers fuse, and each ReLU's output reaches the sink as it was.
        var layers = model.Layers.ToList();
        var seen = new Dictionary<Layer, float[]>();
        var logits = model.Forward(x, false, (layer, output) => seen[layer] = (float[])output.Data.Clone(), layer => layer is ReLU);
        Assert.Equal(expected[^1], logits.Data);
        Assert.Equal(layers.Where(l => l is ReLU), seen.Keys);
        foreach (var (layer, values) in seen) Assert.Equal(expected[layers.IndexOf(layer)], values);

        // Observing a linear layer keeps it unfused, so its own output is the pre-activation.
        var fc1 = layers.First(l => l is Linear);
        model.Forward(x, false, (layer, output) => seen[layer] = (float[])output.Data.Clone(), layer => layer == fc1);
        Assert.Equal(expected[layers.IndexOf(fc1)], seen[fc1]);
        Assert.Contains(seen[fc1], v => v < 0);
    }
}
